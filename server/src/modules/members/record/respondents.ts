import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { inSubtrees } from '../../../platform/tree/index.ts';

/**
 * What the surveys module reads of members, only through these (exported from the members
 * module's index.ts): a respondent's org, gender, birth date and category, snapshot onto a response
 * for the cross-tabs (by org, gender, age band, category), and the same for a subtree (the seed).
 */
export type Respondent = {
  memberId: number;
  orgId: number;
  orgPath: string;
  gender: string;
  birthDate: string;
  status: string;
};
/** The member record of a login with what a survey's cross-tabs need; null when the login has none. */
export async function respondentOf(db: Queryable, userId: number): Promise<Respondent | null> {
  const { rows } = await db.execute<{
    id: number;
    org_id: number;
    org_path: string;
    gender: string;
    birth_date: string;
    status: string;
  }>(sql`select id, org_id, org_path, gender, birth_date::text, status from members
          where user_id = ${userId} and left_at is null limit 1`);
  const r = rows[0];
  return r
    ? {
        memberId: Number(r.id),
        orgId: Number(r.org_id),
        orgPath: r.org_path,
        gender: r.gender,
        birthDate: r.birth_date,
        status: r.status,
      }
    : null;
}
/**
 * The same, set-based, for a subquery: (member_id, org_id, org_path, gender, birth_date, status) of
 * the Party members (full, probationary; normal standing, not left) of the subtrees.
 */
export function respondentsSql(paths: readonly string[]): SQL {
  return sql`select m.id as member_id, m.org_id, m.org_path, m.gender, m.birth_date, m.status
               from members m
              where m.left_at is null and m.party_standing = 'normal' and m.status in ('full', 'probationary')
                and ${inSubtrees(paths, sql`m.org_path`)}`;
}
