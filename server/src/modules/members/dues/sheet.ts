import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DuesSheet, DuesSheetQuery } from '../../../../../contracts/members/index.ts';
import { listScope } from '../../../platform/access/scope.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';
import { DUES_FROM } from './arrears.ts';
import { duesMonth, reliefInSql, standardInSql } from './months.ts';
import { MAX_MONTHS_AHEAD } from './rules.ts';

type Row = {
  id: number;
  name: string;
  status: 'probationary' | 'full';
  std: number | null;
  relief_kind: string | null;
  relief_amount: number | null;
  paid: number | null;
  not_due: boolean;
  total: number;
  settled_total: number;
};

/**
 * 党费收缴表: a branch's Party members for one month, each with the standard that applied then,
 * any reduction or exemption, what was paid and how it compares (paid, paid more, paid short,
 * unpaid, exempt, not due) — so that a paid row looks paid, and a batch skips it.
 */
export async function duesSheet(
  ctx: Ctx,
  q: z.infer<typeof DuesSheetQuery>,
): Promise<z.infer<typeof DuesSheet>> {
  const scope = await listScope(ctx, 'dues.manage', q.orgId);
  const org = scope.org!;
  if (org.kind !== 'branch')
    throw fieldError('orgId', {
      zh: `党费按党支部收缴，“${org.name}”不是党支部`,
      en: 'dues are collected by branches: choose a branch',
    });
  const latest = addMonthsToMonth(shanghaiMonth(ctx.now()), MAX_MONTHS_AHEAD);
  if (q.month > latest)
    throw fieldError('month', {
      zh: `最多预交 ${MAX_MONTHS_AHEAD} 个月（至 ${latest}）`,
      en: `at most ${latest}`,
    });
  const term = q.q?.trim();
  const like = term ? `%${term.replace(/[%_\\]/g, '\\$&')}%` : null;
  const search = like
    ? sql`and (m.name like ${like} or m.name_initials like ${`${term!.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`})`
    : sql``;
  const where = sql`m.org_id = ${org.id} and m.left_at is null and m.status in ('probationary', 'full')
    and m.party_standing <> 'left' ${search}`;
  const month = sql`${q.month}::text`;
  const page = await paginate(q, {
    totalIn: (r: Row) => r.total,
    count: async () => {
      const { rows } = await ctx.db.execute<{ n: number }>(
        sql`select count(*)::int as n from members m where ${where}`,
      );
      return rows;
    },
    rows: async (limit, offset) => {
      const { rows } = await ctx.db.execute<Row>(sql`
        with x as (
          select m.id, m.name, m.status, ${standardInSql(sql`m.id`, month, sql`m.dues_standard_fen`)} as std,
                 r.kind as relief_kind, r.amount_fen as relief_amount, p.amount_fen as paid,
                 (${month} < ${DUES_FROM}
                   or (m.party_standing = 'suspended' and ${month} >= to_char(m.suspended_on, 'YYYY-MM'))) as not_due
            from members m
            left join lateral ${reliefInSql(sql`m.id`, month)} r on true
            left join dues_payments p on p.member_id = m.id and p.month = ${month}
           where ${where})
        select x.*, count(*) over ()::int as total,
               (count(*) filter (where not x.not_due and coalesce(x.paid, 0) >= case x.relief_kind when 'exempt' then 0
                  when 'reduced' then least(x.relief_amount, x.std) else x.std end) over ())::int as settled_total
          from x
         order by x.id
         limit ${limit} offset ${offset}`);
      return rows;
    },
  });
  const first = page.items[0];
  return {
    ...page,
    items: page.items.map((r) => {
      const d = duesMonth({
        month: q.month,
        standardFen: r.std,
        reliefKind: r.relief_kind,
        reliefAmountFen: r.relief_amount,
        paidFen: r.paid,
        notDue: r.not_due,
      });
      return {
        memberId: String(r.id),
        name: r.name,
        status: r.status,
        standardFen: d.standardFen,
        dueFen: d.dueFen,
        relief: d.relief,
        paidFen: d.paidFen,
        state: d.state,
      };
    }),
    month: q.month,
    orgName: org.name,
    settledTotal: first?.settled_total ?? 0,
  };
}
