import type { Readable } from 'node:stream';
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type {
  ThoughtReport,
  ThoughtReportState,
  ThoughtReportSummary,
} from '../../../../../contracts/life/thought-reports.ts';
import type { Page, PageQuery } from '../../../../../contracts/common.ts';
import { authorize } from '../../../platform/access/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { thoughtReportWriterOf } from '../../members/index.ts';
import { thoughtReports } from '../schema.ts';
import { reportsWith } from './hand-in.ts';
import { presentReport, presentSummary } from './present.ts';

export const REPORT = { zh: '思想汇报', en: 'Thought report' };

/**
 * 思想汇报 of the caller's scope (or of one org's subtree): those to review, oldest first, so none
 * waits at the bottom; those reviewed, latest review first; all, latest first.
 */
export async function listReports(
  ctx: Ctx,
  q: PageQuery & { orgId?: string; state?: ThoughtReportState; period?: string },
): Promise<Page<ThoughtReportSummary>> {
  const scope = await listScope(ctx, 'thought_report.review', q.orgId);
  const where = and(
    scope.covers(thoughtReports.orgPath),
    q.state === 'pending' ? isNull(thoughtReports.reviewedAt) : undefined,
    q.state === 'reviewed' ? isNotNull(thoughtReports.reviewedAt) : undefined,
    q.period ? eq(thoughtReports.period, q.period) : undefined,
  );
  const order =
    q.state === 'pending'
      ? [asc(thoughtReports.submittedAt), asc(thoughtReports.id)]
      : q.state === 'reviewed'
        ? [desc(thoughtReports.reviewedAt), desc(thoughtReports.id)]
        : [desc(thoughtReports.submittedAt), desc(thoughtReports.id)];
  const page = await paginate(q, {
    rows: (limit, offset) =>
      reportsWith(ctx.db)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset),
    count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(thoughtReports).where(where),
  });
  return { ...page, items: page.items.map((x) => presentSummary(ctx.actor, x.r, x, null)) };
}

async function loadInScope(ctx: Ctx, id: number) {
  const [row] = await reportsWith(ctx.db).where(eq(thoughtReports.id, id));
  if (!row) throw notFound(REPORT);
  authorize(actorOf(ctx), 'thought_report.review', row.r.orgPath, {
    zh: '无权查看该思想汇报：提交人所在党支部不在您的管理范围内',
    en: 'You may not read this report: the writer’s branch is outside your scope',
  });
  return row;
}

/** One report in full, for the branch's review drawer. */
export async function readReport(ctx: Ctx, id: number): Promise<ThoughtReport> {
  const row = await loadInScope(ctx, id);
  return presentReport(ctx.actor, row.r, row, null);
}

export type Download = { name: string; type: string; body: Readable };

async function download(
  ctx: Ctx,
  r: { attachmentKey: string | null; attachmentName: string | null; attachmentType: string | null },
): Promise<Download> {
  if (!r.attachmentKey) throw notFound({ zh: '附件', en: 'Attachment' });
  return {
    name: r.attachmentName ?? 'attachment',
    type: r.attachmentType ?? 'application/octet-stream',
    body: await fileStore(ctx.config).get(r.attachmentKey),
  };
}

/** The attachment of a report in the caller's scope. */
export async function reportAttachment(ctx: Ctx, id: number): Promise<Download> {
  return download(ctx, (await loadInScope(ctx, id)).r);
}

/** The attachment of one of my own reports (anyone else's: not found, as if it did not exist). */
export async function myReportAttachment(ctx: Ctx, id: number): Promise<Download> {
  const writer = await thoughtReportWriterOf(ctx.db, actorOf(ctx).userId);
  const [r] = writer
    ? await ctx.db
        .select()
        .from(thoughtReports)
        .where(and(eq(thoughtReports.id, id), eq(thoughtReports.memberId, writer.memberId)))
    : [];
  if (!r) throw notFound(REPORT);
  return download(ctx, r);
}
