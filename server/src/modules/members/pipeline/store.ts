import { eq } from 'drizzle-orm';
import type { MemberStatus, PipelineItem } from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import type { Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound, type Text } from '../../../platform/http/errors.ts';
import { LABEL, type PipelineDates, type PipelineMember } from './rules.ts';
import { type MemberRow, members } from '../schema.ts';
import { loadMember, MEMBER, recordHistory } from '../record/store.ts';
import { pipelineOf, presentMember } from '../record/present.ts';
import { recordAudit } from '../../../platform/audit/service.ts';

export type Problem = { path: string; text: Text };

export function asPipelineMember(
  m: Pick<MemberRow, 'status' | 'birthDate' | PipelineItem | 'joinedOn' | 'fullOn'>,
) {
  const dates = Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, m[k]])) as PipelineDates;
  dates.joinedOn = m.joinedOn;
  dates.fullOn = m.fullOn;
  return { status: m.status as MemberStatus, birthDate: m.birthDate, dates } satisfies PipelineMember;
}

export function refused(problems: Problem[], lead: Text): AppError {
  const label = (p: string) =>
    LABEL[p as keyof typeof LABEL] ?? (p === 'on' ? '办理日期' : p === 'to' ? '转为' : p);
  return new AppError(
    400,
    'invalid_input',
    {
      zh: `${lead.zh}。${problems.map((p) => `${label(p.path)}（${p.path}）：${p.text.zh}`).join('；')}`,
      en: `${lead.en}: ${problems.map((p) => `${p.path}: ${p.text.en}`).join('; ')}`,
    },
    problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en })),
  );
}

/** Locks the member, checks the actor manages their branch, and gives the row with its org. */
export async function lockForPipeline(tx: Tx, ctx: Ctx, id: number) {
  const [locked] = await tx.select().from(members).where(eq(members.id, id)).for('update');
  if (!locked || locked.leftAt) throw notFound(MEMBER);
  const { orgName, orgPath } = await loadMember(tx, id);
  authorize(actorOf(ctx), 'member.manage', orgPath);
  return { locked, orgName, orgPath };
}

/**
 * Writes a pipeline change (an advance, or dates recorded) the one way: the row, its history
 * (source 'pipeline') and the audit entry, and answers with the record as the page shows it.
 */
export async function savePipelineChange(
  tx: Tx,
  ctx: Ctx,
  at: { id: number; orgName: string; orgPath: string },
  set: Partial<typeof members.$inferInsert>,
  changes: Record<string, [unknown, unknown]>,
  action: 'member.advanced' | 'member.pipeline_updated',
) {
  const now = ctx.now();
  const [row] = await tx
    .update(members)
    .set({ ...set, recordUpdatedAt: now, updatedAt: now })
    .where(eq(members.id, at.id))
    .returning();
  await recordHistory(tx, ctx, at.id, 'pipeline', changes);
  await recordAudit(tx, ctx, {
    action,
    targetType: 'member',
    targetId: at.id,
    orgId: row.orgId,
    orgPath: at.orgPath,
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
    after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
  });
  return { ...presentMember(ctx, row, { name: at.orgName, path: at.orgPath }), pipeline: pipelineOf(row) };
}
