import { desc, eq } from 'drizzle-orm';
import type { MemberDetail } from '../../../../../contracts/members/index.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { namesOf } from '../pipeline/people.ts';
import { memberHistory } from '../schema.ts';
import { pipelineOf } from './present.ts';
import { type Changes, homeAddressOf, loadMember, idNumberOf, phoneOf } from './store.ts';
import { presentMember } from './present.ts';

export async function getMember(ctx: Ctx, id: number): Promise<MemberDetail> {
  // someone who left the Party stays on file: those who see the branch's records see theirs
  const { m, orgName, orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.view', orgPath);
  return { ...presentMember(ctx, m, { name: orgName, path: orgPath }), pipeline: pipelineOf(m) };
}

/** Full ID number, phone and home address: its own permission, and every look is written to the audit log. */
export async function revealPii(ctx: Ctx, id: number) {
  const { m, orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.reveal_pii', orgPath, {
    zh: '无权查看完整身份证号和手机号',
    en: 'You may not see full ID and phone numbers',
  });
  await recordAudit(ctx.db, ctx, {
    action: 'member.pii_viewed',
    targetType: 'member',
    targetId: id,
    orgId: m.orgId,
    orgPath,
  });
  return {
    idNumber: idNumberOf(ctx.pii, m),
    phone: phoneOf(ctx.pii, m),
    homeAddress: homeAddressOf(ctx.pii, m),
  };
}

export async function memberHistoryOf(ctx: Ctx, id: number) {
  const { orgPath } = await loadMember(ctx.db, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.view', orgPath);
  const rows = await ctx.db
    .select()
    .from(memberHistory)
    .where(eq(memberHistory.memberId, id))
    .orderBy(desc(memberHistory.at), desc(memberHistory.id));
  const names = await namesOf(ctx.db, peopleIn(rows.map((h) => h.changes as Changes)));
  return rows.map((h) => ({
    id: String(h.id),
    at: h.at.toISOString(),
    actorName: h.actorName,
    source: h.source,
    changes: withNames(h.changes as Changes, names),
  }));
}

/** The fields of the recruitment file that name people by their record's id (pipeline/). */
const PEOPLE_FIELDS = ['sponsorIds', 'cultivationContactIds'];

/** Every id the history's people fields name, before and after. */
function peopleIn(all: Changes[]): number[] {
  const ids = new Set<number>();
  for (const changes of all)
    for (const f of PEOPLE_FIELDS)
      for (const side of changes[f] ?? [])
        if (Array.isArray(side)) for (const id of side) ids.add(Number(id));
  return [...ids].filter(Number.isSafeInteger);
}

/**
 * 入党介绍人 and 培养联系人 said by name, as the file shows them: the history keeps the ids it was
 * written with, and a reader sees who they were (a record since removed keeps its number).
 */
export function withNames(changes: Changes, names: Map<number, string>): Changes {
  if (!PEOPLE_FIELDS.some((f) => f in changes)) return changes;
  const named = (side: unknown) =>
    Array.isArray(side) ? side.map((id) => names.get(Number(id)) ?? `编号 ${id}`) : side;
  const out: Changes = { ...changes };
  for (const f of PEOPLE_FIELDS) if (changes[f]) out[f] = [named(changes[f][0]), named(changes[f][1])];
  return out;
}
