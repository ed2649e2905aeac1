import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActivityFrequency, ActivityKind } from '../../../../../contracts/life/activities.ts';
import type { Text } from '../../../platform/http/errors.ts';
import { periodOf } from '../../../platform/time.ts';

// ── how often (中国共产党支部工作条例（试行）, 2018) ───────────────────────────────────────────────

/**
 * The frequencies the 支部工作条例 sets, the department's default (settings.ts), per kind:
 * - 支部党员大会 "一般每季度召开1次" (第十一条);
 * - 支部委员会会议 "一般每月召开1次" (第十二条);
 * - 党小组会 "一般每月召开1次" (第十三条);
 * - 党课: 三会一课 (第十九条); quarterly, the figure issue 13 adopts and most provinces apply;
 * - 主题党日 "每月相对固定1天" (第十九条);
 * - 组织生活会 "每年至少召开1次" (第二十条);
 * - 民主生活会 is held by leading bodies of committees at county level and above (《县以上党和国家
 *   机关党员领导干部民主生活会若干规定》), not by branches: no requirement on a branch.
 */
export const REQUIRED_FREQUENCIES: Record<ActivityKind, ActivityFrequency> = {
  general_meeting: 'quarterly',
  committee_meeting: 'monthly',
  group_meeting: 'monthly',
  party_lecture: 'quarterly',
  party_day: 'monthly',
  life_meeting: 'yearly',
  democratic_life_meeting: 'none',
};

export type KindState = { due: boolean; overduePeriod: string | null };

/**
 * Due and overdue of one kind for one branch on a day: due while none is held yet in the current
 * period (it may still be, until the period's last day); overdue when the last complete period went
 * by without one — a missed requirement the superior sees, whatever the current period holds.
 */
export function kindState(
  f: ActivityFrequency,
  day: string,
  held: { thisPeriod: number; lastPeriod: number },
): KindState {
  if (f === 'none') return { due: false, overduePeriod: null };
  return {
    due: held.thisPeriod === 0,
    overduePeriod: held.lastPeriod === 0 ? periodOf(f, day, 1)!.label : null,
  };
}

// ── the rotating QR code ──────────────────────────────────────────────────────────────────────

/** The code on the room's screen changes every 30 seconds (issue 13, item 4). */
export const QR_STEP_SECONDS = 30;

/**
 * A code is accepted for its own 30 seconds plus 10: a member who scans it in its last second
 * still has the time the phone takes to open the link and send it (camera app → browser → our
 * page, on a village network), while a code is never good for more than 40 seconds after it
 * appeared — a photo forwarded to someone at home arrives, is opened and sent later than that, and
 * a code 40 seconds old is refused.
 */
export const QR_GRACE_SECONDS = 10;

export const qrStep = (now: Date) => Math.floor(now.getTime() / 1000 / QR_STEP_SECONDS);

function mac(secret: string, activityId: number, step: number): string {
  return createHmac('sha256', secret).update(`${activityId}.${step}`).digest('base64url').slice(0, 22);
}

/** The code of a step: the activity, the step and an HMAC of both keyed with the activity's secret. */
export function qrCode(secret: string, activityId: number, step: number): string {
  return `${activityId}.${step}.${mac(secret, activityId, step)}`;
}

export type QrCheck = 'ok' | 'malformed' | 'forged' | 'expired';

/**
 * Whether a code read from the screen signs in to `activityId` at `now`: made with this
 * activity's secret for this activity (else forged), and `now` within its step plus the grace
 * (else expired; a step still to come is as good as forged: no screen showed it).
 */
export function checkQrCode(secret: string, activityId: number, code: string, now: Date): QrCheck {
  const m = /^(\d{1,19})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code);
  if (!m) return 'malformed';
  const [, id, stepText, given] = m;
  const step = Number(stepText);
  const want = Buffer.from(mac(secret, activityId, step));
  if (Number(id) !== activityId || !timingSafeEqual(Buffer.from(given), want)) return 'forged';
  const validFrom = step * QR_STEP_SECONDS * 1000;
  const validUntil = validFrom + (QR_STEP_SECONDS + QR_GRACE_SECONDS) * 1000;
  const t = now.getTime();
  if (t < validFrom) return 'forged';
  return t < validUntil ? 'ok' : 'expired';
}

// ── when sign-in is accepted ──────────────────────────────────────────────────────────────────

/** Sign-in opens an hour before the start: members arrive early, the screen goes up before. */
export const SIGN_IN_OPENS_MINUTES_BEFORE = 60;
/** …and ends an hour after the end, unless the secretary closed it before. */
export const SIGN_IN_CLOSES_MINUTES_AFTER = 60;

export type SignInFacts = { status: string; signInOpen: boolean; startsAt: Date; endsAt: Date };
export type SignInRefusal = { code: string; text: Text };

