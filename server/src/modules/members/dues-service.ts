import { and, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ArrearsReport, DuesCategory } from '../../../../contracts/members.ts';
import { inTransaction } from '../../db/client.ts';
import { authorize, can, scopePaths } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { AppError, type FieldIssue, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { orgs } from '../orgs/schema.ts';
import { findOrg, scopeFilter } from '../orgs/service.ts';
import { DEFAULT_FIXED_DUES, duesRate } from './dues.ts';
import { duesPayments, members } from './schema.ts';
import { shanghaiToday } from './validate.ts';

type Issue = FieldIssue & { messageEn: string };

// ── months (YYYY-MM, Asia/Shanghai) ─────────────────────────────────────────────────────────

export const shanghaiMonth = (now: Date) => shanghaiToday(now).slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

// ── the standard table ──────────────────────────────────────────────────────────────────────

const CATEGORY_LABEL: Record<DuesCategory, { zh: string; en: string }> = {
  salaried: { zh: '在职党员（按税后月工资收入）', en: 'Salaried (after-tax monthly income)' },
  retired: { zh: '离退休党员（按月离退休费）', en: 'Retired (monthly retirement pay)' },
  farmer: { zh: '农民党员', en: 'Farmers' },
  student: { zh: '学生党员', en: 'Students' },
  relief: { zh: '下岗失业、依靠抚恤或救济生活的党员', en: 'Unemployed or on relief' },
};

/** Income brackets in fen: (overFen, upToFen]; null is "no upper limit". */
const BRACKETS: Record<'salaried' | 'retired', [number, number | null][]> = {
  salaried: [
    [0, 300_000],
    [300_000, 500_000],
    [500_000, 1_000_000],
    [1_000_000, null],
  ],
  retired: [
    [0, 500_000],
    [500_000, null],
  ],
};

/**
 * The 2008 rules (关于中国共产党党费收缴、使用和管理的规定) as data for the dues screens. The rates
 * are read from duesRate itself, so the table shown is the rule the server computes with.
 */
export function duesStandardTable() {
  const brackets = (['salaried', 'retired'] as const).flatMap((category) =>
    BRACKETS[category].map(([overFen, upToFen]) => ({
      category,
      label: CATEGORY_LABEL[category].zh,
      labelEn: CATEGORY_LABEL[category].en,
      overFen,
      upToFen,
      rate: duesRate(category, upToFen ?? overFen + 1),
    })),
  );
  const fixed = (['farmer', 'student', 'relief'] as const).map((category) => ({
    category,
    label: CATEGORY_LABEL[category].zh,
    labelEn: CATEGORY_LABEL[category].en,
    amountFen: DEFAULT_FIXED_DUES[category],
  }));
  return {
    source: '中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008 年）',
    basis: '按月交纳；在职党员以税后工资收入、离退休党员以离退休费为基数，四舍五入到分',
    brackets,
    fixed,
  };
}

// ── payments ────────────────────────────────────────────────────────────────────────────────

export type PaymentInput = { memberId: string; month: string; amountFen: number };

/** Dues may be paid ahead (a member going away for work), at most a year. */
const MAX_MONTHS_AHEAD = 12;

/**
 * A batch of payments (a branch's monthly collection, or a spreadsheet of them): every row is
 * checked, and either all are recorded or none. A month already paid is a conflict naming the row.
 */
export async function recordPayments(ctx: Ctx, input: { payments: PaymentInput[] }) {
  const actor = actorOf(ctx);
  const rows = input.payments;
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((p, i) => {
    const key = `${p.memberId}/${p.month}`;
    const first = seen.get(key);
    if (first != null)
      issues.push({
        path: `payments.${i}.month`,
        message: `与第 ${first + 1} 行重复：同一党员同一月份只能登记一次`,
        messageEn: `duplicates row ${first + 1}: one payment per member and month`,
      });
    else seen.set(key, i);
  });
  if (issues.length) throw rowErrors(400, 'invalid_input', issues);
  const latest = addMonths(shanghaiMonth(ctx.now()), MAX_MONTHS_AHEAD);

  return inTransaction(ctx.db, async (tx) => {
    const ids = [...new Set(rows.map((p) => Number(p.memberId)))];
    // locked so that a transfer or a second batch for the same members waits for this one
    const found = await tx
      .select({
        id: members.id,
        name: members.name,
        status: members.status,
        joinedOn: members.joinedOn,
        orgId: members.orgId,
        orgPath: orgs.path,
      })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inArray(members.id, ids), isNull(members.leftAt)))
      .for('update', { of: members });
    const byId = new Map(found.map((m) => [m.id, m]));
    rows.forEach((p, i) => {
      const m = byId.get(Number(p.memberId));
      if (!m) {
        issues.push({ path: `payments.${i}.memberId`, message: '党员不存在', messageEn: 'member not found' });
        return;
      }
      if (!can(actor, 'dues.manage', m.orgPath)) {
        throw forbidden({
          zh: `第 ${i + 1} 行：党员“${m.name}”不在您的管理范围内`,
          en: `row ${i + 1}: the member is outside your scope`,
        });
      }
      if (m.status !== 'probationary' && m.status !== 'full')
        issues.push({
          path: `payments.${i}.memberId`,
          message: `“${m.name}”尚未入党，不交纳党费`,
          messageEn: 'not yet a Party member: no dues',
        });
      else if (m.joinedOn && p.month < m.joinedOn.slice(0, 7))
        issues.push({
          path: `payments.${i}.month`,
          message: `早于“${m.name}”的入党月份 ${m.joinedOn.slice(0, 7)}`,
          messageEn: `before the member joined (${m.joinedOn.slice(0, 7)})`,
        });
      if (p.month > latest)
        issues.push({
          path: `payments.${i}.month`,
          message: `最多预交 ${MAX_MONTHS_AHEAD} 个月（至 ${latest}）`,
          messageEn: `at most ${MAX_MONTHS_AHEAD} months ahead (${latest})`,
        });
    });
    if (issues.length) throw rowErrors(400, 'invalid_input', issues);

    const paid = await tx
      .select({ memberId: duesPayments.memberId, month: duesPayments.month })
      .from(duesPayments)
      .where(
        and(
          inArray(duesPayments.memberId, ids),
          inArray(
            duesPayments.month,
            rows.map((p) => p.month),
          ),
        ),
      );
    const paidSet = new Set(paid.map((p) => `${p.memberId}/${p.month}`));
    rows.forEach((p, i) => {
      if (paidSet.has(`${Number(p.memberId)}/${p.month}`)) {
        const name = byId.get(Number(p.memberId))!.name;
        issues.push({
          path: `payments.${i}.month`,
          message: `“${name}” ${p.month} 的党费已登记`,
          messageEn: `${p.month} is already paid for this member`,
        });
      }
    });
    if (issues.length) throw rowErrors(409, 'dues_already_paid', issues);

    const now = ctx.now();
    await tx.insert(duesPayments).values(
      rows.map((p) => ({
        memberId: Number(p.memberId),
        month: p.month,
        amountFen: p.amountFen,
        recordedBy: actor.userId,
        recordedAt: now,
      })),
    );
    // one entry per branch, so each branch's audit trail shows its own collection
    const byBranch = new Map<number, PaymentInput[]>();
    for (const p of rows) {
      const orgId = byId.get(Number(p.memberId))!.orgId;
      byBranch.set(orgId, [...(byBranch.get(orgId) ?? []), p]);
    }
    for (const [orgId, list] of byBranch) {
      const m = found.find((f) => f.orgId === orgId)!;
      await recordAudit(tx, ctx, {
        action: 'dues.paid',
        targetType: 'org',
        targetId: orgId,
        orgId,
        orgPath: m.orgPath,
        after: { payments: list, totalFen: list.reduce((s, p) => s + p.amountFen, 0) },
      });
    }
    return { recorded: rows.length, totalFen: rows.reduce((s, p) => s + p.amountFen, 0) };
  });
}

