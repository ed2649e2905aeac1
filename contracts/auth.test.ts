import { describe, expect, it } from 'vitest';
import { NewPassword, passwordShortfall } from './auth.ts';

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

describe('a weak password is told what it lacks, not the rule again', () => {
  it('two kinds of character: the two that would make a third, either one', () => {
    expect(passwordShortfall('hongyunHONG')?.zh).toBe('还缺少数字或符号');
    expect(passwordShortfall('hongyun2026')?.zh).toBe('还缺少大写字母或符号');
    expect(passwordShortfall('hongyun2026')?.en).toBe('add an upper-case letter or a symbol');
  });
  it('one kind only: two more of the other three', () => {
    expect(passwordShortfall('hongyunhong')?.zh).toBe('还缺少两类字符：大写字母、数字、符号中任选两类');
  });
  it('too short: how many more characters', () => {
    expect(passwordShortfall('Hy@1')?.zh).toBe('还差 4 位（至少 8 位）');
    expect(passwordShortfall('hy1')?.zh).toBe('还差 5 位（至少 8 位），还缺少大写字母或符号');
  });
  it('too long: by how much', () => {
    expect(passwordShortfall(`Aa1${'a'.repeat(63)}`)?.zh).toBe('长了 2 位（最多 64 位）');
  });
  it('a password that passes lacks nothing', () => {
    expect(passwordShortfall('Hongyun@2026')).toBeNull();
  });
  it('the contract says the same', () => {
    const r = NewPassword.safeParse('hongyunHONG');
    expect(r.success ? null : r.error.issues[0].message).toBe('还缺少数字或符号');
  });
});
