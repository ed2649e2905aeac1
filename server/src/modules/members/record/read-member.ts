import { desc, eq } from 'drizzle-orm';
import type { MemberDetail } from '../../../../../contracts/members/index.ts';
import { authorize } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
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
  return rows.map((h) => ({
    id: String(h.id),
    at: h.at.toISOString(),
    actorName: h.actorName,
    source: h.source,
    changes: h.changes as Changes,
  }));
}
