import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AdvanceMember,
  PipelineDue as PipelineDueSchema,
  MemberDetail,
  MemberStatus,
  PipelineItem,
  PipelineUpdate,
} from '../../../../contracts/members.ts';
import { PIPELINE_ITEMS } from '../../../../contracts/members.ts';
import { inTransaction, type Tx } from '../../db/client.ts';
import { authorize } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, notFound, type Text } from '../../platform/http/errors.ts';
import { orgs } from '../orgs/schema.ts';
import {
  advanceChanges,
  advanceProblems,
  checkPipelineDates,
  DECISION,
  LABEL,
  nextStatus,
  nextStep,
  type PipelineDates,
  type PipelineMember,
  STATUS_LABEL,
  STEP_OF,
  stepIndex,
} from './pipeline.ts';
import { type MemberRow, members } from './schema.ts';
import { loadMember, MEMBER, memberFilter, pipelineOf, presentMember, recordHistory } from './service.ts';
import { shanghaiToday } from './validate.ts';

type Problem = { path: string; text: Text };
type PipelineDue = z.infer<typeof PipelineDueSchema>;

function asPipelineMember(m: Pick<MemberRow, 'status' | 'birthDate' | PipelineItem | 'joinedOn' | 'fullOn'>) {
  const dates = Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, m[k]])) as PipelineDates;
  dates.joinedOn = m.joinedOn;
  dates.fullOn = m.fullOn;
  return { status: m.status as MemberStatus, birthDate: m.birthDate, dates } satisfies PipelineMember;
}

function refused(problems: Problem[], lead: Text): AppError {
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
async function lockForPipeline(tx: Tx, ctx: Ctx, id: number) {
  const [locked] = await tx.select().from(members).where(eq(members.id, id)).for('update');
  if (!locked || locked.leftAt) throw notFound(MEMBER);
  const { orgName, orgPath } = await loadMember(tx, id);
  authorize(actorOf(ctx), 'member.manage', orgPath);
  return { locked, orgName, orgPath };
}

/**
 * Records the dates of pipeline items: corrections of the steps already taken, and the
 * prerequisites of the next one. The decision date of the next step is recorded by the advance,
 * so that a status and the date that made it never disagree.
 */
export async function updatePipeline(
  ctx: Ctx,
  id: number,
  patch: z.infer<typeof PipelineUpdate>,
): Promise<MemberDetail> {
  const keys = (Object.keys(patch) as PipelineItem[]).filter((k) => patch[k] !== undefined);
  if (!keys.length)
    throw new AppError(400, 'invalid_input', { zh: '至少登记一项日期', en: 'Record at least one date' }, []);
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgName, orgPath } = await lockForPipeline(tx, ctx, id);
    const today = shanghaiToday(ctx.now());
    const status = locked.status as MemberStatus;
    const problems: Problem[] = [];
    for (const k of keys) {
      const step = STEP_OF[k];
      if (stepIndex(step) <= stepIndex(status)) continue;
      if (step === nextStatus(status) && DECISION[step] === k)
        problems.push({
          path: k,
          text: {
            zh: `“${LABEL[k]}”请通过“转入下一阶段”办理，状态随之变更`,
            en: 'recorded by advancing the member, which changes the status too',
          },
        });
      else if (step !== nextStatus(status))
        problems.push({
          path: k,
          text: {
            zh: `${locked.name}现为${STATUS_LABEL[status]}，还不到登记“${LABEL[k]}”的阶段`,
            en: `not yet: the member is ${status}`,
          },
        });
    }
    // the join date is the day of the branch general meeting: one fact, kept in one place
    const resolution = patch.admissionResolutionOn;
    if (resolution && locked.joinedOn && resolution !== locked.joinedOn)
      problems.push({
        path: 'admissionResolutionOn',
        text: {
          zh: `入党日期即支部党员大会通过之日，须与入党日期（${locked.joinedOn}）一致；入党日期有误的，请先修改党员信息`,
          en: `must equal the join date (${locked.joinedOn})`,
        },
      });
    const before = asPipelineMember(locked);
    const after: PipelineMember = { ...before, dates: { ...before.dates, ...patch } };
    for (const p of checkPipelineDates(after, today))
      if (p.about.some((a) => keys.includes(a as PipelineItem))) problems.push(p);
    if (problems.length) throw refused(problems, { zh: '发展党员日期有误', en: 'Pipeline dates refused' });

    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of keys)
      if (before.dates[k] !== after.dates[k]) changes[k] = [before.dates[k], after.dates[k]];
    if (!Object.keys(changes).length)
      return { ...presentMember(ctx.pii, locked, orgName), pipeline: pipelineOf(locked) };
    const now = ctx.now();
    const set = Object.fromEntries(Object.keys(changes).map((k) => [k, after.dates[k as PipelineItem]]));
    const [row] = await tx
      .update(members)
      .set({ ...set, recordUpdatedAt: now, updatedAt: now })
      .where(eq(members.id, id))
      .returning();
    await recordHistory(tx, ctx, id, 'pipeline', changes);
    await recordAudit(tx, ctx, {
      action: 'member.pipeline_updated',
      targetType: 'member',
      targetId: id,
      orgId: row.orgId,
      orgPath,
      before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
      after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
    });
    return { ...presentMember(ctx.pii, row, orgName), pipeline: pipelineOf(row) };
  });
}

