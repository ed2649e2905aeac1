import { and, count, desc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ApproveRelief,
  EndRelief,
  RecordRelief,
  Relief,
  ReliefListQuery,
} from '../../../../../contracts/members/index.ts';
import { RELIEF_KIND_LABELS } from '../../../../../contracts/labels.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { listScope } from '../../../platform/access/scope.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { duesReliefs, members } from '../schema.ts';
import { approvalFromAboveOnly } from '../approval.ts';
import { invalid } from './errors.ts';
import { memberForDues, mustPayDues } from './load-member.ts';
import { mayApproveRelief } from './policy.ts';
import { presentRelief } from './present.ts';
import { reliefProblems } from './rules.ts';
import { duesStartOf } from './standards.ts';

const RELIEF = { zh: '少交免交记录', en: 'Relief' };

/**
 * 登记少交、免交党费 or a good reason for not paying (rules.ts reliefProblems, reliefInEffect). One
 * relief at a time per member: periods may not overlap, so each month has one answer to "what was
 * due" — end the current one first.
 */
export async function recordRelief(ctx: Ctx, input: RecordRelief): Promise<Relief> {
  const now = ctx.now();
  const today = shanghaiToday(now);
  return inTransaction(ctx.db, async (tx) => {
    const { m, orgName, orgPath } = await memberForDues(tx, ctx, Number(input.memberId));
    // the branch records its agreement; the higher committee's approval is recorded from above
    if (input.committeeApprovedOn && !mayApproveRelief(ctx.actor, orgPath))
      throw approvalFromAboveOnly(
        { zh: '少交免交党费的上级党委批准', en: 'The higher committee’s approval' },
        'committeeApprovedOn',
      );
    mustPayDues(m);
    const problems = reliefProblems(
      input,
      { duesFromMonth: duesStartOf(m), standardFen: m.duesStandardFen },
      today,
    );
    if (problems.length) throw invalid(problems);
    const [overlap] = await tx
      .select()
      .from(duesReliefs)
      .where(
        and(
          eq(duesReliefs.memberId, m.id),
          or(isNull(duesReliefs.toMonth), gte(duesReliefs.toMonth, input.fromMonth)),
          input.toMonth ? sql`${duesReliefs.fromMonth} <= ${input.toMonth}` : undefined,
        ),
      )
      .limit(1);
    if (overlap) {
      const what = RELIEF_KIND_LABELS[overlap.kind as keyof typeof RELIEF_KIND_LABELS];
      const period = `${overlap.fromMonth}${overlap.toMonth ? ` 至 ${overlap.toMonth}` : ' 起'}`;
      throw conflict(
        'relief_overlap',
        {
          zh: `起始月份：与已登记的“${what.zh}”（${period}）重叠；请先为其设定截止月份`,
          en: `fromMonth: overlaps the ${what.en.toLowerCase()} recorded for ${period}; end it first`,
        },
        [{ path: 'fromMonth', message: `与已登记的“${what.zh}”（${period}）重叠`, messageEn: 'overlaps' }],
      );
    }
    const [row] = await tx
      .insert(duesReliefs)
      .values({
        memberId: m.id,
        kind: input.kind,
        amountFen: input.kind === 'reduced' ? input.amountFen : null,
        fromMonth: input.fromMonth,
        toMonth: input.toMonth,
        reason: input.reason,
        reasonKind: input.kind === 'excused' ? input.reasonKind : null,
        branchApprovedOn: input.branchApprovedOn,
        committeeApprovedOn: input.committeeApprovedOn,
        recordedBy: actorOf(ctx).userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'dues.relief_recorded',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      after: {
        reliefId: row.id,
        kind: row.kind,
        amountFen: row.amountFen,
        fromMonth: row.fromMonth,
        toMonth: row.toMonth,
        reason: row.reason,
        reasonKind: row.reasonKind,
        branchApprovedOn: row.branchApprovedOn,
        committeeApprovedOn: row.committeeApprovedOn,
      },
    });
    return presentRelief(ctx.actor, row, { name: m.name, orgName, orgPath }, shanghaiMonth(now));
  });
}

/** A relief with its member, locked, after checking the actor keeps that member's dues. */
async function reliefFor(tx: Queryable, ctx: Ctx, id: number) {
  const [r] = await tx.select().from(duesReliefs).where(eq(duesReliefs.id, id)).for('update');
  if (!r) throw notFound(RELIEF);
  const member = await memberForDues(tx, ctx, r.memberId).catch((e) => {
    // the member is out of reach: the relief is, too (no hint that it exists)
    throw e?.status === 404 ? notFound(RELIEF) : e;
  });
  return { r, ...member };
}

