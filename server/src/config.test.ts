import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration of the security knobs (issue 11)', () => {
  it('TRUST_PROXY is a hop count or a list of proxy addresses, never "trust whatever the client wrote"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });

  it('card sessions idle out after CARD_IDLE_MINUTES (10); the per-account login limit has a default', () => {
    const c = loadConfig({});
    expect(c.cardIdleMinutes).toBe(10);
    expect(loadConfig({ CARD_IDLE_MINUTES: '5' }).cardIdleMinutes).toBe(5);
    expect(c.loginNameLimit).toBe(20);
    expect(c.loginNameWindowMinutes).toBe(15);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ COOKIE_SECURE: '0' }).cookieSecure).toBe(false);
  });
});
