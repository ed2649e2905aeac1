import { and, desc, eq, lte } from 'drizzle-orm';
import type { DuesBasis } from '../../../../../contracts/members/index.ts';
import type { Queryable } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { invalid } from './errors.ts';
import { getSetting } from '../../../platform/settings/index.ts';
import { shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { duesStandards, type MemberRow } from '../schema.ts';
import { duesFixedAmounts, duesMonthlyCapFen, duesRecalcWindow } from '../settings.ts';
import {
  basisProblem,
  type DuesCategory,
  type DuesTerms,
  duesBase,
  duesFromMonth,
  type RecalcWindow,
  standardChangeProblem,
} from './rules.ts';

/** The department's fixed amounts and monthly cap, as set now (platform/settings). */
export async function readDuesTerms(db: Queryable): Promise<DuesTerms> {
  return { fixed: await getSetting(db, duesFixedAmounts), capFen: await getSetting(db, duesMonthlyCapFen) };
}

export const readRecalcWindow = (db: Queryable): Promise<RecalcWindow> => getSetting(db, duesRecalcWindow);

/** The first month dues are counted for this record (the kept month, or the rule for older rows). */
export const duesStartOf = (m: Pick<MemberRow, 'duesFromMonth' | 'joinedOn' | 'createdAt'>) =>
  m.duesFromMonth ?? duesFromMonth({ joinedOn: m.joinedOn, arrivedMonth: shanghaiMonth(m.createdAt) });

type DuesFields = { duesCategory: string | null; monthlyIncomeFen: number | null };

/**
 * For a record being written by a form (create, edit) or an approved correction: the terms and the
 * basis its standard is computed with. The stored basis stays while it fits the category (年薪制
 * stays 年薪制 when the salary changes) and is dropped when it does not. On an edit, a standard that
 * exists changes only in the department's yearly window: outside it the change goes through
 * 调整党费标准 (POST /dues/standards), where the reason is recorded (rules.ts standardChangeProblem).
 */
export async function duesForWrite(
  tx: Queryable,
  ctx: Ctx,
  before: (DuesFields & Pick<MemberRow, 'duesBasis' | 'duesStandardFen'>) | null,
  after: DuesFields,
  source: string,
): Promise<{ terms: DuesTerms; basis: DuesBasis | null; keepFen?: number | null }> {
  const terms = await readDuesTerms(tx);
  const stored = (before?.duesBasis ?? null) as DuesBasis | null;
  const basis = basisProblem(after.duesCategory as DuesCategory | null, stored) ? null : stored;
  const changed =
    !!before &&
    (before.duesCategory !== after.duesCategory || before.monthlyIncomeFen !== after.monthlyIncomeFen);
  if (changed && source === 'edit') {
    const problem = standardChangeProblem({
      hadStandard: before.duesStandardFen != null,
      window: await readRecalcWindow(tx),
      today: shanghaiToday(ctx.now()),
      reason: null,
    });
    if (problem) {
      const path = before.duesCategory !== after.duesCategory ? 'duesCategory' : 'monthlyIncomeFen';
      throw invalid([
        {
          path,
          text: {
            zh: `${problem.zh}：请在党员的“党费”页中“调整党费标准”`,
            en: `${problem.en}: use "Change the dues standard" on the member's dues tab`,
          },
        },
      ]);
    }
  }
  // an edit that leaves the dues fields alone leaves the standard alone too, even when the
  // department's figures changed since: standards move in the yearly recalculation, not by chance
  if (before && !changed) return { terms, basis, keepFen: before.duesStandardFen };
  return { terms, basis };
}

/**
 * After a record's dues fields were written: the standard history follows. A record with no
 * history yet (one kept before the history was) first gets its earlier standard from where its
 * counting starts, so the months before keep the standard they had; the new one applies from
 * `fromMonth` (default: this month; a new record's: where its counting starts).
 */
export async function keepStandardHistory(
  tx: Queryable,
  ctx: Ctx,
  before: MemberRow | null,
  after: MemberRow,
  fromMonth?: string,
) {
  const same =
    before &&
    before.duesStandardFen === after.duesStandardFen &&
    before.duesCategory === after.duesCategory &&
    before.monthlyIncomeFen === after.monthlyIncomeFen &&
    before.duesBasis === after.duesBasis;
  // an explicit month (调整党费标准) is always kept, even when the figures did not change
  if ((same && !fromMonth) || after.duesStandardFen == null || !after.duesCategory) return;
  const from = fromMonth ?? (before ? shanghaiMonth(ctx.now()) : duesStartOf(after));
  const userId = ctx.actor?.userId ?? null;
  const now = ctx.now();
  if (before?.duesStandardFen != null && before.duesCategory) {
    const [any] = await tx
      .select({ id: duesStandards.id })
      .from(duesStandards)
      .where(eq(duesStandards.memberId, after.id))
      .limit(1);
    const start = duesStartOf(before);
    if (!any && start < from)
      await tx.insert(duesStandards).values({
        memberId: after.id,
        fromMonth: start,
        category: before.duesCategory,
        basis: before.duesBasis,
        baseFen: baseOf(before),
        standardFen: before.duesStandardFen,
        recordedBy: userId,
        recordedAt: now,
      });
  }
  const values = {
    category: after.duesCategory,
    basis: after.duesBasis,
    baseFen: baseOf(after),
    standardFen: after.duesStandardFen,
    recordedBy: userId,
    recordedAt: now,
  };
  await tx
    .insert(duesStandards)
    .values({ memberId: after.id, fromMonth: from, ...values })
    .onConflictDoUpdate({ target: [duesStandards.memberId, duesStandards.fromMonth], set: values });
}

const baseOf = (m: Pick<MemberRow, 'duesBasis' | 'monthlyIncomeFen'>) =>
  m.monthlyIncomeFen == null ? null : duesBase(m.duesBasis as DuesBasis | null, m.monthlyIncomeFen);

/** The standard that applied in `month` by the history (null: none recorded by then). */
export async function standardIn(db: Queryable, memberId: number, month: string) {
  const [row] = await db
    .select()
    .from(duesStandards)
    .where(and(eq(duesStandards.memberId, memberId), lte(duesStandards.fromMonth, month)))
    .orderBy(desc(duesStandards.fromMonth))
    .limit(1);
  return row ?? null;
}
