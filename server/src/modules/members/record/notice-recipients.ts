import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import type { NoticePeople, Recipient } from '../../../platform/notify/index.ts';
import { inSubtree, orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';

/**
 * Who a notice reaches (platform/notify's sendNotice takes the list): the members of an org's
 * subtree, or the members named, who are in normal standing and have not left — someone suspended
 * (停止党籍) or gone is told nothing — with the account they log in with, when they have one.
 * `positions` narrows an org's members to those holding one of them ('书记': the secretaries).
 */
export async function noticeRecipients(
  db: Queryable,
  who: { orgPath: string; positions?: readonly string[] } | { memberIds: readonly number[] },
): Promise<Recipient[]> {
  const which =
    'orgPath' in who
      ? and(
          inSubtree(members.orgPath, who.orgPath),
          who.positions?.length
            ? sql`${members.positions} && ${sql.param([...who.positions])}::text[]`
            : undefined,
        )
      : who.memberIds.length
        ? inArray(members.id, [...who.memberIds])
        : sql`false`;
  return db
    .select({ memberId: members.id, userId: members.userId })
    .from(members)
    .where(and(which, isNull(members.leftAt), eq(members.partyStanding, 'normal')))
    .orderBy(members.id);
}

/** Names and orgs of members, for the read/unread lists of the notices they received. */
async function describeRecipients(db: Queryable, memberIds: readonly number[]) {
  if (!memberIds.length) return new Map();
  const rows = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inArray(members.id, [...memberIds]));
  return new Map(rows.map((r) => [r.id, { name: r.name, orgId: r.orgId, orgName: r.orgName }]));
}

/** What the notice centre needs to know about members (handed to it in modules/index.ts). */
export const noticePeople: NoticePeople = {
  inOrg: (db, orgPath, opts) => noticeRecipients(db, { orgPath, positions: opts?.positions }),
  describe: describeRecipients,
};
