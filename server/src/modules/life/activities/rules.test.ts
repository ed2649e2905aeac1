import { describe, expect, it } from 'vitest';
import {
  attendance,
  checkQrCode,
  kindState,
  leaveRefusal,
  minutesRefusal,
  planProblems,
  QR_GRACE_SECONDS,
  QR_STEP_SECONDS,
  qrCode,
  qrStep,
  REQUIRED_FREQUENCIES,
  signInRefusal,
} from './rules.ts';

const at = (s: string) => new Date(s);

describe('中国共产党支部工作条例（试行）: how often each kind of activity is required', () => {
  it('支委会, 党小组会 and 主题党日 monthly; 党员大会 and 党课 quarterly; 组织生活会 yearly; 民主生活会 not of a branch', () => {
    expect(REQUIRED_FREQUENCIES).toEqual({
      committee_meeting: 'monthly',
      group_meeting: 'monthly',
      party_day: 'monthly',
      general_meeting: 'quarterly',
      party_lecture: 'quarterly',
      life_meeting: 'yearly',
      democratic_life_meeting: 'none',
    });
  });

  it('given a branch that held no 支委会 yet this month, it is due (there is still time)', () => {
    expect(kindState('monthly', '2026-11-20', { thisPeriod: 0, lastPeriod: 1 })).toEqual({
      due: true,
      overduePeriod: null,
    });
  });

  it('given a branch that held none last month either, last month is overdue, whatever this month holds', () => {
    expect(kindState('monthly', '2026-11-20', { thisPeriod: 0, lastPeriod: 0 })).toEqual({
      due: true,
      overduePeriod: '2026-10',
    });
    expect(kindState('monthly', '2026-11-20', { thisPeriod: 1, lastPeriod: 0 })).toEqual({
      due: false,
      overduePeriod: '2026-10',
    });
  });

  it('a quarterly 党员大会 held in the last quarter and this one: neither due nor overdue', () => {
    expect(kindState('quarterly', '2026-11-20', { thisPeriod: 1, lastPeriod: 2 })).toEqual({
      due: false,
      overduePeriod: null,
    });
  });

  it('a kind the department does not require is never due', () => {
    expect(kindState('none', '2026-11-20', { thisPeriod: 0, lastPeriod: 0 })).toEqual({
      due: false,
      overduePeriod: null,
    });
  });
});

describe('the QR code on the room’s screen changes every 30 seconds; a forwarded photo stops working', () => {
  const secret = 'k'.repeat(43);
  const shownAt = at('2026-11-20T06:30:00.000Z'); // a step boundary: 14:30:00 in Shanghai
  const step = qrStep(shownAt);
  const code = qrCode(secret, 42, step);

  it('the code names the activity and its 30-second step, and carries an HMAC of both', () => {
    expect(QR_STEP_SECONDS).toBe(30);
    expect(code).toMatch(new RegExp(`^42\\.${step}\\.[A-Za-z0-9_-]{22}$`));
    expect(qrCode(secret, 42, step + 1)).not.toBe(code);
  });

  it('is accepted during its 30 seconds and the 10 seconds of grace after', () => {
    expect(QR_GRACE_SECONDS).toBe(10);
    expect(checkQrCode(secret, 42, code, shownAt)).toBe('ok');
    expect(checkQrCode(secret, 42, code, new Date(shownAt.getTime() + 29_999))).toBe('ok');
    expect(checkQrCode(secret, 42, code, new Date(shownAt.getTime() + 39_999))).toBe('ok');
  });

  it('a code 40 seconds old is refused as expired', () => {
    expect(checkQrCode(secret, 42, code, new Date(shownAt.getTime() + 40_000))).toBe('expired');
    expect(checkQrCode(secret, 42, code, new Date(shownAt.getTime() + 3_600_000))).toBe('expired');
  });

  it("another activity's code, a code made without the secret, or a step still to come is refused as forged", () => {
    expect(checkQrCode(secret, 43, code, shownAt)).toBe('forged');
    expect(checkQrCode('another secret', 42, code, shownAt)).toBe('forged');
    expect(checkQrCode(secret, 42, `42.${step}.${'A'.repeat(22)}`, shownAt)).toBe('forged');
    expect(checkQrCode(secret, 42, qrCode(secret, 42, step + 2), shownAt)).toBe('forged');
  });

  it('anything else is not a code at all', () => {
    expect(checkQrCode(secret, 42, 'hello', shownAt)).toBe('malformed');
    expect(checkQrCode(secret, 42, `${code}x`, shownAt)).toBe('malformed');
  });
});