/** 上级党委批准: the second date a reduction or exemption needs before it applies. */
export async function approveRelief(ctx: Ctx, id: number, input: z.infer<typeof ApproveRelief>) {
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const { r, m, orgName, orgPath } = await reliefFor(tx, ctx, id);
    if (!mayApproveRelief(ctx.actor, orgPath))
      throw approvalFromAboveOnly({
        zh: '少交免交党费的上级党委批准',
        en: 'The higher committee’s approval',
      });
    if (r.kind === 'excused')
      throw invalid([
        {
          path: 'committeeApprovedOn',
          text: { zh: '正当理由由党支部认定，无需上级批准', en: 'a good reason is the branch’s finding' },
        },
      ]);
    if (r.committeeApprovedOn)
      throw conflict('relief_approved', {
        zh: `上级党委已于 ${r.committeeApprovedOn} 批准`,
        en: `already approved on ${r.committeeApprovedOn}`,
      });
    const on = input.committeeApprovedOn;
    if (on > shanghaiToday(now))
      throw invalid([
        { path: 'committeeApprovedOn', text: { zh: '不能晚于今天', en: 'cannot be in the future' } },
      ]);
    if (r.branchApprovedOn && on < r.branchApprovedOn)
      throw invalid([
        {
          path: 'committeeApprovedOn',
          text: {
            zh: `早于党支部同意日期（${r.branchApprovedOn}）`,
            en: `before the branch agreed (${r.branchApprovedOn})`,
          },
        },
      ]);
    const [row] = await tx
      .update(duesReliefs)
      .set({ committeeApprovedOn: input.committeeApprovedOn })
      .where(eq(duesReliefs.id, r.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'dues.relief_approved',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      before: { reliefId: r.id, committeeApprovedOn: null },
      after: { reliefId: r.id, committeeApprovedOn: row.committeeApprovedOn },
    });
    return presentRelief(ctx.actor, row, { name: m.name, orgName, orgPath }, shanghaiMonth(now));
  });
}

/** Ends a relief with its last month: from the month after, the standard is owed again. */
export async function endRelief(ctx: Ctx, id: number, input: z.infer<typeof EndRelief>) {
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const { r, m, orgName, orgPath } = await reliefFor(tx, ctx, id);
    if (input.toMonth < r.fromMonth)
      throw invalid([
        {
          path: 'toMonth',
          text: { zh: `早于起始月份（${r.fromMonth}）`, en: `before the first month (${r.fromMonth})` },
        },
      ]);
    if (r.toMonth && input.toMonth > r.toMonth)
      throw invalid([
        {
          path: 'toMonth',
          text: {
            zh: `已于 ${r.toMonth} 截止；延长请另行登记`,
            en: `already ends in ${r.toMonth}; record a new one to extend`,
          },
        },
      ]);
    const [row] = await tx
      .update(duesReliefs)
      .set({ toMonth: input.toMonth })
      .where(eq(duesReliefs.id, r.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'dues.relief_ended',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      before: { reliefId: r.id, toMonth: r.toMonth },
      after: { reliefId: r.id, toMonth: row.toMonth },
    });
    return presentRelief(ctx.actor, row, { name: m.name, orgName, orgPath }, shanghaiMonth(now));
  });
}

/** The reliefs of the members in scope (or one member), newest first; current ones by default. */
export async function listReliefs(ctx: Ctx, q: z.infer<typeof ReliefListQuery>) {
  const scope = await listScope(ctx, 'dues.manage', q.orgId);
  const thisMonth = shanghaiMonth(ctx.now());
  const where = and(
    scope.covers(members.orgPath),
    isNull(members.leftAt),
    q.memberId ? eq(duesReliefs.memberId, Number(q.memberId)) : undefined,
    q.show === 'current' ? or(isNull(duesReliefs.toMonth), gte(duesReliefs.toMonth, thisMonth)) : undefined,
  );
  const page = await paginate(q, {
    rows: (limit, offset) =>
      ctx.db
        .select({ r: duesReliefs, name: members.name, orgName: orgs.name, orgPath: orgs.path })
        .from(duesReliefs)
        .innerJoin(members, eq(members.id, duesReliefs.memberId))
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(where)
        .orderBy(desc(duesReliefs.createdAt), desc(duesReliefs.id))
        .limit(limit)
        .offset(offset),
    count: () =>
      ctx.db
        .select({ n: count() })
        .from(duesReliefs)
        .innerJoin(members, eq(members.id, duesReliefs.memberId))
        .where(where),
  });
  const actor = actorOf(ctx);
  return {
    ...page,
    items: page.items.map((x) => presentRelief(actor, x.r, x, thisMonth)),
  };
}

/** A member's reliefs, all of them (the member's dues page), for an actor already authorized. */
export async function reliefsOf(db: Queryable, memberId: number) {
  return db
    .select()
    .from(duesReliefs)
    .where(eq(duesReliefs.memberId, memberId))
    .orderBy(desc(duesReliefs.fromMonth), desc(duesReliefs.id));
}
