import { and, desc, eq, sql } from 'drizzle-orm';
import type { MemberStatus, PipelineItem } from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import type { Queryable, Tx } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound, type Text } from '../../../platform/http/errors.ts';
import { LABEL, type PipelineDates, type PipelineMember } from './rules.ts';
import { type MemberRow, members, standingDecisions, transfers } from '../schema.ts';
import { loadMember, MEMBER, recordHistory } from '../record/store.ts';
import { refuseLeft } from '../standing/guard.ts';
import { pipelineOf, presentMember } from '../record/present.ts';
import { recordAudit } from '../../../platform/audit/service.ts';

export type Problem = { path: string; text: Text };

/** The record's columns the rules read (pipeline-due.ts selects exactly these). */
export type PipelineColumns = Pick<
  MemberRow,
  | 'status'
  | 'birthDate'
  | PipelineItem
  | 'joinedOn'
  | 'fullOn'
  | 'trainingHours'
  | 'cultivationContactIds'
  | 'sponsorIds'
  | 'probationExtensionMonths'
  | 'probationExtensionResolutionOn'
  | 'probationExtensionApprovedOn'
>;

export function asPipelineMember(m: PipelineColumns): PipelineMember {
  const dates = Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, m[k]])) as PipelineDates;
  dates.joinedOn = m.joinedOn;
  dates.fullOn = m.fullOn;
  return {
    status: m.status as MemberStatus,
    birthDate: m.birthDate,
    dates,
    trainingHours: m.trainingHours,
    contacts: m.cultivationContactIds.map(Number),
    sponsors: m.sponsorIds.map(Number),
    extension:
      m.probationExtensionMonths && m.probationExtensionResolutionOn
        ? {
            months: m.probationExtensionMonths,
            resolutionOn: m.probationExtensionResolutionOn,
            approvedOn: m.probationExtensionApprovedOn,
          }
        : null,
  };
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
  if (!locked) throw notFound(MEMBER);
  // transferred out: not found; left the Party: on file, read only (after authorizing)
  const { orgName, orgPath } = await loadMember(tx, id, { leftParty: true });
  authorize(actorOf(ctx), 'member.manage', orgPath);
  refuseLeft(locked);
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
  action: 'member.advanced' | 'member.pipeline_updated' | 'member.probation_extended',
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

/** The latest decision of a kind on a member's probation (standing_decisions), if any. */
export async function probationDecision(
  db: Queryable,
  memberId: number,
  kind: 'extend_probation' | 'cancel_probation',
) {
  const [row] = await db
    .select()
    .from(standingDecisions)
    .where(and(eq(standingDecisions.memberId, memberId), eq(standingDecisions.kind, kind)))
    .orderBy(desc(standingDecisions.id))
    .limit(1);
  return row ?? null;
}

/**
 * What the due list shows beside a page of probationers and the rules cannot read from the record:
 * the day a transfer into this deployment's org was accepted (a letter registered from outside, or
 * an internal one accepted), and a cancellation of the probation awaiting the committee.
 */
export async function probationFacts(db: Queryable, memberIds: readonly number[]) {
  const out = new Map<number, { transferredInOn: string | null; cancellationOn: string | null }>();
  if (!memberIds.length) return out;
  // one round trip for the page, each look-up on its member index
  const { rows } = await db.execute<{ id: number; moved: string | null; pending: string | null }>(sql`
    select x.id,
           (select to_char(max(coalesce(t.decided_at, t.created_at)) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')
              from ${transfers} t
             where t.member_id = x.id and t.status = 'accepted' and t.kind in ('incoming', 'internal')) as moved,
           (select to_char(d.resolution_on, 'YYYY-MM-DD')
              from ${standingDecisions} d
             where d.member_id = x.id and d.kind = 'cancel_probation' and d.approved_on is null
             order by d.id desc limit 1) as pending
      from unnest(${`{${memberIds.join(',')}}`}::int8[]) as x(id)`);
  for (const r of rows) out.set(Number(r.id), { transferredInOn: r.moved, cancellationOn: r.pending });
  return out;
}
