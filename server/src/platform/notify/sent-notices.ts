import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { SentNotice } from '../../../../contracts/notify.ts';
import type { Queryable } from '../../db/client.ts';
import { authorize } from '../access/index.ts';
import { listScope } from '../access/scope.ts';
import { users } from '../auth/schema.ts';
import { actorOf, type Ctx } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { paginate } from '../http/pagination.ts';
import { orgs } from '../tree/index.ts';
import { presentSent } from './present.ts';
import { type NoticeRow, noticeReceipts, notices } from './schema.ts';

export const NOTICE = { zh: '通知', en: 'Notice' };

/** Read count from the receipts themselves (an index-only count: notice_receipts_read_idx). */
const readCount = sql<number>`(select count(*) from ${noticeReceipts} r where r.notice_id = ${notices.id} and r.read_at is not null)::int`;

const columns = { n: notices, orgName: orgs.name, sentBy: users.displayName, read: readCount };

async function sentRows(db: Queryable, where: SQL | undefined, limit: number, offset: number) {
  return db
    .select(columns)
    .from(notices)
    .innerJoin(orgs, eq(orgs.id, notices.orgId))
    .leftJoin(users, eq(users.id, notices.sentBy))
    .where(where)
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(limit)
    .offset(offset);
}

/** Notices sent by the orgs in the caller's scope (or one subtree of it), newest first, with read counts. */
export async function listSentNotices(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    orgId?: string;
    kind?: string;
    sourceType?: string;
    sourceId?: string;
  },
) {
  const scope = await listScope(ctx, 'notice.view', q.orgId);
  const where = and(
    scope.covers(notices.orgPath),
    q.kind ? eq(notices.kind, q.kind) : undefined,
    q.sourceType ? eq(notices.sourceType, q.sourceType) : undefined,
    q.sourceId ? eq(notices.sourceId, q.sourceId) : undefined,
  );
  return paginate<SentNotice>(q, {
    rows: async (limit, offset) =>
      (await sentRows(ctx.db, where, limit, offset)).map((r) =>
        presentSent(ctx, r.n, { orgName: r.orgName, sentBy: r.sentBy, read: r.read }),
      ),
    count: () => ctx.db.select({ n: count() }).from(notices).where(where),
  });
}

/**
 * A notice the caller may see as a sender: 404 when there is none, 403 when its org is outside
 * the caller's scope for `action`. `lock` takes the row for the rest of the transaction.
 */
export async function loadSentNotice(
  db: Queryable,
  ctx: Ctx,
  id: number,
  action: 'notice.view' | 'notice.send',
  lock = false,
): Promise<NoticeRow> {
  const q = db.select().from(notices).where(eq(notices.id, id));
  const [n] = lock ? await q.for('update') : await q;
  if (!n) throw notFound(NOTICE);
  authorize(actorOf(ctx), action, n.orgPath);
  return n;
}

export async function presentSentById(db: Queryable, ctx: Ctx, id: number): Promise<SentNotice> {
  const [r] = await sentRows(db, eq(notices.id, id), 1, 0);
  return presentSent(ctx, r.n, { orgName: r.orgName, sentBy: r.sentBy, read: r.read });
}

/** One notice as its sender sees it. */
export async function readSentNotice(ctx: Ctx, id: number): Promise<SentNotice> {
  await loadSentNotice(ctx.db, ctx, id, 'notice.view');
  return presentSentById(ctx.db, ctx, id);
}
