import { eq, sql } from 'drizzle-orm';
import type { MessageThread } from '../../../../../contracts/openness/messages.ts';
import { inTransaction, type Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { messageReplies, messages } from '../schema.ts';
import { keptBody } from './leave-message.ts';
import { threadOf } from './list-messages.ts';
import { noticeAnswerers, noticeAuthor } from './notice.ts';
import { presentThread } from './present.ts';
import { answeredInTime } from './rules.ts';

/** The message, locked for this transaction: two replies at once still set first_answered_at once. */
async function lockMessage(tx: Tx, id: number) {
  const [row] = await tx
    .select({ m: messages, orgName: orgs.name })
    .from(messages)
    .innerJoin(orgs, eq(orgs.id, messages.orgId))
    .where(eq(messages.id, id))
    .for('update', { of: messages });
  if (!row) throw notFound({ zh: '留言', en: 'Message' });
  return row;
}

/**
 * The same words from the same side as the thread's last entry: one reply sent twice (a double
 * tap, two tabs — the second waits on the message's lock), kept once and answered the same.
 */
const sentTwice = (thread: { byKind: string; body: string }[], byKind: 'org' | 'author', body: string) => {
  const last = thread.at(-1);
  return last?.byKind === byKind && last.body === body;
};

const closedAlready = () =>
  conflict('message_closed', { zh: '该留言已办结，不能再回复', en: 'This message is closed' });

/**
 * The org answers: a reply in the thread, signed with the org's name. The first reply fixes
 * first_answered_at, which "answered in time" reads (rules.ts); later replies never move it.
 */
export async function replyToMessage(ctx: Ctx, id: number, text: string): Promise<MessageThread> {
  const actor = actorOf(ctx);
  const body = keptBody(text);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgName } = await lockMessage(tx, id);
    authorize(actor, 'message.answer', m.orgPath, {
      zh: '无权答复该留言：它是留给您管理范围以外的党组织的',
      en: 'You may not answer this message: it was left for an organization outside your scope',
    });
    if (m.status === 'closed') throw closedAlready();
    const thread = await threadOf(tx, m.id);
    if (sentTwice(thread, 'org', body)) return presentThread(ctx, m, orgName, thread);
    const now = ctx.now();
    const [reply] = await tx
      .insert(messageReplies)
      .values({
        messageId: m.id,
        byKind: 'org',
        byUserId: actor.userId,
        byName: orgName,
        body,
        createdAt: now,
      })
      .returning({ id: messageReplies.id });
    const [updated] = await tx
      .update(messages)
      .set({
        status: 'answered',
        firstAnsweredAt: sql`coalesce(${messages.firstAnsweredAt}, ${now.toISOString()}::timestamptz)`,
        lastReplyAt: now,
      })
      .where(eq(messages.id, m.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'message.replied',
      targetType: 'message',
      targetId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: {
        body,
        first: m.firstAnsweredAt === null,
        ...(m.firstAnsweredAt === null ? { inTime: answeredInTime(now, m.dueAt) } : {}),
      },
    });
    // a member who wrote is told the org has answered
    await noticeAuthor(tx, ctx, m, orgName, { id: reply.id, body });
    return presentThread(ctx, updated, orgName, await threadOf(tx, m.id));
  });
}

/** The org closes a message (办结), saying why; its counts stay as they were. */
export async function closeMessage(ctx: Ctx, id: number, reason: string): Promise<MessageThread> {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgName } = await lockMessage(tx, id);
    authorize(actor, 'message.answer', m.orgPath);
    if (m.status === 'closed')
      throw conflict('message_closed', { zh: '该留言已办结', en: 'This message is closed already' });
    const [updated] = await tx
      .update(messages)
      .set({ status: 'closed', closedAt: ctx.now(), closedBy: actor.userId, closeReason: reason })
      .where(eq(messages.id, m.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'message.closed',
      targetType: 'message',
      targetId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      before: { status: m.status },
      after: { status: 'closed', reason },
    });
    return presentThread(ctx, updated, orgName, await threadOf(tx, m.id));
  });
}

/** The author, signed in, follows their message up: it waits for the org again. */
export async function followUpMessage(ctx: Ctx, id: number, text: string): Promise<MessageThread> {
  const actor = actorOf(ctx);
  const body = keptBody(text);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgName } = await lockMessage(tx, id);
    // someone else's message is, for this caller, no message at all
    if (m.authorUserId !== actor.userId) throw notFound({ zh: '留言', en: 'Message' });
    if (m.status === 'closed') throw closedAlready();
    const thread = await threadOf(tx, m.id);
    if (sentTwice(thread, 'author', body)) return presentThread(ctx, m, orgName, thread, true);
    const now = ctx.now();
    const [followUp] = await tx
      .insert(messageReplies)
      .values({
        messageId: m.id,
        byKind: 'author',
        byUserId: actor.userId,
        byName: m.authorName,
        body,
        createdAt: now,
      })
      .returning({ id: messageReplies.id });
    const [updated] = await tx
      .update(messages)
      .set({ status: 'open', lastReplyAt: now })
      .where(eq(messages.id, m.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'message.followed_up',
      targetType: 'message',
      targetId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: { body },
    });
    // it waits for the org again: those who answer for it are told
    await noticeAnswerers(tx, ctx, m, { id: followUp.id, body });
    return presentThread(ctx, updated, orgName, await threadOf(tx, m.id), true);
  });
}
