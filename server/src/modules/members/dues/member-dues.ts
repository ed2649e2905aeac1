import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DuesBasis, DuesCategory, MemberDues } from '../../../../../contracts/members/index.ts';
import { can } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { duesStandards, type MemberRow, members } from '../schema.ts';
import { memberForDues } from './load-member.ts';
import { mayApproveRelief } from './policy.ts';
import { duesMonth, reliefInSql, standardInSql } from './months.ts';
import { presentRelief, presentStandard } from './present.ts';
import { reliefsOf } from './reliefs.ts';
import { duesStartOf } from './standards.ts';

/**
 * A member's dues month by month, newest first: the last `months` months up to this one (and any
 * paid ahead), from where counting starts; with the standard's history and the reliefs. What the
 * branch sees on the member's page and the member sees of themself.
 */
async function duesOf(
  ctx: Ctx,
  m: MemberRow,
  org: { name: string; path: string },
  months: number,
): Promise<MemberDues> {
  const thisMonth = shanghaiMonth(ctx.now());
  const start = duesStartOf(m);
  const admitted = m.status === 'probationary' || m.status === 'full';
  const { rows } = await ctx.db.execute<{
    month: string;
    std: number | null;
    relief_kind: string | null;
    relief_amount: number | null;
    paid: number | null;
  }>(sql`
    with span as (
      select greatest(${addMonthsToMonth(thisMonth, 1 - months)}::text, ${start}::text) as first,
             greatest(${thisMonth}::text, coalesce((select max(month) from dues_payments where member_id = ${m.id}), '')) as last)
    select to_char(g, 'YYYY-MM') as month,
           ${standardInSql(sql`${m.id}::int8`, sql`to_char(g, 'YYYY-MM')`, sql`${m.duesStandardFen}::int`)} as std,
           r.kind as relief_kind, r.amount_fen as relief_amount, p.amount_fen as paid
      from span
     cross join lateral generate_series(to_date(span.first, 'YYYY-MM'), to_date(span.last, 'YYYY-MM'), interval '1 month') g
      left join lateral ${reliefInSql(sql`${m.id}::int8`, sql`to_char(g, 'YYYY-MM')`)} r on true
      left join dues_payments p on p.member_id = ${m.id} and p.month = to_char(g, 'YYYY-MM')
     where ${admitted}
     order by g desc`);
  const suspendedFrom = m.partyStanding === 'suspended' && m.suspendedOn ? m.suspendedOn.slice(0, 7) : null;
  const list = rows.map((r) =>
    duesMonth({
      month: r.month,
      standardFen: r.std,
      reliefKind: r.relief_kind,
      reliefAmountFen: r.relief_amount,
      paidFen: r.paid,
      notDue: r.month < start || (suspendedFrom != null && r.month >= suspendedFrom),
      // the current month falls due within it: like the arrears, only months before it are owed
      over: r.month < thisMonth,
    }),
  );
  const history = await ctx.db
    .select()
    .from(duesStandards)
    .where(eq(duesStandards.memberId, m.id))
    .orderBy(asc(duesStandards.fromMonth));
  const reliefs = await reliefsOf(ctx.db, m.id);
  const member = { name: m.name, orgName: org.name, orgPath: org.path };
  return {
    memberId: String(m.id),
    name: m.name,
    standardFen: m.duesStandardFen,
    category: m.duesCategory as DuesCategory | null,
    basis: m.duesBasis as DuesBasis | null,
    incomeFen: m.monthlyIncomeFen,
    fromMonth: admitted ? start : null,
    thisMonth,
    months: list,
    history: history.map(presentStandard).reverse(),
    reliefs: reliefs.map((r) => presentRelief(ctx.actor, r, member, thisMonth)),
    paidFen: list.reduce((s, d) => s + (d.paidFen ?? 0), 0),
    extraFen: list.reduce((s, d) => s + d.extraFen, 0),
    // what the owed months lack; this month's is pending, as in the arrears
    owedFen: list
      .filter((d) => d.state === 'unpaid' || d.state === 'underpaid')
      .reduce((s, d) => s + d.shortFen, 0),
    can: {
      manage: !!ctx.actor && can(ctx.actor, 'dues.manage', org.path),
      // the higher committee's approval of a relief is recorded from above the branch only
      approve: mayApproveRelief(ctx.actor, org.path),
    },
  };
}

/** A member's dues, for those who keep their branch's dues. */
export async function memberDues(ctx: Ctx, memberId: number, months: number) {
  const { m, orgName, orgPath } = await memberForDues(ctx.db, ctx, memberId, false);
  return duesOf(ctx, m, { name: orgName, path: orgPath }, months);
}

/** 我的党费: the member's own payment history, linked to their account. */
export async function myDues(ctx: Ctx, months: number) {
  const [row] = await ctx.db
    .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.userId, actorOf(ctx).userId), isNull(members.leftAt)));
  if (!row)
    throw new AppError(404, 'no_member_record', {
      zh: '您的账号尚未关联党员信息，请联系所在党支部',
      en: 'Your account is not linked to a member record; ask your branch',
    });
  const dues = await duesOf(ctx, row.m, { name: row.orgName, path: row.orgPath }, months);
  // the member reads; the abilities on their reliefs are the branch's
  return { ...dues, reliefs: dues.reliefs.map((r) => ({ ...r, can: { approve: false, end: false } })) };
}