function rowErrors(status: number, code: string, issues: Issue[]) {
  const shown = issues.slice(0, 5);
  const more = issues.length > shown.length ? `等 ${issues.length} 处` : '';
  const moreEn = issues.length > shown.length ? ` (${issues.length} in all)` : '';
  return new AppError(
    status,
    code,
    {
      zh: `${shown.map((d) => `${d.path}：${d.message}`).join('；')}${more}；本批未登记任何缴费`,
      en: `${shown.map((d) => `${d.path}: ${d.messageEn}`).join('; ')}${moreEn}; nothing was recorded`,
    },
    issues,
  );
}

// ── arrears ─────────────────────────────────────────────────────────────────────────────────

/** 党章第九条: six months in a row without paying dues, without good reason, is leaving the Party. */
export const FLAG_AFTER_MONTHS = 6;

async function subtreeOf(ctx: Ctx, action: string, orgId: string | undefined): Promise<SQL> {
  const actor = actorOf(ctx);
  if (!orgId) return scopeFilter(scopePaths(actor, action));
  const org = await findOrg(ctx.db, Number(orgId));
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  authorize(actor, action, org.path);
  return like(orgs.path, `${org.path}%`);
}

/**
 * Who owes dues, as of the end of month `asOf` (default: the last completed month — a month's
 * dues fall due within that month, so the current one is not yet owed).
 *
 * Counting starts at the later of the member's join month and the first month on record for
 * them; a member with nothing on record at all is counted from January of asOf's year (what was
 * paid before the platform kept dues is not known here). The amount owed is the months owed ×
 * the current standard. Flagged: six or more consecutive months unpaid (党章第九条).
 */
