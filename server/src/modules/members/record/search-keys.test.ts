import { describe, expect, it } from 'vitest';
import { nameInitials, phoneTail } from './search-keys.ts';

describe('the pinyin initials a name is found by', () => {
  it('are the first letter of each syllable: 张三 is zs, 欧阳春花 oych', () => {
    expect(nameInitials('张三')).toBe('zs');
    expect(nameInitials('欧阳春花')).toBe('oych');
  });
  it('read the surname as a surname: 单 is shan, 曾 is zeng, 解 is xie', () => {
    expect(nameInitials('单雄信').split(' ')[0]).toBe('sxx');
    expect(nameInitials('曾国藩').split(' ')[0]).toBe('zgf');
    expect(nameInitials('解放').split(' ')[0]).toBe('xf');
  });
  it('give a polyphone of the given name both readings, the usual one first', () => {
    const readings = nameInitials('李乐').split(' ');
    expect(readings[0]).toBe('ll');
    expect(readings).toContain('ly');
  });
  it('keep letters of a Latin name in lower case and drop the separator dot', () => {
    expect(nameInitials('阿依古丽·买买提').split(' ')[0]).toBe('ayglmmt');
    expect(nameInitials('Tom李')).toBe('toml');
  });
  it('stop at eight readings however many polyphones a name has', () => {
    expect(nameInitials('王长行乐朝重').split(' ').length).toBeLessThanOrEqual(8);
  });
});

describe('the tail of a phone', () => {
  it('is its last four digits', () => {
    expect(phoneTail('13912345678')).toBe('5678');
  });
});