describe('when sign-in is accepted', () => {
  const a = {
    status: 'planned',
    signInOpen: true,
    startsAt: at('2026-11-20T06:30:00Z'),
    endsAt: at('2026-11-20T08:00:00Z'),
  };

  it('from an hour before the start to an hour after the end', () => {
    expect(signInRefusal(a, at('2026-11-20T05:29:59Z'))?.code).toBe('sign_in_not_open');
    expect(signInRefusal(a, at('2026-11-20T05:30:00Z'))).toBeNull();
    expect(signInRefusal(a, at('2026-11-20T08:59:59Z'))).toBeNull();
    expect(signInRefusal(a, at('2026-11-20T09:00:00Z'))?.code).toBe('sign_in_closed');
  });

  it('not once the secretary closed it, and not for a cancelled activity', () => {
    expect(signInRefusal({ ...a, signInOpen: false }, at('2026-11-20T06:40:00Z'))?.code).toBe(
      'sign_in_closed',
    );
    expect(signInRefusal({ ...a, status: 'cancelled' }, at('2026-11-20T06:40:00Z'))?.code).toBe(
      'activity_cancelled',
    );
  });

  it('a refusal after it closed tells the member how to be recorded all the same', () => {
    expect(signInRefusal({ ...a, signInOpen: false }, at('2026-11-20T06:40:00Z'))?.text.zh).toContain('点名');
  });
});

describe('出勤率: present over those due, approved leave not counted as absence', () => {
  const p = (expected: boolean, signedIn: boolean, leave: string | null = null) => ({
    expected,
    signedIn,
    leave,
  });

  it('given 10 expected, 7 present, 1 on approved leave: the rate is 7 of 9', () => {
    const list = [
      ...Array.from({ length: 7 }, () => p(true, true)),
      p(true, false, 'approved'),
      p(true, false),
      p(true, false),
    ];
    expect(attendance(list)).toEqual({ expected: 10, present: 7, leave: 1, absent: 2, rate: 7 / 9 });
  });

  it('a refused or undecided request is no excuse: that member is absent', () => {
    expect(attendance([p(true, true), p(true, false, 'refused'), p(true, false, 'requested')])).toMatchObject(
      {
        leave: 0,
        absent: 2,
        rate: 1 / 3,
      },
    );
  });

  it('someone on leave who came after all is present, and someone the roll call added counts too', () => {
    expect(attendance([p(true, true, 'approved'), p(false, true)])).toEqual({
      expected: 1,
      present: 2,
      leave: 0,
      absent: 0,
      rate: 1,
    });
  });

  it('when everyone is excused there is no rate', () => {
    expect(attendance([p(true, false, 'approved')]).rate).toBeNull();
  });
});

describe('planning, leave and minutes', () => {
  const now = at('2026-11-20T02:00:00Z');

  it('an activity ends after it starts and lasts at most 12 hours', () => {
    expect(
      planProblems({ startsAt: at('2026-11-21T06:00:00Z'), endsAt: at('2026-11-21T06:00:00Z') }, now),
    ).toEqual([expect.objectContaining({ path: 'endsAt' })]);
    expect(
      planProblems({ startsAt: at('2026-11-21T00:00:00Z'), endsAt: at('2026-11-21T12:00:01Z') }, now)[0].path,
    ).toBe('endsAt');
    expect(
      planProblems({ startsAt: at('2026-11-21T06:00:00Z'), endsAt: at('2026-11-21T08:00:00Z') }, now),
    ).toEqual([]);
  });

  it('one held on paper weeks ago may be entered afterwards, but not one more than a year away', () => {
    expect(
      planProblems({ startsAt: at('2026-10-02T06:00:00Z'), endsAt: at('2026-10-02T08:00:00Z') }, now),
    ).toEqual([]);
    expect(
      planProblems({ startsAt: at('2028-01-02T06:00:00Z'), endsAt: at('2028-01-02T08:00:00Z') }, now)[0].path,
    ).toBe('startsAt');
  });

  const a = { status: 'planned', startsAt: at('2026-11-21T06:00:00Z'), endsAt: at('2026-11-21T08:00:00Z') };
  it('leave is asked before the end, not once signed in, and again only while undecided', () => {
    expect(leaveRefusal(a, { signedIn: false, leave: null }, now)).toBeNull();
    expect(leaveRefusal(a, { signedIn: false, leave: 'requested' }, now)).toBeNull();
    expect(leaveRefusal(a, { signedIn: true, leave: null }, now)?.code).toBe('already_signed_in');
    expect(leaveRefusal(a, { signedIn: false, leave: 'approved' }, now)?.code).toBe('leave_decided');
    expect(leaveRefusal(a, { signedIn: false, leave: null }, at('2026-11-21T08:00:00Z'))?.code).toBe(
      'activity_over',
    );
  });

  it('minutes record what happened: not before the start, never for a cancelled activity', () => {
    expect(minutesRefusal(a, now)?.code).toBe('activity_not_started');
    expect(minutesRefusal(a, at('2026-11-21T06:00:00Z'))).toBeNull();
    expect(minutesRefusal({ ...a, status: 'cancelled' }, at('2026-11-22T00:00:00Z'))?.code).toBe(
      'activity_cancelled',
    );
  });
});
