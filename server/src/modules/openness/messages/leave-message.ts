import { randomBytes, randomInt } from 'node:crypto';
import type { z } from 'zod';
import type {
  LeaveMessage,
  LeavePublicMessage,
  MessageThread,
  PublicChallenge,
  PublicMessageForm,
  PublicMessageReceipt,
} from '../../../../../contracts/openness/messages.ts';
import { inTransaction, nextIds, type Tx } from '../../../db/client.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../../platform/http/errors.ts';
import { bind } from '../../../platform/pii/index.ts';
import { findOrg, type OrgRow } from '../../../platform/tree/index.ts';
import { memberOfUser } from '../../members/index.ts';
import { messages } from '../schema.ts';
import { noticeAnswerers } from './notice.ts';
import { presentThread } from './present.ts';
import { checkChallenge, dueAt, newChallenge, plainText, type Signer } from './rules.ts';
import { messageAnswerDays, workingCalendar } from './settings.ts';

/** The challenge's signature: an HMAC under the server's own key (platform/pii), kept apart by its kind. */
const signer =
  (ctx: Pick<Ctx, 'pii'>): Signer =>
  (payload) =>
    ctx.pii.blindIndex('message-challenge', payload);

async function orgOrNotFound(ctx: Pick<Ctx, 'db'>, orgId: number): Promise<OrgRow> {
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  return org;
}

/** A body (a message, a reply) as kept: plain text; markup alone is no text. */
export function keptBody(body: string): string {
  const kept = plainText(body);
  if (!kept)
    throw fieldError('body', {
      zh: '内容不能为空（网页标记和脚本不会保存）',
      en: 'the text is empty (markup and scripts are not kept)',
    });
  return kept;
}

/** What the public form shows: the org, and within how many working days it answers. */
export async function publicMessageForm(ctx: Ctx, orgId: number): Promise<z.infer<typeof PublicMessageForm>> {
  const org = await orgOrNotFound(ctx, orgId);
  return {
    orgId: String(org.id),
    orgName: org.name,
    answerWithinDays: await getSetting(ctx.db, messageAnswerDays),
  };
}

/** A fresh question for the public form (rules.ts: ten minutes, one message). */
export function publicChallenge(ctx: Ctx): z.infer<typeof PublicChallenge> {
  const c = newChallenge(signer(ctx), ctx.now(), randomBytes(16).toString('hex'), (n) => randomInt(n));
  return { question: c.question[ctx.lang], token: c.token, expiresAt: c.expiresAt.toISOString() };
}

type Author =
  | { kind: 'member'; userId: number; memberId: number; name: string }
  | { kind: 'public'; name: string; phone: string; nonce: string };

/** One message, its deadline fixed as it arrives (rules.ts dueAt, the department's settings). */
async function createMessage(tx: Tx, ctx: Ctx, org: OrgRow, author: Author, body: string) {
  const days = await getSetting(tx, messageAnswerDays);
  const calendar = await getSetting(tx, workingCalendar);
  const now = ctx.now();
  const [id] = await nextIds(tx, 'messages', 1);
  const [row] = await tx
    .insert(messages)
    .values({
      id,
      orgId: org.id,
      // the database sets it from org_id (migration 0016); given here for the type
      orgPath: org.path,
      authorKind: author.kind,
      authorUserId: author.kind === 'member' ? author.userId : null,
      authorMemberId: author.kind === 'member' ? author.memberId : null,
      authorName: author.name,
      phoneEnc:
        author.kind === 'public' ? ctx.pii.encrypt(author.phone, bind('messages', 'phone', id)) : null,
      phoneIndex: author.kind === 'public' ? ctx.pii.blindIndex('phone', author.phone) : null,
      body,
      createdAt: now,
      dueAt: dueAt(now, days, calendar),
      challengeNonce: author.kind === 'public' ? author.nonce : null,
    })
    .onConflictDoNothing({ target: messages.challengeNonce })
    .returning();
  if (!row)
    throw fieldError('challengeAnswer', {
      zh: '这道验证题已经用过，请换一题再提交',
      en: 'this question has been used already; get a new one',
    });
  await recordAudit(tx, ctx, {
    action: 'message.left',
    targetType: 'message',
    targetId: row.id,
    orgId: org.id,
    orgPath: org.path,
    actorName: ctx.actor ? undefined : `${author.name}（群众）`,
    // the audit masks a field named phone
    after: {
      authorKind: author.kind,
      authorName: author.name,
      ...(author.kind === 'public' ? { phone: author.phone } : {}),
      body,
      dueAt: row.dueAt,
    },
  });
  // those who answer for the org are told, in this transaction: a message not saved told nobody
  await noticeAnswerers(tx, ctx, row);
  return { row, days };
}

/**
 * A member of the public leaves a message: the challenge first (rules.ts), then the message, its
 * phone encrypted. Their phone is kept to verify by SMS once that channel exists; until then the
 * challenge and the per-address rate limit (routes.ts) are what stand in front of a flood.
 */
export async function leavePublicMessage(
  ctx: Ctx,
  orgId: number,
  input: z.infer<typeof LeavePublicMessage>,
): Promise<z.infer<typeof PublicMessageReceipt>> {
  const checked = checkChallenge(signer(ctx), input.challengeToken, input.challengeAnswer, ctx.now());
  if (!checked.ok) {
    if (checked.why === 'expired')
      throw fieldError('challengeToken', {
        zh: '验证题已过期（10分钟内有效），请换一题',
        en: 'the question has expired (valid for 10 minutes); get a new one',
      });
    if (checked.why === 'malformed')
      throw fieldError('challengeToken', {
        zh: '验证题无效，请换一题',
        en: 'not a valid question; get a new one',
      });
    throw fieldError('challengeAnswer', { zh: '验证题答案不正确', en: 'wrong answer to the question' });
  }
  const body = keptBody(input.body);
  const org = await orgOrNotFound(ctx, orgId);
  return inTransaction(ctx.db, async (tx) => {
    const { row, days } = await createMessage(
      tx,
      ctx,
      org,
      { kind: 'public', name: input.name, phone: input.phone, nonce: checked.nonce },
      body,
    );
    return { id: String(row.id), orgName: org.name, answerWithinDays: days, dueAt: row.dueAt.toISOString() };
  });
}

/** A signed-in member leaves a message for an org (their branch, or any other). */
export async function leaveMemberMessage(
  ctx: Ctx,
  orgId: number,
  input: z.infer<typeof LeaveMessage>,
): Promise<MessageThread> {
  const actor = actorOf(ctx);
  const body = keptBody(input.body);
  const org = await orgOrNotFound(ctx, orgId);
  const me = await memberOfUser(ctx.db, actor.userId);
  if (!me)
    throw new AppError(404, 'no_member_record', {
      zh: '您的账号尚未关联党员信息，请联系所在党支部',
      en: 'Your account is not linked to a member record; ask your branch',
    });
  return inTransaction(ctx.db, async (tx) => {
    const { row } = await createMessage(
      tx,
      ctx,
      org,
      { kind: 'member', userId: actor.userId, memberId: me.memberId, name: me.name },
      body,
    );
    return presentThread(ctx, row, org.name, [], true);
  });
}
