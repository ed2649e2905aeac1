import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { can } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';
import type { FileField } from './rules.ts';
import type { Problem } from './store.ts';

const WHO: Record<Exclude<FileField, 'trainingHours'>, { zh: string; en: string }> = {
  cultivationContactIds: { zh: '培养联系人', en: 'a cultivation contact' },
  sponsorIds: { zh: '入党介绍人', en: 'a sponsor' },
};

/**
 * 培养联系人 (细则第九条) and 入党介绍人 (党章第五条；细则第十四条) are full members: status 'full',
 * in good standing, still on file, and in the caller's scope. Someone outside it is refused
 * without saying whether they exist or where.
 */
export async function peopleProblems(
  db: Queryable,
  ctx: Ctx,
  selfId: number,
  field: Exclude<FileField, 'trainingHours'>,
  ids: readonly number[],
): Promise<Problem[]> {
  const who = WHO[field];
  const out: Problem[] = [];
  if (new Set(ids).size !== ids.length)
    out.push({ path: field, text: { zh: `${who.zh}重复`, en: `${who.en} is named twice` } });
  if (ids.includes(selfId))
    out.push({
      path: field,
      text: { zh: `本人不能作自己的${who.zh}`, en: `one cannot be one's own ${who.en}` },
    });
  if (!ids.length) return out;
  const actor = actorOf(ctx);
  const rows = await db
    .select({
      id: members.id,
      name: members.name,
      status: members.status,
      standing: members.partyStanding,
      leftAt: members.leftAt,
      path: orgs.path,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inArray(members.id, [...ids]));
  for (const id of new Set(ids)) {
    const r = rows.find((x) => x.id === id);
    if (!r || r.leftAt || !can(actor, 'member.view', r.path))
      out.push({
        path: field,
        text: {
          zh: `编号 ${id} 的党员不在您管理的范围内，不能作${who.zh}`,
          en: `member ${id} is not in your scope`,
        },
      });
    else if (r.status !== 'full' || r.standing !== 'normal')
      out.push({
        path: field,
        text: {
          zh: `${r.name}不是党籍正常的正式党员，不能作${who.zh}`,
          en: `${r.name} is not a full member in good standing`,
        },
      });
  }
  return out;
}

/** The names of the people a file names, in its order (a name left out when the record is gone). */
export async function namesOf(db: Queryable, ids: readonly number[]) {
  if (!ids.length) return new Map<number, string>();
  const rows = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(inArray(members.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
