import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { policyFor } from '../../../platform/access/index.ts';
import { roleGrants } from '../../../platform/auth/schema.ts';
import type { NoticePeople, Recipient } from '../../../platform/notify/index.ts';
import { inSubtree, orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';

/**
 * Who a notice reaches (platform/notify's sendNotice takes the list): the members of an org's
 * subtree, or the members named, who are in normal standing and have not left — someone suspended
 * (停止党籍) or gone is told nothing — with the account they log in with, when they have one.
 * `positions` narrows an org's members to those holding one of them ('书记': the secretaries).
 *
 * `{ orgId, action }` is those who answer for the org itself: the members whose accounts hold a
 * role granted on that very org that may do `action` (its secretary's account, its admins'). A
 * role held higher up covers the org too, but that is oversight (a town admin sees what is
 * overdue below), not a notice for everything that happens in every branch.
 */
export async function noticeRecipients(
  db: Queryable,
  who:
    | { orgPath: string; positions?: readonly string[] }
    | { memberIds: readonly number[] }
    | { orgId: number; action: string },
): Promise<Recipient[]> {
  let which: SQL | undefined;
  if ('orgPath' in who)
    which = and(
      inSubtree(members.orgPath, who.orgPath),
      who.positions?.length
        ? sql`${members.positions} && ${sql.param([...who.positions])}::text[]`
        : undefined,
    );
  else if ('memberIds' in who)
    which = who.memberIds.length ? inArray(members.id, [...who.memberIds]) : sql`false`;
  else
    which = inArray(
      members.userId,
      db
        .select({ userId: roleGrants.userId })
        .from(roleGrants)
        .where(
          and(eq(roleGrants.orgId, who.orgId), inArray(roleGrants.role, [...policyFor(who.action).roles])),
        ),
    );
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
