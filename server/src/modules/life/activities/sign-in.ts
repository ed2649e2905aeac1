import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Activity,
  CardSignIn,
  RollCall,
  SignInMethod,
  SignInResult,
} from '../../../../../contracts/life/activities.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { verifyStudyCard } from '../../../platform/auth/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, conflict, fieldError, forbidden } from '../../../platform/http/errors.ts';
import { type ActivityPerson, activityPeople, memberOfUser } from '../../members/index.ts';
import { activities, activityAttendees } from '../schema.ts';
import { refusedNow } from './errors.ts';
import { activityView } from './read-activity.ts';
import { checkQrCode, QR_GRACE_SECONDS, QR_STEP_SECONDS, qrCode, qrStep, signInRefusal } from './rules.ts';
import { type ActivityRow, activityFor, findActivity } from './store.ts';

const notAttendee = (name: string) =>
  new AppError(403, 'not_attendee', {
    zh: `${name}不在本次活动的参会名单中，不能签到（本活动是本党支部党员的组织生活）`,
    en: `${name} is not on this activity's list of attendees`,
  });

const otherOrgs = () =>
  forbidden({
    zh: '这是其他党组织的活动，您不在参会名单中，不能签到',
    en: "This is another organization's activity and you are not on its list",
  });

/**
 * The one sign-in, whichever way it came: the attendee's row is locked, a second sign-in is told
 * when the first was and writes nothing, and a refused one (closed, cancelled, a bad code) writes
 * nothing either. The activity is read FOR SHARE: 200 phones sign in side by side, while closing
 * sign-in waits for them (and they for it).
 */
async function signIn(
  ctx: Ctx,
  activityId: number,
  me: ActivityPerson,
  method: SignInMethod,
  check: (a: ActivityRow) => void = () => {},
): Promise<SignInResult> {
  return inTransaction(ctx.db, async (tx) => {
    const [a] = await tx.select().from(activities).where(eq(activities.id, activityId)).for('share');
    const [row] = await tx
      .select()
      .from(activityAttendees)
      .where(and(eq(activityAttendees.activityId, activityId), eq(activityAttendees.memberId, me.memberId)))
      .for('update');
    // on a phone, a member of another org is told so; at the kiosk or a roll call, who is not listed
    if (!row)
      throw method === 'qr' && !can(actorOf(ctx), 'activity.attend', a.orgPath)
        ? otherOrgs()
        : notAttendee(me.name);
    const result = (at: Date, how: SignInMethod, already: boolean): SignInResult => ({
      activityId: String(a.id),
      topic: a.topic,
      memberName: row.name,
      signedInAt: at.toISOString(),
      method: how,
      already,
    });
    if (row.signedInAt) return result(row.signedInAt, row.method as SignInMethod, true);
    const now = ctx.now();
    const refusal = signInRefusal(a, now);
    if (refusal) throw refusedNow(refusal);
    check(a);
    await tx
      .update(activityAttendees)
      .set({ signedInAt: now, method })
      .where(and(eq(activityAttendees.activityId, activityId), eq(activityAttendees.memberId, me.memberId)));
    await recordAudit(tx, ctx, {
      action: 'activity.signed_in',
      targetType: 'activity',
      targetId: a.id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      after: { memberId: me.memberId, method },
    });
    return result(now, method, false);
  });
}

/**
 * 扫码签到: the member's own logged-in phone, with the code it read from the room's screen. A
 * member of another branch is refused before anything else (it is not their organization's life).
 */
export async function signInByQr(ctx: Ctx, activityId: number, code: string): Promise<SignInResult> {
  const actor = actorOf(ctx);
  // the list decides, not the member's own org: a 党总支's general meeting or a town's 党课 is
  // attended by members of the branches below it (signIn refuses whoever is not on the list)
  await findActivity(ctx.db, activityId);
  const me = await memberOfUser(ctx.db, actor.userId);
  if (!me)
    throw forbidden({
      zh: '您的账号没有关联党员档案，不能签到；请联系党支部书记',
      en: 'Your account is not linked to a member record; ask the branch secretary',
    });
  return signIn(ctx, activityId, me, 'qr', (row) => {
    const check = checkQrCode(row.secret, row.id, code, ctx.now());
    if (check === 'expired')
      throw new AppError(
        400,
        'qr_expired',
        {
          zh: `二维码已过期（每 ${QR_STEP_SECONDS} 秒更换一次）：请扫描会场屏幕上当前的二维码`,
          en: `This code has expired (it changes every ${QR_STEP_SECONDS} seconds): scan the one on the screen now`,
        },
        [{ path: 'code', message: '二维码已过期', messageEn: 'expired' }],
      );
    if (check !== 'ok')
      throw fieldError('code', {
        zh: '二维码无效：不是本次活动的签到二维码',
        en: "not this activity's sign-in code",
      });
  });
}

/**
 * 学习卡签到 at a kiosk: the card and its password say who stands there (checked as a card login
 * is, with its lock: platform/auth verifyStudyCard). The kiosk acts in its own session — an
 * account holding activity.kiosk on the activity's org (the secretary's, an org admin's or the
 * station manager's, signed in with a password: a card session acts only as a member).
 */
