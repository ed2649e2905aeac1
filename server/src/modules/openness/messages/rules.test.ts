import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../../platform/time.ts';
import {
  answeredInTime,
  CHALLENGE_VALID_MS,
  checkChallenge,
  daysOverdue,
  dueAt,
  isOverdue,
  newChallenge,
  plainText,
} from './rules.ts';

const at = (iso: string) => new Date(iso);

describe('the answer is due at the end of the fifth working day after the message arrived (民法典 201, 203)', () => {
  it('a message on a Monday morning is due at midnight the next Monday: the day it came is not counted', () => {
    expect(dueAt(at('2026-03-02T10:00:00+08:00'), 5, CALENDAR_2026)).toEqual(
      at('2026-03-09T23:59:59.999+08:00'),
    );
  });

  it('a message on a Friday before 国庆, the day 中秋 begins, is due on Friday 9 October, after both holidays', () => {
    // 9/28, 9/29, 9/30 are worked, 10/1–10/7 are off, then 10/8 and 10/9
    expect(dueAt(at('2026-09-25T09:00:00+08:00'), 5, CALENDAR_2026)).toEqual(
      at('2026-10-09T23:59:59.999+08:00'),
    );
  });

  it('a message the Friday before counts the Sunday worked in exchange (9月20日) as its first day', () => {
    expect(dueAt(at('2026-09-18T16:00:00+08:00'), 5, CALENDAR_2026)).toEqual(
      at('2026-09-24T23:59:59.999+08:00'),
    );
  });

  it('a message the day before 春节 counts the Saturday worked (2月14日), skips the nine days off, and is due on 27 February', () => {
    expect(dueAt(at('2026-02-13T11:00:00+08:00'), 5, CALENDAR_2026)).toEqual(
      at('2026-02-27T23:59:59.999+08:00'),
    );
  });

  it('the day is Beijing’s: a message at 01:30 on Saturday in Beijing (Friday evening UTC) counts from Saturday', () => {
    expect(dueAt(at('2026-03-06T17:30:00Z'), 5, CALENDAR_2026)).toEqual(at('2026-03-13T23:59:59.999+08:00'));
  });

  it('the department may give more days: ten working days from a Monday end on the Monday two weeks on', () => {
    expect(dueAt(at('2026-03-02T10:00:00+08:00'), 10, CALENDAR_2026)).toEqual(
      at('2026-03-16T23:59:59.999+08:00'),
    );
  });
});

describe('answered in time, overdue, days overdue', () => {
  const due = at('2026-03-09T23:59:59.999+08:00');

  it('a first reply up to the last instant of the due day is in time; a minute after midnight is late; none is not', () => {
    expect(answeredInTime(at('2026-03-09T23:59:00+08:00'), due)).toBe(true);
    expect(answeredInTime(at('2026-03-10T00:01:00+08:00'), due)).toBe(false);
    expect(answeredInTime(null, due)).toBe(false);
  });

  it('a message is overdue when nobody has answered it by the deadline and it is not closed', () => {
    const open = { firstAnsweredAt: null, dueAt: due, status: 'open' };
    expect(isOverdue(open, at('2026-03-09T20:00:00+08:00'))).toBe(false);
    expect(isOverdue(open, at('2026-03-10T08:00:00+08:00'))).toBe(true);
    expect(
      isOverdue(
        { ...open, firstAnsweredAt: at('2026-03-10T09:00:00+08:00') },
        at('2026-03-11T08:00:00+08:00'),
      ),
    ).toBe(false);
    expect(isOverdue({ ...open, status: 'closed' }, at('2026-03-11T08:00:00+08:00'))).toBe(false);
  });

  it('days overdue are calendar days from the due day to today in Beijing, at least one once past', () => {
    expect(daysOverdue(due, at('2026-03-09T12:00:00+08:00'))).toBe(0);
    expect(daysOverdue(due, at('2026-03-10T00:30:00+08:00'))).toBe(1);
    expect(daysOverdue(due, at('2026-03-13T09:00:00+08:00'))).toBe(4);
  });
});

describe('a message body is kept as plain text (issue 13, bad input: script stored sanitized)', () => {
  it('a script goes with its content; an image with an event handler goes; the words stay', () => {
    expect(plainText('您好<script>alert("x")</script>，路灯坏了<img src=x onerror=alert(1)>请修')).toBe(
      '您好，路灯坏了请修',
    );
  });

  it('formatting tags go and their text stays; comparisons written as text stay', () => {
    expect(plainText('<b>急</b>：3 > 2，a < b')).toBe('急：3 > 2，a < b');
  });

  it('control characters go, line breaks stay, blank runs shrink', () => {
    expect(plainText('第一行\u0007\r\n\n\n\n第二行  \n')).toBe('第一行\n\n第二行');
  });
});

describe('the public’s challenge: a sum, good for ten minutes', () => {
  const sign = (p: string) => createHmac('sha256', 'test-key').update(p).digest('base64url');
  const now = at('2026-03-02T10:00:00+08:00');
  const nonce = '0123456789abcdef0123';
  const c = newChallenge(sign, now, nonce, () => 0); // 11 + 2
  const later = (ms: number) => new Date(now.getTime() + ms);

  it('asks in both languages and does not carry the answer', () => {
    expect(c.question).toEqual({ zh: '11 加 2 等于几？', en: 'What is 11 plus 2?' });
    expect(c.token.split('.').slice(0, 2)).toEqual([nonce, String(now.getTime() + CHALLENGE_VALID_MS)]);
    expect(c.token).not.toContain('.13.');
  });

  it('the right answer within ten minutes passes and gives the nonce to spend', () => {
    expect(checkChallenge(sign, c.token, ' 13 ', later(9 * 60_000))).toEqual({ ok: true, nonce });
  });

  it('a wrong answer, a late one, a forged or mangled token are refused', () => {
    expect(checkChallenge(sign, c.token, '14', now)).toEqual({ ok: false, why: 'wrong' });
    expect(checkChallenge(sign, c.token, 'thirteen', now)).toEqual({ ok: false, why: 'wrong' });
    expect(checkChallenge(sign, c.token, '13', later(CHALLENGE_VALID_MS + 1))).toEqual({
      ok: false,
      why: 'expired',
    });
    const forged = `${nonce}.${now.getTime() + 86_400_000}.${c.token.split('.')[2]}`;
    expect(checkChallenge(sign, forged, '13', now)).toEqual({ ok: false, why: 'wrong' });
    expect(checkChallenge(sign, 'abc', '13', now)).toEqual({ ok: false, why: 'malformed' });
    // the same nonce spelt otherwise is not a fresh one
    expect(checkChallenge(sign, c.token.replace(nonce, nonce.toUpperCase()), '13', now)).toEqual({
      ok: false,
      why: 'malformed',
    });
  });
});
