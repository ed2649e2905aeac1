import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type { OrgResult, ResultQuery, ResultRow } from '../../../../../contracts/exams/sittings.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError, notFound } from '../../../platform/http/errors.ts';
import { findOrg, inSubtree } from '../../../platform/tree/index.ts';
import { noticePeople } from '../../members/index.ts';
import { examFor, type ExamRow } from '../sittings/store.ts';

// 成绩 (issue 15 item 6): each candidate's best graded score, ranked in the exam and in their org.

type Status = z.infer<typeof ResultQuery>['status'];

type Raw = {
  member_id: number;
  org_id: number;
  org_name: string;
  attempts: number;
  score: number | null;
  rank: number | null;
  org_rank: number | null;
  submitted_at: string | Date | null;
  total: number;
};

/**
 * Every candidate with their submitted attempts, best graded score (an attempt waiting for a
 * grader counts once graded) and when they last submitted; dense ranks of the best score in the
 * exam and within the candidate's org (ties share a rank; those without a score have none).
 */
function rankedSql(e: ExamRow): SQL {
  return sql`
    with best as (
      select c.member_id, c.org_id, c.org_path,
             count(a.id) filter (where a.status <> 'open')::int as attempts,
             max(a.score) filter (where a.status = 'graded') as score,
             max(a.submitted_at) as submitted_at
        from exam_candidates c
        left join exam_attempts a on a.exam_id = c.exam_id and a.member_id = c.member_id
       where c.exam_id = ${e.id}
       group by c.member_id, c.org_id, c.org_path)
    select b.*,
           case when b.score is not null then dense_rank() over (order by b.score desc nulls last) end::int as rank,
           case when b.score is not null
                then dense_rank() over (partition by b.org_id order by b.score desc nulls last) end::int as org_rank
      from best b`;
}

function statusFilter(status: Status, passScore: number): SQL {
  switch (status) {
    case 'sat':
      return sql`r.attempts > 0`;
    case 'absent':
      return sql`r.attempts = 0`;
    case 'passed':
      return sql`r.score >= ${passScore}`;
    case 'failed':
      return sql`r.score < ${passScore}`;
    default:
      return sql`true`;
  }
}

/** Rows of the table: best first, then by org and member; `limit` null reads them all (the export). */
async function resultRows(
  db: Queryable,
  e: ExamRow,
  o: { orgPath?: string; status: Status; limit: number | null; offset: number },
): Promise<{ rows: ResultRow[]; total: number }> {
  const { rows } = await db.execute<Raw>(sql`
    with ranked as (${rankedSql(e)})
    select r.member_id, r.org_id, coalesce(org.name, '') as org_name, r.attempts, r.score, r.rank, r.org_rank,
           r.submitted_at, count(*) over ()::int as total
      from ranked r
      left join orgs org on org.id = r.org_id
     where ${statusFilter(o.status, e.passScore)}
       ${o.orgPath ? sql`and ${inSubtree(sql`r.org_path`, o.orgPath)}` : sql``}
     order by r.rank nulls last, r.org_path, r.member_id
    ${o.limit == null ? sql`` : sql`limit ${o.limit} offset ${o.offset}`}`);
  // names from the members module (a member who has since left keeps their name on the list)
  const people = await noticePeople.describe(
    db,
    rows.map((r) => Number(r.member_id)),
  );
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    rows: rows.map((r) => {
      const score = r.score == null ? null : Number(r.score);
      return {
        memberId: String(r.member_id),
        name: people.get(Number(r.member_id))?.name ?? '',
        orgId: String(r.org_id),
        orgName: r.org_name,
        attempts: Number(r.attempts),
        score,
        passed: score == null ? null : score >= e.passScore,
        rank: r.rank == null ? null : Number(r.rank),
        orgRank: r.org_rank == null ? null : Number(r.org_rank),
        submittedAt: r.submitted_at == null ? null : new Date(r.submitted_at).toISOString(),
      };
    }),
  };
}

