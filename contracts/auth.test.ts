import { describe, expect, it } from 'vitest';
import { NewPassword } from './auth.ts';

describe('password policy', () => {
  it.each([
    ['Hongyun@2026', true],
    ['hongyun2026!', true],
    ['HONGYUN2026a', true],
    ['hongyun2026', false], // two classes
    ['Hy@1', false], // too short
    ['a'.repeat(65), false],
  ])('%s → %s', (pw, ok) => {
    expect(NewPassword.safeParse(pw).success).toBe(ok);
  });
});
