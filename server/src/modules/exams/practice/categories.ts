import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PracticeCategories } from '../../../../../contracts/exams/sittings.ts';
import type { Queryable } from '../../../db/client.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { memberOfUser } from '../../members/index.ts';

/**
 * Which banks a member practises from — the one rule of practice/: the banks of their own org and
 * of every org above it (the department's bank, at the root, included), i.e. the orgs whose path is
 * a prefix of the member's org path. A town's bank is for that town's members; a sibling town's
 * or a village's below the member's own is not theirs.
 */
export function practiceBankPaths(orgPath: string): string[] {
  const ids = orgPath.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** The member who practises: the caller's member record and the paths of their banks; null if none. */
export type Practiser = { memberId: number; paths: string[] };

export async function practiserOf(ctx: Ctx): Promise<Practiser | null> {
  const me = await memberOfUser(ctx.db, actorOf(ctx).userId);
  return me ? { memberId: me.memberId, paths: practiceBankPaths(me.orgPath) } : null;
}

/**
 * The questions practice can grade: active, and not a short answer (a person grades those, so
 * practice never shows one and does not count them).
 */
export const PRACTISABLE = sql`q.status = 'active' and q.type <> 'short'`;

/** `q` (questions) lies in one of the banks. */
export const inBanks = (paths: readonly string[]) => sql`q.org_path = any(${sql.param([...paths])}::text[])`;

type CategoryRow = { id: number; label: string; org_name: string; n: number };

/**
 * 练习分类: every category of the member's banks, named with the categories above it
 * ("党史 / 长征"), the member's own org's bank first and the department's last, each with the
 * questions practice can grade in it and below it (what practising it draws from).
 */
export async function practiceCategories(ctx: Ctx): Promise<z.infer<typeof PracticeCategories>> {
  const me = await practiserOf(ctx);
  if (!me) return { items: [] };
  return { items: (await categoryRows(ctx.db, me.paths)).map(present) };
}

async function categoryRows(db: Queryable, paths: string[]) {
  const { rows } = await db.execute<CategoryRow>(sql`
    with recursive cats as (
      select id, parent_id, org_id, org_path, name from question_categories
       where org_path = any(${sql.param(paths)}::text[])
    ), named(id, label) as (
      select id, name from cats where parent_id is null
      union all
      select c.id, n.label || ' / ' || c.name from cats c join named n on c.parent_id = n.id
    ), below(id, top) as (
      select id, id from cats
      union all
      select c.id, b.top from cats c join below b on c.parent_id = b.id
    ), counts as (
      select q.category_id, count(*)::int as n from questions q
       where ${inBanks(paths)} and ${PRACTISABLE}
       group by q.category_id
    )
    select c.id, n.label, coalesce(o.name, '') as org_name,
           (select coalesce(sum(k.n), 0)::int from below b join counts k on k.category_id = b.id where b.top = c.id) as n
      from cats c
      join named n on n.id = c.id
      left join orgs o on o.id = c.org_id
     order by length(c.org_path) desc, c.org_path, n.label, c.id`);
  return rows;
}

const present = (r: CategoryRow) => ({
  id: String(r.id),
  name: r.label,
  orgName: r.org_name,
  questionCount: Number(r.n),
});
