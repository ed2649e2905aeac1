import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { inSubtree } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';

/**
 * What the life module (组织生活) reads of members, only through these (exported from the members
 * module's index.ts): who is expected at a branch's activities, and which member a login is.
 */
export type ActivityPerson = {
  memberId: number;
  userId: number | null;
  name: string;
  orgId: number;
  orgPath: string;
};

const person = {
  memberId: members.id,
  userId: members.userId,
  name: members.name,
  orgId: members.orgId,
  orgPath: sql<string>`${members.orgPath}`,
};

/**
 * Those who take part in 三会一课 and the other activities of an org: its Party members (full and
 * probationary: 支部工作条例 第十一条, the general meeting is "由全体党员参加"), in normal standing
 * (a suspended member takes no part in the Party's organizational life, 党章第九条) and not left.
 * By the org's subtree, or the members named (those of them who qualify).
 */
export async function activityPeople(
  db: Queryable,
  who: { orgPath: string } | { memberIds: readonly number[] },
): Promise<ActivityPerson[]> {
  const which =
    'orgPath' in who
      ? inSubtree(members.orgPath, who.orgPath)
      : who.memberIds.length
        ? inArray(members.id, [...who.memberIds])
        : sql`false`;
  return db
    .select(person)
    .from(members)
    .where(
      and(
        which,
        isNull(members.leftAt),
        eq(members.partyStanding, 'normal'),
        inArray(members.status, ['full', 'probationary']),
      ),
    )
    .orderBy(members.id);
}

/** The member record of a login (members.user_id is unique), whatever its standing; null if none. */
export async function memberOfUser(db: Queryable, userId: number): Promise<ActivityPerson | null> {
  const [m] = await db
    .select(person)
    .from(members)
    .where(and(eq(members.userId, userId), isNull(members.leftAt)))
    .limit(1);
  return m ?? null;
}
