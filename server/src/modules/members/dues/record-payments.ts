import { and, eq, inArray, isNull } from 'drizzle-orm';
import { inTransaction } from '../../../db/client.ts';
import { can } from '../../../platform/access/index.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, type FieldIssue, forbidden } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { MAX_MONTHS_AHEAD } from './rules.ts';
import { duesPayments, members } from '../schema.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';

type Issue = FieldIssue & { messageEn: string };

// ── payments ────────────────────────────────────────────────────────────────────────────────

export type PaymentInput = { memberId: string; month: string; amountFen: number };

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
  const latest = addMonthsToMonth(shanghaiMonth(ctx.now()), MAX_MONTHS_AHEAD);

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
