import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';

/**
 * What the learning module (学时要求) reads of members, only through these (exported from the
 * members module's index.ts): the Party members held to the yearly study requirement — full and
 * probationary members (a probationary member is a Party member: 党章第七条), in normal standing
 * (a suspended member takes no part in the Party's organizational life, 党章第九条), not left —
 * with their Party positions (党内职务), which decide the figure they are held to.
 */
const held = sql`m.left_at is null and m.party_standing = 'normal' and m.status in ('full', 'probationary')`;

/**
 * A select, for use as a subquery, of the members of the subtrees held to the requirement.
 * Columns: member_id, org_id, org_path, positions (text[]), joined_on (入党日期, date or null: a
 * year joined late is held to its months). Set-based: a city is one statement.
 */
export function studyPeopleSql(paths: readonly string[]): SQL {
  return sql`select m.id as member_id, m.org_id, m.org_path, m.positions, m.joined_on
     from members m
    where ${held} and ${inSubtrees(paths, sql`m.org_path`)}`;
}

export type StudyPerson = {
  memberId: number;
  orgId: number;
  orgPath: string;
  positions: string[];
  /** 入党日期 (YYYY-MM-DD) or null when not on record. */
  joinedOn: string | null;
  /** Held to the requirement (a full or probationary member in normal standing). */
  held: boolean;
};

/** The member record of a login as the requirement sees it; null when the login has none. */
export async function studyPersonOf(db: Queryable, userId: number): Promise<StudyPerson | null> {
  const { rows } = await db.execute<{
    id: number;
    org_id: number;
    org_path: string;
    positions: string[];
    joined_on: string | null;
    held: boolean;
  }>(sql`select m.id, m.org_id, m.org_path, m.positions, m.joined_on::text as joined_on, (${held}) as held
           from members m where m.user_id = ${userId} and m.left_at is null limit 1`);
  const r = rows[0];
  return r
    ? {
        memberId: Number(r.id),
        orgId: Number(r.org_id),
        orgPath: r.org_path,
        positions: r.positions,
        joinedOn: r.joined_on,
        held: r.held,
      }
    : null;
}