/** Why a member cannot sign in now (QR code or study card), or null when they can. */
export function signInRefusal(a: SignInFacts, now: Date): SignInRefusal | null {
  if (a.status === 'cancelled')
    return {
      code: 'activity_cancelled',
      text: { zh: '该活动已取消，无需签到', en: 'This activity was cancelled' },
    };
  const opens = a.startsAt.getTime() - SIGN_IN_OPENS_MINUTES_BEFORE * 60_000;
  const closes = a.endsAt.getTime() + SIGN_IN_CLOSES_MINUTES_AFTER * 60_000;
  if (!a.signInOpen || now.getTime() >= closes)
    return {
      code: 'sign_in_closed',
      text: {
        zh: '签到已结束，不能再签到；如确实参加了，请向书记说明，由书记点名登记',
        en: 'Sign-in has closed; if you were there, ask the secretary to record you at the roll call',
      },
    };
  if (now.getTime() < opens)
    return {
      code: 'sign_in_not_open',
      text: {
        zh: `签到尚未开始：活动开始前 ${SIGN_IN_OPENS_MINUTES_BEFORE} 分钟开放签到`,
        en: `Sign-in opens ${SIGN_IN_OPENS_MINUTES_BEFORE} minutes before the start`,
      },
    };
  return null;
}

// ── attendance ────────────────────────────────────────────────────────────────────────────────

export type AttendeeFacts = { expected: boolean; signedIn: boolean; leave: string | null };
export type AttendanceFigures = {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  rate: number | null;
};

/**
 * 出勤率: those present over those who were due. Due: the attendees expected when planned, less
 * those on approved leave who did not come (approved leave is not an absence); someone on leave
 * who came after all counts as present. Someone the roll call added counts as present and due.
 */
export function attendance(list: readonly AttendeeFacts[]): AttendanceFigures {
  let expected = 0;
  let present = 0;
  let leave = 0;
  let due = 0;
  for (const a of list) {
    if (a.expected) expected++;
    if (a.signedIn) present++;
    const excused = a.leave === 'approved' && !a.signedIn;
    if (excused) leave++;
    if ((a.expected || a.signedIn) && !excused) due++;
  }
  return { expected, present, leave, absent: due - present, rate: due ? present / due : null };
}

// ── planning, leave, minutes ───────────────────────────────────────────────────────────────────

export type Problem = { path: string; text: Text };

/** An activity lasts at most 12 hours (a Party day outing) and is planned at most a year ahead or back. */
export const MAX_HOURS = 12;

export function planProblems(p: { startsAt: Date; endsAt: Date }, now: Date): Problem[] {
  const out: Problem[] = [];
  const hours = (p.endsAt.getTime() - p.startsAt.getTime()) / 3_600_000;
  if (hours <= 0)
    out.push({ path: 'endsAt', text: { zh: '结束时间须晚于开始时间', en: 'must be after the start' } });
  else if (hours > MAX_HOURS)
    out.push({
      path: 'endsAt',
      text: { zh: `一次活动最长 ${MAX_HOURS} 小时`, en: `an activity lasts at most ${MAX_HOURS} hours` },
    });
  const year = 366 * 86_400_000;
  if (Math.abs(p.startsAt.getTime() - now.getTime()) > year)
    out.push({
      path: 'startsAt',
      text: {
        zh: '开始时间须在前后一年之内（补录一年以前的活动请联系上级党组织）',
        en: 'must be within a year of today',
      },
    });
  return out;
}

/** A member asks for leave before the activity ends, not once signed in, not twice once decided. */
export function leaveRefusal(
  a: { status: string; endsAt: Date },
  me: { signedIn: boolean; leave: string | null },
  now: Date,
): SignInRefusal | null {
  if (a.status === 'cancelled')
    return {
      code: 'activity_cancelled',
      text: { zh: '该活动已取消，无需请假', en: 'This activity was cancelled' },
    };
  if (now.getTime() >= a.endsAt.getTime())
    return { code: 'activity_over', text: { zh: '活动已结束，不能再请假', en: 'The activity is over' } };
  if (me.signedIn)
    return {
      code: 'already_signed_in',
      text: { zh: '您已签到，无需请假', en: 'You have signed in already' },
    };
  if (me.leave === 'approved' || me.leave === 'refused')
    return {
      code: 'leave_decided',
      text: {
        zh: me.leave === 'approved' ? '您的请假已获批准' : '您的请假未获批准；如有变化请直接联系书记',
        en:
          me.leave === 'approved'
            ? 'Your leave was approved already'
            : 'Your leave was refused; talk to the secretary',
      },
    };
  return null;
}

/** The minutes are recorded once the activity has begun (they record what happened), never for a cancelled one. */
export function minutesRefusal(a: { status: string; startsAt: Date }, now: Date): SignInRefusal | null {
  if (a.status === 'cancelled')
    return {
      code: 'activity_cancelled',
      text: { zh: '该活动已取消，不能记录会议记录', en: 'This activity was cancelled' },
    };
  if (now.getTime() < a.startsAt.getTime())
    return {
      code: 'activity_not_started',
      text: { zh: '活动尚未开始，开始后才能记录会议记录', en: 'The activity has not begun yet' },
    };
  return null;
}