export async function signInByCard(
  ctx: Ctx,
  activityId: number,
  input: z.infer<typeof CardSignIn>,
): Promise<SignInResult> {
  await activityFor(ctx, ctx.db, activityId, 'activity.kiosk');
  const holder = await verifyStudyCard(ctx, input.cardNo, input.password);
  const me = await memberOfUser(ctx.db, holder.userId);
  if (!me)
    throw fieldError('cardNo', {
      zh: '该学习卡没有关联党员档案，不能签到',
      en: 'this card is not linked to a member record',
    });
  return signIn(ctx, activityId, me, 'card');
}

/**
 * 点名: the secretary marks those present. Someone not on the list but a member of the branch is
 * added (not expected, present); one already signed in keeps their own sign-in. Allowed after
 * sign-in closed: the roll call is how a late or phoneless member is recorded.
 */
export async function rollCall(
  ctx: Ctx,
  activityId: number,
  input: z.infer<typeof RollCall>,
): Promise<Activity> {
  return inTransaction(ctx.db, async (tx) => {
    const a = await activityFor(ctx, tx, activityId, 'activity.manage', true);
    if (a.status === 'cancelled')
      throw conflict('activity_cancelled', {
        zh: '该活动已取消，不能点名',
        en: 'This activity was cancelled',
      });
    const ids = [...new Set(input.memberIds.map(Number))];
    const onList = await tx
      .select({ memberId: activityAttendees.memberId })
      .from(activityAttendees)
      .where(and(eq(activityAttendees.activityId, activityId), inArray(activityAttendees.memberId, ids)));
    const listed = new Set(onList.map((r) => r.memberId));
    const others = ids.filter((id) => !listed.has(id));
    const added = await addable(tx, a, others);
    const now = ctx.now();
    if (added.length)
      await tx.insert(activityAttendees).values(
        added.map((p) => ({
          activityId,
          memberId: p.memberId,
          name: p.name,
          expected: false,
          signedInAt: now,
          method: 'roll_call',
        })),
      );
    const marked = await tx
      .update(activityAttendees)
      .set({ signedInAt: now, method: 'roll_call' })
      .where(
        and(
          eq(activityAttendees.activityId, activityId),
          inArray(activityAttendees.memberId, [...listed]),
          isNull(activityAttendees.signedInAt),
        ),
      )
      .returning({ memberId: activityAttendees.memberId });
    // the same roll call saved twice (a double tap, two tabs) waits for the first on the activity's
    // lock and then finds everyone marked: it answers the same and writes nothing
    if (!marked.length && !added.length) return activityView(ctx, tx, a);
    await recordAudit(tx, ctx, {
      action: 'activity.roll_call',
      targetType: 'activity',
      targetId: a.id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      after: { present: marked.map((m) => m.memberId), added: added.map((p) => p.memberId) },
    });
    return activityView(ctx, tx, a);
  });
}

/** Members named at the roll call who are not on the list: only the branch's own, in good standing. */
async function addable(tx: Queryable, a: ActivityRow, ids: number[]) {
  if (!ids.length) return [];
  const people = (await activityPeople(tx, { memberIds: ids })).filter((p) =>
    p.orgPath.startsWith(a.orgPath),
  );
  if (people.length < ids.length) {
    const ok = new Set(people.map((p) => p.memberId));
    const stray = ids.filter((id) => !ok.has(id));
    throw fieldError('memberIds', {
      zh: `有 ${stray.length} 名党员不属于本党支部或不在正常党籍状态，不能点名登记（编号 ${stray.slice(0, 5).join('、')}）`,
      en: `${stray.length} member(s) are not members of this branch in good standing`,
    });
  }
  return people;
}

/** 开放/结束签到: the secretary closes sign-in (the QR code stops) or opens it again. */
export async function setSignInOpen(ctx: Ctx, activityId: number, open: boolean): Promise<Activity> {
  return inTransaction(ctx.db, async (tx) => {
    const a = await activityFor(ctx, tx, activityId, 'activity.manage', true);
    if (a.status === 'cancelled')
      throw conflict('activity_cancelled', { zh: '该活动已取消', en: 'This activity was cancelled' });
    if (a.signInOpen === open) return activityView(ctx, tx, a);
    const [row] = await tx
      .update(activities)
      .set({ signInOpen: open, updatedAt: ctx.now() })
      .where(eq(activities.id, activityId))
      .returning();
    await recordAudit(tx, ctx, {
      action: open ? 'activity.sign_in_opened' : 'activity.sign_in_closed',
      targetType: 'activity',
      targetId: a.id,
      orgId: a.orgId,
      orgPath: a.orgPath,
      before: { signInOpen: a.signInOpen },
      after: { signInOpen: open },
    });
    return activityView(ctx, tx, row);
  });
}

/** The code the room's screen shows now (it asks again when `nextAt` comes). */
export async function currentQr(ctx: Ctx, activityId: number) {
  const a = await activityFor(ctx, ctx.db, activityId, 'activity.manage');
  const now = ctx.now();
  const refusal = signInRefusal(a, now);
  if (refusal) throw refusedNow(refusal);
  const step = qrStep(now);
  const code = qrCode(a.secret, a.id, step);
  return {
    code,
    path: `/m/activities/${a.id}/sign?c=${encodeURIComponent(code)}`,
    step,
    validFrom: new Date(step * QR_STEP_SECONDS * 1000).toISOString(),
    nextAt: new Date((step + 1) * QR_STEP_SECONDS * 1000).toISOString(),
    graceSeconds: QR_GRACE_SECONDS,
  };
}
