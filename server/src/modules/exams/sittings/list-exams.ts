import { and, desc, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Exam } from '../../../../../contracts/exams/sittings.ts';
import type { Page } from '../../../../../contracts/common.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize, scopePaths } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg, inSubtree, inSubtrees, orgs } from '../../../platform/tree/index.ts';
import { exams, papers } from '../schema.ts';
import { presentExam } from './present.ts';
import { examFor, type ExamRow } from './store.ts';

/** Each exam's org and paper names and how many attempts are in, and short answers waiting. */
async function extrasOf(db: Queryable, rows: readonly ExamRow[]) {
  const ids = rows.map((e) => e.id);
  if (!ids.length) return new Map();
  const { rows: counts } = await db.execute<{ exam_id: number; submitted: number; pending: number }>(sql`
    select exam_id, count(*) filter (where status <> 'open')::int as submitted, coalesce(sum(pending), 0)::int as pending
      from exam_attempts where exam_id = any(${sql.param(ids)}::int8[]) group by exam_id`);
  const byExam = new Map(counts.map((c) => [Number(c.exam_id), c]));
  const names = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.id, [...new Set(rows.map((e) => e.orgId))]));
  const orgName = new Map(names.map((o) => [o.id, o.name]));
  const titles = await db
    .select({ id: papers.id, title: papers.title })
    .from(papers)
    .where(inArray(papers.id, [...new Set(rows.map((e) => e.paperId))]));
  const paperTitle = new Map(titles.map((p) => [p.id, p.title]));
  return new Map(
    rows.map((e) => [
      e.id,
      {
        orgName: orgName.get(e.orgId) ?? '',
        paperTitle: paperTitle.get(e.paperId) ?? '',
        submittedCount: byExam.get(e.id)?.submitted ?? 0,
        pendingCount: byExam.get(e.id)?.pending ?? 0,
      },
    ]),
  );
}

/** 考试列表: the exams held by the orgs of the caller's subtree (or the org chosen), newest first. */
export async function listExams(
  ctx: Ctx,
  q: { orgId?: string; q?: string; page: number; pageSize: number },
): Promise<Page<Exam>> {
  const actor = actorOf(ctx);
  const where: SQL[] = [];
  if (q.orgId) {
    const org = await findOrg(ctx.db, Number(q.orgId));
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'exam.view', org.path);
    where.push(inSubtree(exams.orgPath, org.path));
  } else where.push(inSubtrees(scopePaths(actor, 'exam.view'), exams.orgPath));
  if (q.q?.trim()) where.push(ilike(exams.title, `%${q.q.trim().replace(/[\\%_]/g, '\\$&')}%`));
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(exams)
    .where(and(...where));
  const rows = await ctx.db
    .select()
    .from(exams)
    .where(and(...where))
    .orderBy(desc(exams.opensAt), desc(exams.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const extras = await extrasOf(ctx.db, rows);
  const now = ctx.now();
  return {
    items: rows.map((e) => presentExam(actor, e, extras.get(e.id), now)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function readExamIn(ctx: Ctx, db: Queryable, id: number): Promise<Exam> {
  const e = await examFor(ctx, db, id, 'exam.view');
  const extras = await extrasOf(db, [e]);
  return presentExam(actorOf(ctx), e, extras.get(e.id), ctx.now());
}

export const readExam = (ctx: Ctx, id: number) => readExamIn(ctx, ctx.db, id);
