import { sql } from 'drizzle-orm';
import type { Recommendation, Recommendations } from '../../../../../contracts/learning/recommend.ts';
import type { Ctx } from '../../../platform/context.ts';
import { ancestorPaths } from '../library/rules.ts';
import { blendCandidates, HISTORY, type Neighbour, orgWeightFor, scoreCandidates } from './rules.ts';
import { memberOf, type OfferedCourse, visibleAmong } from './store.ts';

/** How many candidates of each kind are checked against the member's scope at once. */
const CHECKED = 200;

const WHY = {
  org: '本支部热门',
  parent: '上级党组织热门',
  everywhere: '大家都在学',
} as const;

const present = (
  c: OfferedCourse,
  reason: Recommendation['reason'],
  because: { id: number; title: string } | null,
): Recommendation => ({
  id: String(c.id),
  kind: c.kind,
  title: c.title,
  durationSeconds: c.durationSeconds,
  charCount: c.charCount,
  reason,
  because: because ? { id: String(because.id), title: because.title } : null,
  why: reason === 'similar' ? `学过《${because?.title ?? ''}》的党员也学了` : WHY[reason],
});

/**
 * 为你推荐: the neighbours of the member's most recent finished courses (the nightly lists,
 * recommend/refresh.ts) and what their org's members finished most, blended by recommend/rules.ts;
 * then, when those are too few, what their parent org's subtree finished most, then everyone. Never
 * a course they finished or dismissed, only published courses open to them. A few indexed reads
 * whatever the scale: the member's rows, at most 50 × 30 neighbours, three short lists.
 */
export async function myRecommendations(ctx: Ctx, limit: number): Promise<Recommendations> {
  const me = await memberOf(ctx);
  const db = ctx.db;
  const { rows: done } = await db.execute<{ course_id: string }>(sql`
    select course_id from course_progress where member_id = ${me.memberId} and finished_at is not null
     order by finished_at desc, course_id desc`);
  const { rows: dismissed } = await db.execute<{ course_id: string }>(
    sql`select course_id from course_dismissals where member_id = ${me.memberId}`,
  );
  const finished = done.map((r) => Number(r.course_id));
  const history = finished.slice(0, HISTORY);
  const excluded = new Set([...finished, ...dismissed.map((r) => Number(r.course_id))]);
  const items: Recommendation[] = [];
  const chosen = new Set<number>();

  // likeness (the neighbours of what they finished) and their org's favourites, on one scale
  const neighbours: Neighbour[] = history.length
    ? (
        await db.execute<{ course_id: string; neighbour_id: string; similarity: number }>(sql`
          select course_id, neighbour_id, similarity from course_neighbours
           where course_id = any(${sql.param(history)}::int8[])`)
      ).rows.map((r) => ({
        courseId: Number(r.course_id),
        neighbourId: Number(r.neighbour_id),
        similarity: Number(r.similarity),
        coFinishers: 0,
      }))
    : [];
  const scored = scoreCandidates(history, neighbours, excluded).slice(0, CHECKED);
  const { rows: favourites } = await db.execute<{ course_id: string; finishers: number }>(sql`
    select course_id, finishers from course_popular where org_id = ${me.orgId}
     order by finishers desc, course_id limit ${CHECKED}::int`);
  const blended = blendCandidates(
    scored,
    favourites
      .map((r) => ({ courseId: Number(r.course_id), finishers: Number(r.finishers) }))
      .filter((p) => !excluded.has(p.courseId)),
    orgWeightFor(history.length),
  );
  const visible = await visibleAmong(
    db,
    blended.map((b) => b.courseId),
    me.orgPath,
  );
  const picked = blended.filter((b) => visible.has(b.courseId)).slice(0, limit);
  // the finished course each is like: named even if since withdrawn (the member studied it)
  const becauseIds = picked.flatMap((b) => (b.because === null ? [] : [b.because]));
  const { rows: titles } = becauseIds.length
    ? await db.execute<{ id: string; title: string }>(sql`
        select id, title from courses where id = any(${sql.param(becauseIds)}::int8[])`)
    : { rows: [] };
  const titleOf = new Map(titles.map((t) => [Number(t.id), t.title]));
  for (const b of picked) {
    const because = b.because === null ? null : { id: b.because, title: titleOf.get(b.because) ?? '' };
    items.push(present(visible.get(b.courseId)!, b.reason, because));
    chosen.add(b.courseId);
  }

  // then popular in the parent's subtree, then everywhere
  const paths = ancestorPaths(me.orgPath);
  const parent = paths.length >= 2 ? paths[paths.length - 2] : null;
  const levels = [
    ...(parent
      ? [
          {
            reason: 'parent' as const,
            list: sql`select course_id, sum(finishers) as finishers from course_popular
                       where org_path like ${`${parent}%`} and org_id <> 0
                       group by course_id order by sum(finishers) desc, course_id limit ${CHECKED}::int`,
          },
        ]
      : []),
    {
      reason: 'everywhere' as const,
      list: sql`select course_id, finishers from course_popular where org_id = 0
                 order by finishers desc, course_id`,
    },
  ];
  for (const level of levels) {
    if (items.length >= limit) break;
    const { rows } = await db.execute<{ course_id: string }>(level.list);
    const ids = rows.map((r) => Number(r.course_id)).filter((id) => !excluded.has(id) && !chosen.has(id));
    const open = await visibleAmong(db, ids, me.orgPath);
    for (const id of ids) {
      if (items.length >= limit) break;
      const c = open.get(id);
      if (!c) continue;
      items.push(present(c, level.reason, null));
      chosen.add(id);
    }
  }
  return { items };
}
