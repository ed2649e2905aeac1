import { and, eq, gt } from 'drizzle-orm';
import type { z } from 'zod';
import type { DuesStandardEntry, SetDuesStandard } from '../../../../../contracts/members/index.ts';
import { inTransaction } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import type { Ctx } from '../../../platform/context.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { recordHistory } from '../record/store.ts';
import { duesStandards, members } from '../schema.ts';
import { invalid } from './errors.ts';
import { memberForDues, mustPayDues } from './load-member.ts';
import { presentStandard } from './present.ts';
import {
  basisProblem,
  defaultBasis,
  duesBase,
  duesStandard,
  type Problem,
  standardChangeProblem,
} from './rules.ts';
import { keepStandardHistory, readDuesTerms, readRecalcWindow } from './standards.ts';

type Input = z.infer<typeof SetDuesStandard>;

/**
 * 调整党费标准: a member's standard from a month on, computed from the category, the basis and the
 * income with the department's figures (rules.ts duesStandard), kept in the history so that the
 * months before keep theirs. Outside the yearly window, changing a standard that exists needs the
 * reason (rules.ts standardChangeProblem); it is kept in the audit entry.
 */
export async function setDuesStandard(ctx: Ctx, input: Input): Promise<z.infer<typeof DuesStandardEntry>> {
  const now = ctx.now();
  const today = shanghaiToday(now);
  const thisMonth = shanghaiMonth(now);
  const problems: Problem[] = [];
  if (input.fromMonth > thisMonth)
    problems.push({
      path: 'fromMonth',
      text: {
        zh: `不能晚于本月（${thisMonth}），请到月时再调整`,
        en: `cannot be after this month (${thisMonth})`,
      },
    });
  const basisWrong = basisProblem(input.category, input.basis);
  if (basisWrong) problems.push({ path: 'basis', text: basisWrong });
  const byIncome = input.category === 'salaried' || input.category === 'retired';
  if (byIncome && input.incomeFen == null)
    problems.push({
      path: 'incomeFen',
      text: { zh: '在职和离退休党员须填写收入', en: 'required for this category' },
    });
  if (!byIncome && input.incomeFen != null)
    problems.push({
      path: 'incomeFen',
      text: { zh: '农民、学生和困难党员按固定标准交纳，不填收入', en: 'fixed categories take no income' },
    });
  if (problems.length) throw invalid(problems);

  return inTransaction(ctx.db, async (tx) => {
    const { m, orgPath } = await memberForDues(tx, ctx, Number(input.memberId));
    mustPayDues(m);
    if (m.joinedOn && input.fromMonth < m.joinedOn.slice(0, 7))
      throw invalid([
        {
          path: 'fromMonth',
          text: { zh: `早于入党月份（${m.joinedOn.slice(0, 7)}）`, en: `before the member joined` },
        },
      ]);
    const change = standardChangeProblem({
      hadStandard: m.duesStandardFen != null,
      window: await readRecalcWindow(tx),
      today,
      reason: input.reason,
    });
    if (change) throw invalid([{ path: 'reason', text: change }]);

    const basis = input.basis ?? defaultBasis(input.category);
    const standardFen = duesStandard(input.category, input.incomeFen, await readDuesTerms(tx), basis);
    const [later] = await tx
      .select({ id: duesStandards.id })
      .from(duesStandards)
      .where(and(eq(duesStandards.memberId, m.id), gt(duesStandards.fromMonth, input.fromMonth)))
      .limit(1);
    if (later) {
      // a correction of an earlier period: the standard in effect now stays as it is
      const values = {
        category: input.category,
        basis,
        baseFen: input.incomeFen == null ? null : duesBase(basis, input.incomeFen),
        standardFen,
        recordedBy: ctx.actor?.userId ?? null,
        recordedAt: now,
      };
      await tx
        .insert(duesStandards)
        .values({ memberId: m.id, fromMonth: input.fromMonth, ...values })
        .onConflictDoUpdate({ target: [duesStandards.memberId, duesStandards.fromMonth], set: values });
    } else {
      const [updated] = await tx
        .update(members)
        .set({
          duesCategory: input.category,
          duesBasis: basis,
          monthlyIncomeFen: input.incomeFen,
          duesStandardFen: standardFen,
          recordUpdatedAt: now,
          updatedAt: now,
        })
        .where(eq(members.id, m.id))
        .returning();
      const changes: Record<string, [unknown, unknown]> = {};
      if (m.duesCategory !== input.category) changes.duesCategory = [m.duesCategory, input.category];
      if (m.monthlyIncomeFen !== input.incomeFen)
        changes.monthlyIncomeFen = [m.monthlyIncomeFen, input.incomeFen];
      await recordHistory(tx, ctx, m.id, 'dues', changes);
      await keepStandardHistory(tx, ctx, m, updated, input.fromMonth);
    }
    await recordAudit(tx, ctx, {
      action: 'dues.standard_set',
      targetType: 'member',
      targetId: m.id,
      orgId: m.orgId,
      orgPath,
      before: { standardFen: m.duesStandardFen, category: m.duesCategory },
      after: {
        fromMonth: input.fromMonth,
        category: input.category,
        basis,
        standardFen,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    const [row] = await tx
      .select()
      .from(duesStandards)
      .where(and(eq(duesStandards.memberId, m.id), eq(duesStandards.fromMonth, input.fromMonth)));
    return presentStandard(row);
  });
}
