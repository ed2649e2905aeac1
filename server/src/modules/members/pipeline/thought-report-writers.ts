import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { inSubtrees, orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';

/**
 * Who hands in 思想汇报 (the life module asks through members/index.ts, never reading the members
 * table itself): the people on the way into the Party, by their stage.
 * - 入党积极分子 and 发展对象: 《中国共产党发展党员工作细则》（2014）第十条、第十一条 — the branch
 *   educates and examines them (党支部每半年对入党积极分子进行一次考察), and their regular reports
 *   of their thinking (定期向党组织汇报思想) are what the examination reads;
 * - 预备党员: 细则第三十一条 — 党组织应当通过党的组织生活、听取本人汇报、个别谈心…对预备党员继续
 *   进行教育和考察.
 * A full member no longer has to. Someone whose membership is suspended, or who left, does not.
 */
export const THOUGHT_REPORT_STAGES = ['activist', 'candidate', 'probationary'] as const;

/** Does a person at this stage, in this standing, hand in thought reports? */
export const mustHandInThoughtReports = (status: string, partyStanding: string) =>
  partyStanding === 'normal' && (THOUGHT_REPORT_STAGES as readonly string[]).includes(status);

/**
 * A select, for use as a subquery, of the people of the subtrees who have been writers at some
 * time since `since` (YYYY-MM-DD): those at a writing stage now, and full members who became full
 * after it. Columns: member_id, name, status, org_id, org_path, user_id, writer_from (the day they
 * became an activist — or a candidate, or were admitted, when the earlier date is not on file;
 * null: not on file, a writer all along) and writer_until (the day they became full; null: still
 * writing). Set-based, so a town's due list and the assessment's counts are one statement.
 */
export function thoughtReportWritersSql(paths: readonly string[], since: string): SQL {
  return sql`select m.id as member_id, m.name, m.status, m.org_id, m.org_path, m.user_id,
       coalesce(m.activist_on, m.candidate_on, m.joined_on) as writer_from,
       case when m.status = 'full' then m.full_on end as writer_until
     from members m
    where m.left_at is null and m.party_standing = 'normal'
      and ${inSubtrees(paths, sql`m.org_path`)}
      and (m.status in ('activist', 'candidate', 'probationary') or (m.status = 'full' and m.full_on > ${since}::date))`;
}

export type ThoughtReportWriter = {
  memberId: number;
  name: string;
  status: string;
  orgId: number;
  orgPath: string;
  orgName: string;
  /** Whether they hand in reports now (mustHandInThoughtReports). */
  mustReport: boolean;
  /** See thoughtReportWritersSql. */
  writerFrom: string | null;
};

/** The member record linked to a login, as the thought reports see it; null when there is none. */
export async function thoughtReportWriterOf(
  db: Queryable,
  userId: number,
): Promise<ThoughtReportWriter | null> {
  const [row] = await db
    .select({
      memberId: members.id,
      name: members.name,
      status: members.status,
      standing: members.partyStanding,
      orgId: members.orgId,
      orgPath: orgs.path,
      orgName: orgs.name,
      writerFrom: sql<
        string | null
      >`coalesce(${members.activistOn}, ${members.candidateOn}, ${members.joinedOn})::text`,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.userId, userId), isNull(members.leftAt)));
  if (!row) return null;
  const { standing, ...rest } = row;
  return { ...rest, mustReport: mustHandInThoughtReports(row.status, standing) };
}

/** The writers of a subtree since a date (see thoughtReportWritersSql), as rows: a branch's few. */
export async function thoughtReportWriters(db: Queryable, orgPath: string, since: string) {
  const { rows } = await db.execute<{
    member_id: number;
    name: string;
    status: string;
    org_id: number;
    org_path: string;
    user_id: number | null;
    writer_from: string | null;
    writer_until: string | null;
  }>(
    sql`select w.member_id, w.name, w.status, w.org_id, w.org_path, w.user_id,
               w.writer_from::text as writer_from, w.writer_until::text as writer_until
          from (${thoughtReportWritersSql([orgPath], since)}) w
         order by w.org_path, w.member_id`,
  );
  return rows;
}
