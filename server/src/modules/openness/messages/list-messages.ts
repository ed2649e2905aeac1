import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Message,
  MessageFilter,
  MessageListQuery,
  MessageThread,
  MineQuery,
} from '../../../../../contracts/openness/messages.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { messageReplies, messages } from '../schema.ts';
import { type MessageRow, presentMessage, presentThread } from './present.ts';

const replyCount = sql<number>`(select count(*)::int from message_replies r where r.message_id = ${messages.id})`;

/** The inbox's filters in SQL (the same words as rules.ts isOverdue). */
export function filterSql(filter: MessageFilter | undefined, now: Date): SQL | undefined {
  switch (filter) {
    case 'waiting':
      return eq(messages.status, 'open');
    case 'unanswered':
      return and(isNull(messages.firstAnsweredAt), ne(messages.status, 'closed'));
    case 'overdue':
      return and(
        isNull(messages.firstAnsweredAt),
        ne(messages.status, 'closed'),
        sql`${messages.dueAt} < ${now.toISOString()}::timestamptz`,
      );
    case 'answered':
      return isNotNull(messages.firstAnsweredAt);
    case 'closed':
      return eq(messages.status, 'closed');
    default:
      return undefined;
  }
}

/** 留言箱: the messages left for the orgs in the caller's scope (or the subtree asked for), newest first. */
export async function listInbox(ctx: Ctx, q: z.infer<typeof MessageListQuery>): Promise<Page<Message>> {
  const scope = await listScope(ctx, 'message.answer', q.orgId);
  const where = and(scope.covers(messages.orgPath), filterSql(q.filter, ctx.now()));
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select({ m: messages, orgName: orgs.name, replies: replyCount })
        .from(messages)
        .innerJoin(orgs, eq(orgs.id, messages.orgId))
        .where(where)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(where),
  });
  return {
    ...page,
    items: page.items.map((r) => presentMessage(ctx, r.m, { orgName: r.orgName, replyCount: r.replies })),
  };
}

async function loadMessage(ctx: Ctx, id: number): Promise<{ m: MessageRow; orgName: string }> {
  const [row] = await ctx.db
    .select({ m: messages, orgName: orgs.name })
    .from(messages)
    .innerJoin(orgs, eq(orgs.id, messages.orgId))
    .where(eq(messages.id, id));
  if (!row) throw notFound({ zh: '留言', en: 'Message' });
  return row;
}

export const threadOf = (db: Queryable, id: number) =>
  db.select().from(messageReplies).where(eq(messageReplies.messageId, id)).orderBy(asc(messageReplies.id));

/** A message and its thread, for whoever answers for its org. */
export async function readMessage(ctx: Ctx, id: number): Promise<MessageThread> {
  const { m, orgName } = await loadMessage(ctx, id);
  authorize(actorOf(ctx), 'message.answer', m.orgPath);
  return presentThread(ctx, m, orgName, await threadOf(ctx.db, id));
}

/** 我的留言: what I left, newest first, each with its thread. */
export async function myMessages(ctx: Ctx, q: z.infer<typeof MineQuery>): Promise<Page<MessageThread>> {
  const where = eq(messages.authorUserId, actorOf(ctx).userId);
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select({ m: messages, orgName: orgs.name })
        .from(messages)
        .innerJoin(orgs, eq(orgs.id, messages.orgId))
        .where(where)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(where),
  });
  // every thread of the page in one query
  const ids = page.items.map((r) => r.m.id);
  const replies = ids.length
    ? await ctx.db
        .select()
        .from(messageReplies)
        .where(inArray(messageReplies.messageId, ids))
        .orderBy(asc(messageReplies.id))
    : [];
  return {
    ...page,
    items: page.items.map((r) =>
      presentThread(
        ctx,
        r.m,
        r.orgName,
        replies.filter((x) => x.messageId === r.m.id),
        true,
      ),
    ),
  };
}