export async function arrears(
  ctx: Ctx,
  q: { orgId?: string; asOf?: string; minMonths: number; page: number; pageSize: number },
): Promise<z.infer<typeof ArrearsReport>> {
  const current = shanghaiMonth(ctx.now());
  const asOf = q.asOf ?? addMonths(current, -1);
  if (asOf > current)
    throw fieldError('asOf', { zh: `不能晚于本月（${current}）`, en: `cannot be after ${current}` });
  const scope = await subtreeOf(ctx, 'dues.manage', q.orgId);
  // all in SQL: each member's unpaid months from where counting starts to asOf, the longest run
  // of them (gaps and islands: month number minus row number is constant along a run), then one
  // page, with the report's totals from window functions
  const { rows } = await ctx.db.execute<{
    id: number;
    name: string;
    org_name: string;
    dues_standard_fen: number;
    months_owed: number;
    since: string;
    longest: number;
    total: number;
    flagged_total: number;
    owed_fen_total: number;
  }>(sql`
    with m as (
      select m.id, m.name, orgs.name as org_name, orgs.path, m.dues_standard_fen,
             greatest(to_char(m.joined_on, 'YYYY-MM'),
                      coalesce((select min(d.month) from dues_payments d where d.member_id = m.id),
                               ${`${asOf.slice(0, 4)}-01`})) as from_month
        from members m
        join orgs on orgs.id = m.org_id
       where ${scope} and m.left_at is null and m.dues_standard_fen is not null
         and m.status in ('probationary', 'full')),
    owed as (
      select m.id, to_char(g, 'YYYY-MM') as month,
             (extract(year from g) * 12 + extract(month from g))::int
               - row_number() over (partition by m.id order by g)::int as run
        from m
        cross join lateral generate_series(to_date(m.from_month, 'YYYY-MM'), to_date(${asOf}, 'YYYY-MM'), interval '1 month') g
       where not exists (select 1 from dues_payments d where d.member_id = m.id and d.month = to_char(g, 'YYYY-MM'))),
    runs as (select id, run, count(*)::int as n, min(month) as since from owed group by id, run),
    per as (select id, sum(n)::int as months_owed, min(since) as since, max(n)::int as longest from runs group by id)
    select m.id, m.name, m.org_name, m.dues_standard_fen, per.months_owed, per.since, per.longest,
           count(*) over ()::int as total,
           (count(*) filter (where per.longest >= ${FLAG_AFTER_MONTHS}) over ())::int as flagged_total,
           (sum(per.months_owed * m.dues_standard_fen) over ())::int8 as owed_fen_total
      from per join m using (id)
     where per.months_owed >= ${q.minMonths}
     order by per.months_owed desc, m.path, m.id
     limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const first = rows[0];
  return {
    items: rows.map((r) => ({
      memberId: String(r.id),
      name: r.name,
      orgName: r.org_name,
      duesStandardFen: r.dues_standard_fen,
      monthsOwed: r.months_owed,
      owedFen: r.months_owed * r.dues_standard_fen,
      since: r.since,
      flagged: r.longest >= FLAG_AFTER_MONTHS,
    })),
    // a page past the end has no rows to carry the totals: ask again for the first page's
    ...(first || q.page === 1
      ? {
          total: first?.total ?? 0,
          flaggedTotal: first?.flagged_total ?? 0,
          owedFenTotal: Number(first?.owed_fen_total ?? 0),
        }
      : await arrears(ctx, { ...q, page: 1, pageSize: 1 }).then((r) => ({
          total: r.total,
          flaggedTotal: r.flaggedTotal,
          owedFenTotal: r.owedFenTotal,
        }))),
    page: q.page,
    pageSize: q.pageSize,
    asOf,
  };
}
