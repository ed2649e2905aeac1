import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgId, type TestEnv, testEnv } from '../../../../test/harness.ts';

let env: TestEnv;
let town: number;
beforeAll(async () => {
  // a small limit, so that the test need not send hundreds of requests
  env = await testEnv({ publicRateLimitPerMinute: 3 });
  town = await orgId(env, '中共青山区清河镇委员会');
});
afterAll(() => env.close());

describe('the public org page is rate-limited per address (issue 13)', () => {
  it('answers the allowed requests, then refuses the address with a 429 that says when to retry', async () => {
    const get = (ip: string) =>
      env.app.inject({ method: 'GET', url: `/api/v1/public/orgs/${town}`, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await get('10.1.1.1')).statusCode).toBe(200);
    const refused = await get('10.1.1.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.json().error.message).toMatch(/^访问过于频繁，请 \d+ 秒后再试$/);
    // another address is not held back by the first one's requests
    expect((await get('10.2.2.2')).statusCode).toBe(200);
  });

  it('does not show an org that does not exist', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/public/orgs/999999999',
      remoteAddress: '10.3.3.3',
    });
    expect(res.statusCode).toBe(404);
  });
});