/** Moves a member one step on when the rules say ready; otherwise says what is missing. */
export async function advanceMember(
  ctx: Ctx,
  id: number,
  input: z.infer<typeof AdvanceMember>,
): Promise<MemberDetail> {
  return inTransaction(ctx.db, async (tx) => {
    const { locked, orgName, orgPath } = await lockForPipeline(tx, ctx, id);
    const today = shanghaiToday(ctx.now());
    const pm = asPipelineMember(locked);
    const problems = advanceProblems(pm, input.to, input.on, today);
    if (problems.length)
      throw refused(problems, {
        zh: `${locked.name}尚不能转为${STATUS_LABEL[input.to]}`,
        en: `Cannot advance the member to ${input.to}`,
      });
    const dates = advanceChanges(pm, input.to, input.on);
    const changes: Record<string, [unknown, unknown]> = { status: [pm.status, input.to] };
    for (const [k, v] of Object.entries(dates)) {
      const was = pm.dates[k as keyof PipelineDates];
      if (was !== v) changes[k] = [was, v];
    }
    const now = ctx.now();
    const [row] = await tx
      .update(members)
      .set({ ...dates, status: input.to, recordUpdatedAt: now, updatedAt: now })
      .where(eq(members.id, id))
      .returning();
    await recordHistory(tx, ctx, id, 'pipeline', changes);
    await recordAudit(tx, ctx, {
      action: 'member.advanced',
      targetType: 'member',
      targetId: id,
      orgId: row.orgId,
      orgPath,
      before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
      after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])),
    });
    return { ...presentMember(ctx.pii, row, orgName), pipeline: pipelineOf(row) };
  });
}

const dueColumns = {
  id: members.id,
  name: members.name,
  orgId: members.orgId,
  orgName: orgs.name,
  status: members.status,
  birthDate: members.birthDate,
  joinedOn: members.joinedOn,
  fullOn: members.fullOn,
  ...(Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, members[k]])) as {
    [K in PipelineItem]: (typeof members)[K];
  }),
};

/**
 * Everyone on the way in (not yet full) in the scope, with their next step: the ready first,
 * then the overdue, then by the date the step opens.
 */
export async function pipelineDue(
  ctx: Ctx,
  q: { orgId?: string; onlyReady?: 'true' | 'false'; page: number; pageSize: number },
) {
  const today = shanghaiToday(ctx.now());
  const where = await memberFilter(ctx, { orgId: q.orgId });
  const rows = await ctx.db
    .select(dueColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(where, ne(members.status, 'full')))
    .orderBy(asc(orgs.path), asc(members.id));
  const items = rows.map((r) => {
    const step = nextStep(asPipelineMember(r), today);
    return {
      memberId: String(r.id),
      name: r.name,
      orgId: String(r.orgId),
      orgName: r.orgName,
      status: step.status,
      nextStatus: step.next,
      missing: [...new Set(step.missing.map((g) => g.item))],
      earliestOn: step.earliestOn,
      ready: step.ready,
      overdueItems: step.overdue.map((o) => o.item),
    };
  });
  const rank = (d: PipelineDue) => (d.ready ? 0 : d.overdueItems.length ? 1 : 2);
  items.sort((a, b) => rank(a) - rank(b) || (a.earliestOn ?? '9999').localeCompare(b.earliestOn ?? '9999'));
  // the rules run in code for everyone in scope (a city has tens of thousands on the way in);
  // only one page travels
  const listed = q.onlyReady === 'true' ? items.filter((d) => d.ready) : items;
  const start = (q.page - 1) * q.pageSize;
  return {
    items: listed.slice(start, start + q.pageSize),
    total: listed.length,
    readyTotal: items.filter((d) => d.ready).length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