/** The org a filter names, which must lie within the exam's org (400 naming orgId otherwise). */
async function orgWithin(db: Queryable, e: ExamRow, orgId: string | undefined) {
  if (!orgId) return null;
  const org = await findOrg(db, Number(orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  if (!org.path.startsWith(e.orgPath))
    throw fieldError('orgId', {
      zh: '所选党组织不在组织考试的党组织之内',
      en: 'the organization is outside the exam’s organization',
    });
  return org;
}

/** 成绩: a page of the candidates, filtered by org (and below) and by whether they sat and passed. */
export async function examResults(
  ctx: Ctx,
  id: number,
  q: z.infer<typeof ResultQuery>,
): Promise<Page<ResultRow>> {
  const e = await examFor(ctx, ctx.db, id, 'exam.view');
  const org = await orgWithin(ctx.db, e, q.orgId);
  const { rows, total } = await resultRows(ctx.db, e, {
    orgPath: org?.path,
    status: q.status,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  if (!rows.length && q.page > 1) {
    // past the end: the count comes from the first page's statement
    const first = await resultRows(ctx.db, e, { orgPath: org?.path, status: q.status, limit: 1, offset: 0 });
    return { items: [], total: first.total, page: q.page, pageSize: q.pageSize };
  }
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

/** Every candidate's row (the export). */
export async function allResults(db: Queryable, e: ExamRow): Promise<ResultRow[]> {
  return (await resultRows(db, e, { status: 'all', limit: null, offset: 0 })).rows;
}

type OrgRaw = {
  org_id: number;
  org_name: string;
  candidates: number;
  sat: number;
  passed: number;
  average: number | null;
};

/**
 * 组织统计: per child of the chosen org (the exam's by default), over its whole subtree: candidates,
 * who sat, who passed (best graded score ≥ the pass score), the average best score, and the
 * children ranked by it (ties share). Candidates attached to the chosen org itself are a row of it.
 * (Org paths are ids and slashes: `like path || '%'` needs no escaping.)
 */
export async function orgResults(
  ctx: Ctx,
  id: number,
  orgId: string | undefined,
): Promise<{ items: OrgResult[] }> {
  const e = await examFor(ctx, ctx.db, id, 'exam.view');
  const org = (await orgWithin(ctx.db, e, orgId)) ?? (await findOrg(ctx.db, e.orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  const { rows } = await ctx.db.execute<OrgRaw>(sql`
    with groups as (
      select o.id, o.name, o.path, false as self, o.sort_order
        from orgs o where o.parent_id = ${org.id}
      union all
      select o.id, o.name, o.path, true, -1 from orgs o where o.id = ${org.id}),
    best as (
      select c.member_id, c.org_path, max(a.score) filter (where a.status = 'graded') as score,
             count(a.id) filter (where a.status <> 'open') as attempts
        from exam_candidates c
        left join exam_attempts a on a.exam_id = c.exam_id and a.member_id = c.member_id
       where c.exam_id = ${e.id} and ${inSubtree(sql`c.org_path`, org.path)}
       group by c.member_id, c.org_path)
    select g.id as org_id, g.name as org_name,
           count(b.member_id)::int as candidates,
           count(b.member_id) filter (where b.attempts > 0)::int as sat,
           count(b.member_id) filter (where b.score >= ${e.passScore})::int as passed,
           round(avg(b.score)::numeric, 2)::float8 as average
      from groups g
      left join best b on (g.self and b.org_path = g.path)
                       or (not g.self and b.org_path like g.path || '%')
     group by g.id, g.name, g.self, g.sort_order
    having not g.self or count(b.member_id) > 0
     order by g.self desc, g.sort_order, g.id`);
  const averages = [...new Set(rows.flatMap((r) => (r.average == null ? [] : [Number(r.average)])))].sort(
    (a, b) => b - a,
  );
  return {
    items: rows.map((r) => ({
      orgId: String(r.org_id),
      orgName: r.org_name,
      candidates: Number(r.candidates),
      sat: Number(r.sat),
      passed: Number(r.passed),
      average: r.average == null ? null : Number(r.average),
      rank: r.average == null ? null : averages.indexOf(Number(r.average)) + 1,
    })),
  };
}
