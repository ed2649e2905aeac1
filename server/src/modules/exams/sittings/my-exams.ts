import { sql } from 'drizzle-orm';
import type { MyExams } from '../../../../../contracts/exams/sittings.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { phaseOf } from './present.ts';
import { personOf } from './store.ts';

/**
 * 我的考试: the published exams the member may sit — open ones first (closing soonest), then those
 * to come, then the closed (latest first, a year back) — with their attempts.
 */
export async function myExams(ctx: Ctx): Promise<MyExams> {
  const me = await personOf(ctx.db, actorOf(ctx).userId);
  if (!me) return { items: [] };
  const now = ctx.now();
  const { rows } = await ctx.db.execute<{
    id: number;
    title: string;
    description: string;
    org_name: string;
    opens_at: Date;
    closes_at: Date;
    duration_minutes: number;
    total_points: number;
    pass_score: number;
    attempts_allowed: number;
    status: 'published' | 'cancelled';
    question_count: number;
    used: number;
    open_id: number | null;
    best: number | null;
    passed: boolean | null;
    last_id: number | null;
  }>(sql`
    select e.id, e.title, e.description, o.name as org_name, e.opens_at, e.closes_at, e.duration_minutes,
           e.total_points, e.pass_score, e.attempts_allowed, e.status,
           case when e.draw->>'kind' = 'fixed' then jsonb_array_length(e.draw->'ids')
                else (select coalesce(sum((r->>'count')::int), 0) from jsonb_array_elements(e.draw->'rules') r) end::int
             as question_count,
           (select count(*) from exam_attempts a where a.exam_id = e.id and a.member_id = c.member_id)::int as used,
           (select a.id from exam_attempts a where a.exam_id = e.id and a.member_id = c.member_id and a.status = 'open') as open_id,
           (select max(a.score) from exam_attempts a where a.exam_id = e.id and a.member_id = c.member_id and a.status = 'graded') as best,
           (select bool_or(a.passed) from exam_attempts a where a.exam_id = e.id and a.member_id = c.member_id and a.status = 'graded') as passed,
           (select a.id from exam_attempts a where a.exam_id = e.id and a.member_id = c.member_id and a.status <> 'open'
             order by a.submitted_at desc limit 1) as last_id
      from exam_candidates c
      join exams e on e.id = c.exam_id
      join orgs o on o.id = e.org_id
     where c.member_id = ${me.memberId} and e.status = 'published' and e.closes_at > ${new Date(now.getTime() - 365 * 86_400_000)}
     order by e.closes_at desc
     limit 200`);
  const rank = { open: 0, upcoming: 1, closed: 2 } as const;
  const items = rows.map((r) => {
    const phase = phaseOf(
      { opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at), status: r.status },
      now,
    );
    return {
      id: String(r.id),
      title: r.title,
      description: r.description,
      orgName: r.org_name,
      opensAt: new Date(r.opens_at).toISOString(),
      closesAt: new Date(r.closes_at).toISOString(),
      durationMinutes: r.duration_minutes,
      questionCount: r.question_count,
      totalPoints: r.total_points,
      passScore: r.pass_score,
      attemptsAllowed: r.attempts_allowed,
      attemptsUsed: r.used,
      phase,
      openAttemptId: r.open_id == null ? null : String(r.open_id),
      bestScore: r.best == null ? null : Number(r.best),
      passed: r.passed,
      lastAttemptId: r.last_id == null ? null : String(r.last_id),
    };
  });
  items.sort(
    (x, y) =>
      rank[x.phase] - rank[y.phase] ||
      (x.phase === 'closed' ? y.closesAt.localeCompare(x.closesAt) : x.closesAt.localeCompare(y.closesAt)),
  );
  return { items };
}

/** Exams open now that the member has not finished (the tile's badge). */
export async function myOpenCount(ctx: Ctx): Promise<{ count: number }> {
  const { items } = await myExams(ctx);
  return {
    count: items.filter(
      (e) =>
        e.phase === 'open' && (e.openAttemptId || e.attemptsUsed < e.attemptsAllowed) && e.bestScore === null,
    ).length,
  };
}
