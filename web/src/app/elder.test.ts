import { describe, expect, it } from 'vitest';
import { elderFrom } from './elder.ts';

describe('长辈版 is remembered per device', () => {
  it('the cookie decides when there is one (the portal writes it too)', () => {
    expect(elderFrom('hy_elder=1', null)).toBe(true);
    expect(elderFrom('a=b; hy_elder=0', '1')).toBe(false);
    expect(elderFrom('x=1;hy_elder=1', '0')).toBe(true);
  });
  it('without the cookie, localStorage does; nothing at all is the standard mode', () => {
    expect(elderFrom('', '1')).toBe(true);
    expect(elderFrom('other_hy_elder=1', '0')).toBe(false);
    expect(elderFrom('', null)).toBe(false);
  });
});
