import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { orgs } from '../../platform/tree/index.ts';
import { type ActivityPerson, activityPeople } from '../members/index.ts';

/**
 * Who may be named as attending offline study (offline/) or a station's session (stations/): the
 * members of the org's subtree who take part in the Party's organizational life — full and
 * probationary, in normal standing, not left (members' activityPeople, the rule of 三会一课).
 * Another org's member is refused, naming the field.
 */

/** The most a picker lists: a town's members fit; a district is chosen branch by branch. */
export const PEOPLE_LIMIT = 2000;

export async function attendeeCandidates(db: Queryable, orgPath: string) {
  const people = await activityPeople(db, { orgPath });
  const shown = people.slice(0, PEOPLE_LIMIT);
  const ids = [...new Set(shown.map((p) => p.orgId))];
  const names = ids.length
    ? new Map(
        (await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids))).map(
          (o) => [o.id, o.name],
        ),
      )
    : new Map<number, string>();
  return {
    items: shown.map((p) => ({
      memberId: String(p.memberId),
      name: p.name,
      orgName: names.get(p.orgId) ?? '',
    })),
    truncated: people.length > shown.length,
  };
}

/**
 * The members named, each checked to belong to the org's subtree and to take part; 400 naming
 * `field` with the first few strays otherwise. Duplicates count once.
 */
export async function checkedAttendees(
  db: Queryable,
  org: { path: string; name: string },
  memberIds: readonly (string | number)[],
  field = 'memberIds',
): Promise<ActivityPerson[]> {
  const named = [...new Set(memberIds.map(Number))];
  const people = await activityPeople(db, { memberIds: named });
  const inside = people.filter((p) => p.orgPath.startsWith(org.path));
  const ok = new Set(inside.map((p) => p.memberId));
  const stray = named.filter((id) => !ok.has(id));
  if (stray.length)
    throw fieldError(field, {
      zh: `有 ${stray.length} 名党员不属于${org.name}，或不在正常党籍状态（编号 ${stray.slice(0, 5).join('、')}）`,
      en: `${stray.length} member(s) are not members of ${org.name} in good standing (${stray.slice(0, 5).join(', ')})`,
    });
  return inside;
}
