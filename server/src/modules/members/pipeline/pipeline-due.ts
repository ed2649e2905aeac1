import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  PipelineDue as PipelineDueSchema,
  PipelineItem,
} from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { orgs } from '../../../platform/tree/index.ts';
import {
  nextStep,
  PIPELINE_RULES_VERSION,
  type PipelineMember,
  probationEndOf,
  standingOf,
} from './rules.ts';
import { members } from '../schema.ts';
import { memberFilter } from '../record/list-members.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { asPipelineMember, probationFacts } from './store.ts';

type PipelineDue = z.infer<typeof PipelineDueSchema>;

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
  trainingHours: members.trainingHours,
  cultivationContactIds: members.cultivationContactIds,
  sponsorIds: members.sponsorIds,
  probationExtensionMonths: members.probationExtensionMonths,
  probationExtensionResolutionOn: members.probationExtensionResolutionOn,
  probationExtensionApprovedOn: members.probationExtensionApprovedOn,
};

/**
 * Stored standings that are missing or were derived by older rules, in `where`, derived again:
 * the rules stay in one place (rules.ts) and the ranking below can run in SQL. A record's trigger
 * clears its standing when its status or a date changes, so this touches only what moved.
 */
export async function refreshStandings(db: Queryable, where: SQL) {
  const stale = await db
    .select(dueColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        where,
        ne(members.status, 'full'),
        sql`${members.pipelineRules} is distinct from ${PIPELINE_RULES_VERSION}`,
      ),
    )
    .orderBy(asc(members.id));
  for (let i = 0; i < stale.length; i += 5000) {
    const batch = stale.slice(i, i + 5000).map((r) => ({ id: r.id, ...standingOf(asPipelineMember(r)) }));
    await db.execute(sql`
      update members m
         set pipeline_gaps = x.gaps, pipeline_earliest_on = x.earliest, pipeline_due_on = x.due,
             pipeline_rules = ${PIPELINE_RULES_VERSION}
        from jsonb_to_recordset(${JSON.stringify(
          batch.map((b) => ({ id: b.id, gaps: b.gaps, earliest: b.earliestOn, due: b.dueOn })),
        )}::jsonb) as x(id int8, gaps int, earliest date, due date)
       where m.id = x.id`);
  }
}

/**
 * Everyone on the way in (not yet full, in good standing) in the scope, with their next step: the
 * ready first, then the overdue, then by the date the step opens. Ranked, counted and paged in SQL
 * on the stored standings; the rules then run for the one page that travels, to say what is
 * missing, by when, and what to mind (a late talk, a transfer in, a cancellation awaiting approval).
 */
export async function pipelineDue(
  ctx: Ctx,
  q: { orgId?: string; onlyReady?: 'true' | 'false'; page: number; pageSize: number },
) {
  const today = shanghaiToday(ctx.now());
  // 停止党籍 holds the way in: the standing's own lists (standing/) show those
  const where = and(await memberFilter(ctx, { orgId: q.orgId }), eq(members.partyStanding, 'normal'))!;
  await refreshStandings(ctx.db, where);
  const ready = sql`(${members.pipelineGaps} = 0 and ${members.pipelineEarliestOn} <= ${today})`;
  const overdue = sql`(${members.pipelineDueOn} < ${today})`;
  const rows = await ctx.db
    .select({
      ...dueColumns,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      readyTotal: sql<number>`count(*) filter (where ${ready}) over ()`.mapWith(Number),
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(where, ne(members.status, 'full'), q.onlyReady === 'true' ? ready : undefined))
    .orderBy(
      sql`case when ${ready} then 0 when ${overdue} then 1 else 2 end`,
      sql`coalesce(${members.pipelineEarliestOn}, '9999-12-31')`,
      asc(orgs.path),
      asc(members.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  // a page past the end carries no totals: count them on their own
  const totals =
    rows[0] ??
    (
      await ctx.db
        .select({
          total: sql<number>`count(*)`.mapWith(Number),
          readyTotal: sql<number>`count(*) filter (where ${ready})`.mapWith(Number),
        })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(and(where, ne(members.status, 'full'), q.onlyReady === 'true' ? ready : undefined))
    )[0];
  const facts = await probationFacts(
    ctx.db,
    rows.filter((r) => r.status === 'probationary').map((r) => r.id),
  );
  const items: PipelineDue[] = rows.map((r) => {
    const f = facts.get(r.id);
    const m: PipelineMember = {
      ...asPipelineMember(r),
      transferredInOn: f?.transferredInOn ?? null,
      cancellation: f?.cancellationOn ? { resolutionOn: f.cancellationOn, approvedOn: null } : null,
    };
    const step = nextStep(m, today);
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
      overdueItems: [...new Set(step.overdue.map((o) => o.item))],
      deadline: step.deadlines[0] ? { item: step.deadlines[0].item, dueOn: step.deadlines[0].dueOn } : null,
      probationEndsOn: r.status === 'probationary' ? probationEndOf(m) : null,
      alerts: step.alerts.map((a) => ({ kind: a.kind, on: a.on })),
    };
  });
  return {
    items,
    total: totals.total,
    readyTotal: totals.readyTotal,
    page: q.page,
    pageSize: q.pageSize,
  };
}
