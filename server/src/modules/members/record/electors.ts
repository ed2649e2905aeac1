import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { inSubtree } from '../../../platform/tree/index.ts';

/**
 * What the elections module (选举与民主评议) reads of members, only through this (exported from the
 * members module's index.ts): the members of an org's subtree, not left, with what decides their
 * vote — status, standing and discipline titles with dates (留党察看) — so the elections module
 * applies 条例第五条 itself. `userId` narrows to the member of one login.
 */
export type Elector = {
  memberId: number;
  userId: number | null;
  name: string;
  orgPath: string;
  status: string;
  partyStanding: string;
  discipline: { title: string; on: string }[];
};

export async function electorsOf(
  db: Queryable,
  who: { orgPath: string } | { userId: number },
): Promise<Elector[]> {
  const which = 'orgPath' in who ? inSubtree(sql`m.org_path`, who.orgPath) : sql`m.user_id = ${who.userId}`;
  const { rows } = await db.execute<{
    id: string;
    user_id: string | null;
    name: string;
    org_path: string;
    status: string;
    party_standing: string;
    discipline: { title: string; on: string }[];
  }>(sql`select m.id, m.user_id, m.name, m.org_path, m.status, m.party_standing,
                coalesce((select json_agg(json_build_object('title', s.title, 'on', s.on::text))
                            from member_sanctions s where s.member_id = m.id and s.kind = 'discipline'), '[]') as discipline
           from members m
          where ${which} and m.left_at is null
          order by m.id`);
  return rows.map((r) => ({
    memberId: Number(r.id),
    userId: r.user_id == null ? null : Number(r.user_id),
    name: r.name,
    orgPath: r.org_path,
    status: r.status,
    partyStanding: r.party_standing,
    discipline: r.discipline,
  }));
}
