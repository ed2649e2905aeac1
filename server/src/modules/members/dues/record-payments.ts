import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, type FieldIssue, forbidden } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { reliefInSql, standardInSql } from './months.ts';
import { dueFor, MAX_MONTHS_AHEAD, type ReliefLike } from './rules.ts';
import { duesPayments, members } from '../schema.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';

type Issue = FieldIssue & { messageEn: string };

// ── payments ────────────────────────────────────────────────────────────────────────────────

export type PaymentInput = { memberId: string; month: string; amountFen: number };

/**
 * A batch of payments (a branch's monthly collection, or a spreadsheet of them): every row is
 * checked, and either all are recorded or none. Each payment is compared with what was due that
 * month (the standard then, or the reduced amount, or nothing when exempt): more is kept as paid
 * and reported as voluntary extra (自愿多交); less leaves the month owing, and a later payment for
 * it tops it up (补交). A month already settled is a conflict naming the row.
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
  const latest = addMonthsToMonth(shanghaiMonth(ctx.now()), MAX_MONTHS_AHEAD);

  return inTransaction(ctx.db, async (tx) => {
    const ids = [...new Set(rows.map((p) => Number(p.memberId)))];
    // locked so that a transfer or a second batch for the same members waits for this one
    const found = await tx
      .select({
        id: members.id,
        name: members.name,
        status: members.status,
        partyStanding: members.partyStanding,
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
        // no name: ids are sequential, so a name here would list every member of the deployment
        throw forbidden({
          zh: `第 ${i + 1} 行：该党员不在您的管理范围内，本批未登记任何缴费`,
          en: `row ${i + 1}: the member is outside your scope; nothing was recorded`,
        });
      }
      if (m.status !== 'probationary' && m.status !== 'full')
        issues.push({
          path: `payments.${i}.memberId`,
          message: `“${m.name}”尚未入党，不交纳党费`,
          messageEn: 'not yet a Party member: no dues',
        });
      else if (m.partyStanding === 'suspended')
        issues.push({
          path: `payments.${i}.memberId`,
          message: `“${m.name}”停止党籍期间不交纳党费`,
          messageEn: 'Party standing suspended: no dues',
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

    const due = await dueIn(tx, rows);
    const paid = await tx
      .select({
        id: duesPayments.id,
        memberId: duesPayments.memberId,
        month: duesPayments.month,
        amountFen: duesPayments.amountFen,
      })
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
    const paidBefore = new Map(paid.map((p) => [`${p.memberId}/${p.month}`, p]));
    rows.forEach((p, i) => {
      const before = paidBefore.get(`${Number(p.memberId)}/${p.month}`);
      const owed = due.get(`${Number(p.memberId)}/${p.month}`);
      // paid short before: this one tops it up; paid in full (or with no standard to compare): settled
      if (before && (owed == null || before.amountFen >= owed)) {
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
    const fresh = rows.filter((p) => !paidBefore.has(`${Number(p.memberId)}/${p.month}`));
    if (fresh.length)
      await tx.insert(duesPayments).values(
        fresh.map((p) => ({
          memberId: Number(p.memberId),
          month: p.month,
          amountFen: p.amountFen,
          recordedBy: actor.userId,
          recordedAt: now,
        })),
      );
    const topUps = rows.filter((p) => paidBefore.has(`${Number(p.memberId)}/${p.month}`));
    for (const p of topUps)
      await tx
        .update(duesPayments)
        .set({
          amountFen: sql`${duesPayments.amountFen} + ${p.amountFen}`,
          recordedBy: actor.userId,
          recordedAt: now,
        })
        .where(eq(duesPayments.id, paidBefore.get(`${Number(p.memberId)}/${p.month}`)!.id));
    // each month's whole payment against what was due
    let extraFen = 0;
    let shortFen = 0;
    for (const p of rows) {
      const key = `${Number(p.memberId)}/${p.month}`;
      const owed = due.get(key);
      if (owed == null) continue;
      const total = p.amountFen + (paidBefore.get(key)?.amountFen ?? 0);
      if (total > owed) extraFen += total - owed;
      else shortFen += owed - total;
    }
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
        after: {
          payments: list,
          totalFen: list.reduce((s, p) => s + p.amountFen, 0),
          ...(topUps.length ? { topUps: topUps.filter((p) => list.includes(p)).length } : {}),
        },
      });
    }
    return { recorded: rows.length, totalFen: rows.reduce((s, p) => s + p.amountFen, 0), extraFen, shortFen };
  });
}

/**
 * What was due for each (member, month) of a batch, by the standard then and any relief in effect
 * (rules.ts dueFor): one statement for the whole batch. No entry: the member has no standard.
 */
async function dueIn(tx: Queryable, rows: PaymentInput[]): Promise<Map<string, number>> {
  const { rows: found } = await tx.execute<{
    member_id: number;
    month: string;
    std: number | null;
    kind: string | null;
    amount_fen: number | null;
  }>(sql`
    select x.member_id, x.month, ${standardInSql(sql`x.member_id`, sql`x.month`, sql`m.dues_standard_fen`)} as std,
           r.kind, r.amount_fen
      from unnest(${sql.param(rows.map((p) => Number(p.memberId)))}::int8[], ${sql.param(rows.map((p) => p.month))}::text[])
        as x(member_id, month)
      join members m on m.id = x.member_id
      left join lateral ${reliefInSql(sql`x.member_id`, sql`x.month`)} r on true`);
  const out = new Map<string, number>();
  for (const f of found)
    if (f.std != null)
      out.set(
        `${Number(f.member_id)}/${f.month}`,
        dueFor(f.std, f.kind ? { kind: f.kind as ReliefLike['kind'], amountFen: f.amount_fen } : null),
      );
  return out;
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
