import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  MemberStatus,
  StandingDecisionKind,
  StandingDue,
  StandingDueList,
  StandingDueRule,
} from '../../../../../contracts/members/index.ts';
import { STANDING_DECISION_KINDS } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { arrears } from '../dues/arrears.ts';
import { mayApproveStanding } from './policy.ts';
import { FLAG_AFTER_MONTHS } from '../dues/rules.ts';
import {
  duesLapseDue,
  LOST_CONTACT_MONTHS,
  needsApproval,
  STUDYING_ABROAD_MONTHS,
  SUSPENDED_MONTHS_BEFORE_LAPSE,
} from './rules.ts';

/**
 * `date` + `n` months as platform/time.ts addMonthsToDate counts them (and so rules.ts): when the
 * target month is too short, the first of the month after — where PostgreSQL would stop at its
 * last day. standing.test.ts holds the SQL list to the pure rules.
 */
function plusMonths(date: SQL, n: number): SQL {
  const t = sql`(${date} + make_interval(months => ${n}))`;
  return sql`(case when extract(day from ${t}) = extract(day from ${date}) then ${t}::date
                   else (date_trunc('month', ${t}) + interval '1 month')::date end)`;
}

/** The 自行脱党 candidates of the arrears report (党章第九条): its flagged rows, all of them. */
async function duesLapses(ctx: Ctx, orgId: string | undefined) {
  const out: { id: number; basis_on: string; due_since: string }[] = [];
  const pageSize = 5000;
  for (let page = 1; ; page++) {
    const r = await arrears(ctx, { orgId, minMonths: FLAG_AFTER_MONTHS, page, pageSize });
    for (const i of r.items)
      if (i.flagged && i.since) {
        const due = duesLapseDue(i.since);
        out.push({ id: Number(i.memberId), basis_on: due.basisOn, due_since: due.dueSince });
      }
    if (page * pageSize >= r.total) return out;
  }
}

const AWAITING = STANDING_DECISION_KINDS.filter(needsApproval);

/**
 * Who is due for which decision on their standing, and since when, by the rule that makes it due
 * (rules.ts dueDecisions, here in SQL so that the list is ranked, counted and paged in the
 * database), with the 自行脱党 candidates of the arrears report; a member whose branch has decided
 * is listed as awaiting the committee's approval instead (and, once the committee refused it, as due
 * again). Oldest first. The platform never decides.
 */
export async function standingDue(
  ctx: Ctx,
  q: { orgId?: string; decision?: StandingDecisionKind; page: number; pageSize: number },
): Promise<z.infer<typeof StandingDueList>> {
  const today = shanghaiToday(ctx.now());
  const scope = await listScope(ctx, 'standing.manage', q.orgId);
  const lapses = await duesLapses(ctx, q.orgId);
  const awaiting = sql.raw(AWAITING.map((k) => `'${k}'`).join(','));
  const listed = sql`
    with lapse as (
      select * from jsonb_to_recordset(${JSON.stringify(lapses)}::jsonb) as x(id int8, basis_on date, due_since date)),
    m as (
      select m.id, m.name, m.status, m.org_id, orgs.name as org_name, orgs.path, m.party_standing,
             m.lost_contact_on, m.found_on, m.suspended_on, m.abroad_kind, m.abroad_since
        from members m
        join orgs on orgs.id = m.org_id
       where ${scope.covers()} and m.left_at is null and m.status in ('probationary', 'full')
         and (m.party_standing <> 'normal' or m.lost_contact_on is not null or m.abroad_kind is not null
              or m.id in (select id from lapse)
              or exists (select 1 from standing_decisions d where d.member_id = m.id and d.approved_on is null
                                                           and d.refused_on is null))),
    pending as (
      select distinct on (d.member_id) d.member_id, d.id, d.kind, d.resolution_on
        from standing_decisions d join m on m.id = d.member_id
       where d.approved_on is null and d.refused_on is null and d.kind in (${awaiting})
       order by d.member_id, d.id),
    due as (
      select id, 'suspend' as decision, 'lost_contact' as rule, lost_contact_on as basis_on,
             ${plusMonths(sql`lost_contact_on`, LOST_CONTACT_MONTHS)} as due_since
        from m where party_standing = 'normal' and lost_contact_on is not null and found_on is null
      union all
      select id, 'suspend', 'settled_abroad', abroad_since, abroad_since
        from m where party_standing = 'normal' and abroad_kind = 'settled' and abroad_since is not null
      union all
      select id, 'suspend', 'studying_abroad', abroad_since,
             ${plusMonths(sql`abroad_since`, STUDYING_ABROAD_MONTHS)} + 1
        from m where party_standing = 'normal' and abroad_kind = 'studying' and abroad_since is not null
      union all
      select id, 'lapse', 'suspended_lost', suspended_on,
             ${plusMonths(sql`suspended_on`, SUSPENDED_MONTHS_BEFORE_LAPSE)}
        from m where party_standing = 'suspended' and suspended_on is not null
                 and lost_contact_on is not null and found_on is null
      union all
      select id, 'restore', 'found_again', suspended_on, found_on
        from m where party_standing = 'suspended' and suspended_on is not null and found_on >= suspended_on
      union all
      select lapse.id, 'lapse', 'dues_unpaid', lapse.basis_on, lapse.due_since
        from lapse join m on m.id = lapse.id where m.party_standing = 'normal'),
    listed as (
      select id, decision, rule, basis_on, due_since, null::int8 as decision_id
        from due where due_since <= ${today}::date and not exists (select 1 from pending p where p.member_id = due.id)
      union all
      select member_id, kind, 'awaiting_approval', resolution_on, resolution_on, id from pending)
    select l.id, l.decision, l.rule, l.basis_on::text as basis_on, l.due_since::text as due_since,
           l.decision_id, m.name, m.status, m.org_id, m.org_name, m.party_standing, m.path
      from listed l join m on m.id = l.id
     where ${q.decision ? sql`l.decision = ${q.decision}` : sql`true`}`;
  type Row = {
    id: number;
    decision: StandingDecisionKind;
    rule: StandingDueRule;
    basis_on: string;
    due_since: string;
    decision_id: number | null;
    name: string;
    status: MemberStatus;
    org_id: number;
    org_name: string;
    party_standing: StandingDue['standing'];
    path: string;
    total: number;
  };
  const page = await paginate<Row>(q, {
    rows: async (limit, offset) =>
      (
        await ctx.db.execute<Row>(sql`
          select *, (count(*) over ())::int as total from (${listed}) t
           order by due_since, path, id, rule limit ${limit} offset ${offset}`)
      ).rows,
    count: async () =>
      (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (${listed}) t`)).rows,
    totalIn: (r) => r.total,
  });
  return {
    ...page,
    items: page.items.map((r) => ({
      memberId: String(r.id),
      name: r.name,
      orgId: String(r.org_id),
      orgName: r.org_name,
      status: r.status,
      standing: r.party_standing,
      decision: r.decision,
      rule: r.rule,
      basisOn: r.basis_on,
      dueSince: r.due_since,
      decisionId: r.decision_id === null ? null : String(r.decision_id),
      can: { approve: mayApproveStanding(ctx.actor, r.path) },
    })),
  };
}
