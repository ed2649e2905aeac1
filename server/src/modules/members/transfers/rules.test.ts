import { describe, expect, it } from 'vitest';
import {
  duesPaidUntil,
  expiredLetterAcceptance,
  formatLetterNo,
  isReceiptOverdue,
  issuingOrg,
  letterNoPrefix,
  letterTag,
  letterValidDays,
  nextLetterSeq,
  receiptDateProblem,
  receiptDueOn,
} from './rules.ts';

describe('介绍信有效期 (2007 通知: 最长不超过3个月)', () => {
  it('given the department allows 90 days, when no validity is asked for, then the letter is valid 90 days', () => {
    expect(letterValidDays(undefined, 90)).toBe(90);
  });
  it('given 90 days allowed, when 30 are asked for, then 30', () => {
    expect(letterValidDays(30, 90)).toBe(30);
  });
  it('given 90 days allowed, when 120 are asked for, then it is refused saying the longest', () => {
    expect(letterValidDays(120, 90)).toMatchObject({ zh: expect.stringContaining('最长 90 天') });
  });
});

describe('超期介绍信 (2007 通知: 因特殊情况超期的，需由所在党支部出具证明)', () => {
  it('given a letter valid until 1 March, when it is presented on 1 March, then it is valid', () => {
    expect(expiredLetterAcceptance('2026-03-01', '2026-03-01', null)).toBe('valid');
  });
  it('given a letter valid until 1 March, when it is presented on 2 March without a certificate, then it is refused', () => {
    expect(expiredLetterAcceptance('2026-03-01', '2026-03-02', null)).toBe('refused');
    expect(expiredLetterAcceptance('2026-03-01', '2026-03-02', '  ')).toBe('refused');
  });
  it('given a letter valid until 1 March, when it is presented on 2 March with the branch’s certificate, then it is taken in on it', () => {
    expect(expiredLetterAcceptance('2026-03-01', '2026-03-02', '原党支部 3 月 2 日出具证明')).toBe(
      'on_certificate',
    );
  });
});

describe('回执 (2007 通知, 回执制度: 接收后一个月内寄回)', () => {
  it('given a member taken in on 15 January, when the receipt is due within one month, then it is due on 15 February', () => {
    expect(receiptDueOn('2026-01-15', 1)).toBe('2026-02-15');
  });
  it('given a member taken in on 31 January, then the month ends with the first of March (the short month has no 31st)', () => {
    expect(receiptDueOn('2026-01-31', 1)).toBe('2026-03-01');
  });
  it('given a receipt due on 15 February and not recorded, when it is 16 February, then it is overdue; on the 15th it is not', () => {
    const t = { status: 'accepted', receiptDueOn: '2026-02-15', receiptOn: null };
    expect(isReceiptOverdue(t, '2026-02-15')).toBe(false);
    expect(isReceiptOverdue(t, '2026-02-16')).toBe(true);
  });
  it('given the receipt was recorded, or the member not taken in, then nothing is overdue', () => {
    expect(
      isReceiptOverdue(
        { status: 'accepted', receiptDueOn: '2026-02-15', receiptOn: '2026-02-20' },
        '2026-03-01',
      ),
    ).toBe(false);
    expect(isReceiptOverdue({ status: 'pending', receiptDueOn: null, receiptOn: null }, '2026-03-01')).toBe(
      false,
    );
  });
  it('a receipt is dated between the day the member was taken in and today', () => {
    expect(receiptDateProblem('2026-02-01', '2026-01-15', '2026-02-10')).toBeNull();
    expect(receiptDateProblem('2026-01-14', '2026-01-15', '2026-02-10')?.zh).toContain('不能早于接收日期');
    expect(receiptDateProblem('2026-02-11', '2026-01-15', '2026-02-10')?.zh).toContain('不能晚于今天');
  });
});

describe('党费交到 X 年 X 月, from the payment records', () => {
  it('given dues counted from January and paid January to May, then the letter says paid until May', () => {
    const paidMonths = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
    expect(duesPaidUntil({ start: '2026-01', paidMonths, thisMonth: '2026-06' })).toBe('2026-05');
  });
  it('given a gap in March, then the unbroken run ends with February, whatever was paid after', () => {
    const paidMonths = ['2026-01', '2026-02', '2026-04', '2026-05'];
    expect(duesPaidUntil({ start: '2026-01', paidMonths, thisMonth: '2026-06' })).toBe('2026-02');
  });
  it('given nothing paid since counting started in April, then paid until March, the month before', () => {
    expect(duesPaidUntil({ start: '2026-04', paidMonths: ['2025-12'], thisMonth: '2026-06' })).toBe(
      '2026-03',
    );
  });
  it('given dues paid three months ahead, then the letter says so', () => {
    const paidMonths = ['2026-05', '2026-06', '2026-07', '2026-08'];
    expect(duesPaidUntil({ start: '2026-05', paidMonths, thisMonth: '2026-05' })).toBe('2026-08');
  });
  it('given an approved exemption (免交, 2008 规定第六条) from March with no end, then its months count as settled up to this month only', () => {
    const paidMonths = ['2026-01', '2026-02'];
    const exempt = [{ fromMonth: '2026-03', toMonth: null }];
    expect(duesPaidUntil({ start: '2026-01', paidMonths, exempt, thisMonth: '2026-06' })).toBe('2026-06');
  });
});

describe('介绍信编号: the issuer is the base committee (条例第二十五条), numbered per year', () => {
  const line = [
    { id: 1, kind: 'committee', depth: 0, name: '中共青山区委员会' },
    { id: 2, kind: 'committee', depth: 1, name: '中共青山区清河镇委员会' },
    { id: 3, kind: 'general_branch', depth: 2, name: '清河镇石门村党总支' },
    { id: 4, kind: 'branch', depth: 3, name: '石门村第一党支部' },
  ];
  it('given a branch under a general branch under the town committee, then the town committee issues the letter', () => {
    expect(issuingOrg(line)?.id).toBe(2);
  });
  it('the issuer’s tag is its short name without the committee word and the administrative suffix', () => {
    expect(letterTag({ name: '中共青山区清河镇委员会', shortName: '清河镇党委', place: '清河镇' })).toBe(
      '清河',
    );
    expect(letterTag({ name: '中共青山区直机关工作委员会', shortName: '区直机关工委' })).toBe('区直机关');
    expect(letterTag({ name: '中共青山区委员会', shortName: '青山区委' })).toBe('青山');
    expect(letterTag({ name: '中共青山区教育系统委员会', shortName: null, place: null })).toBe(
      '青山区教育系统',
    );
  });
  it('given 2026-清河-0006 was the last letter of the year, then the next is 2026-清河-0007', () => {
    const prefix = letterNoPrefix('2026', '清河');
    expect(formatLetterNo(prefix, nextLetterSeq(prefix, ['2026-清河-0006']))).toBe('2026-清河-0007');
  });
  it('given no letter yet this year, then the first is 0001; numbers of other years or issuers do not count', () => {
    const prefix = letterNoPrefix('2027', '清河');
    expect(nextLetterSeq(prefix, ['2026-清河-0099', '2027-石桥-0005'])).toBe(1);
    expect(formatLetterNo(prefix, 1)).toBe('2027-清河-0001');
  });
  it('past 9999 the sequence simply grows', () => {
    const prefix = letterNoPrefix('2026', '清河');
    expect(formatLetterNo(prefix, nextLetterSeq(prefix, ['2026-清河-9999']))).toBe('2026-清河-10000');
  });
});
