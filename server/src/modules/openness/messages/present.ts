import type {
  Message,
  MessageStatus,
  MessageThread,
  Reply,
} from '../../../../../contracts/openness/messages.ts';
import type { Ctx } from '../../../platform/context.ts';
import { bind, maskPhone } from '../../../platform/pii/index.ts';
import type { messageReplies, messages } from '../schema.ts';
import { messageAbilities } from './policy.ts';
import { answeredInTime, daysOverdue, isOverdue } from './rules.ts';

export type MessageRow = typeof messages.$inferSelect;
type ReplyRow = typeof messageReplies.$inferSelect;

/**
 * What leaves the server of a message: the public author's phone masked (the ciphertext and its
 * index never), the body as stored plain text, the deadline and how it stands now, and what the
 * viewer may do with it. `asAuthor`: the author's own view, without their phone.
 */
export function presentMessage(
  ctx: Pick<Ctx, 'pii' | 'actor' | 'now'>,
  m: MessageRow,
  extra: { orgName: string; replyCount: number; asAuthor?: boolean },
): Message {
  const now = ctx.now();
  const phone =
    m.phoneEnc && !extra.asAuthor
      ? maskPhone(ctx.pii.decrypt(m.phoneEnc, bind('messages', 'phone', m.id)))
      : null;
  return {
    id: String(m.id),
    orgId: String(m.orgId),
    orgName: extra.orgName,
    authorKind: m.authorKind as Message['authorKind'],
    authorName: m.authorName,
    phone,
    body: m.body,
    status: m.status as MessageStatus,
    createdAt: m.createdAt.toISOString(),
    dueAt: m.dueAt.toISOString(),
    firstAnsweredAt: m.firstAnsweredAt?.toISOString() ?? null,
    overdue: isOverdue(m, now),
    daysOverdue: isOverdue(m, now) ? daysOverdue(m.dueAt, now) : 0,
    answeredInTime: m.firstAnsweredAt ? answeredInTime(m.firstAnsweredAt, m.dueAt) : null,
    replyCount: extra.replyCount,
    closeReason: m.closeReason,
    can: messageAbilities(ctx.actor, m),
  };
}

export function presentReply(r: ReplyRow): Reply {
  return {
    id: String(r.id),
    byKind: r.byKind as Reply['byKind'],
    byName: r.byName,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
  };
}

export function presentThread(
  ctx: Pick<Ctx, 'pii' | 'actor' | 'now'>,
  m: MessageRow,
  orgName: string,
  replies: ReplyRow[],
  asAuthor = false,
): MessageThread {
  return {
    ...presentMessage(ctx, m, { orgName, replyCount: replies.length, asAuthor }),
    replies: replies.map(presentReply),
  };
}
