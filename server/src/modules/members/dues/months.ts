import { type SQL, sql } from 'drizzle-orm';
import type { DuesMonth, ReliefKind } from '../../../../../contracts/members/index.ts';
import { RELIEF_IN_EFFECT } from './arrears.ts';
import { dueFor, monthState } from './rules.ts';

/**
 * The standard that applied in `month` (SQL): the history's latest entry from that month or
 * before; before the first entry, the first (the history starts with the standard the member
 * had); with no history at all, the record's standard. The arrears use the same reading.
 */
export const standardInSql = (memberId: SQL, month: SQL, current: SQL) => sql`coalesce(
  (select d.standard_fen from dues_standards d where d.member_id = ${memberId} and d.from_month <= ${month}
    order by d.from_month desc limit 1),
  (select d.standard_fen from dues_standards d where d.member_id = ${memberId} order by d.from_month limit 1),
  ${current})`;

/** The relief in effect covering `month` (a lateral: kind, amount_fen), at most one (no overlaps). */
export const reliefInSql = (memberId: SQL, month: SQL) => sql`(
  select r.kind, r.amount_fen from dues_reliefs r
   where r.member_id = ${memberId} and r.from_month <= ${month}
     and (r.to_month is null or r.to_month >= ${month}) and ${RELIEF_IN_EFFECT}
   limit 1)`;

export type RawMonth = {
  month: string;
  standardFen: number | null;
  reliefKind: string | null;
  reliefAmountFen: number | null;
  paidFen: number | null;
  /** Before counting starts, or while the member's standing is suspended. */
  notDue: boolean;
  /** false for this month and later ones: not owed yet, what they lack is pending (default true). */
  over?: boolean;
};

/** A month as the sheet and the member's page show it, by the rules (rules.ts dueFor, monthState). */
export function duesMonth(r: RawMonth): DuesMonth {
  const relief = (r.reliefKind as ReliefKind | null) ?? null;
  const dueFen =
    r.notDue || r.standardFen == null
      ? null
      : dueFor(r.standardFen, relief ? { kind: relief, amountFen: r.reliefAmountFen } : null);
  const paid = r.paidFen ?? 0;
  return {
    month: r.month,
    standardFen: r.standardFen,
    dueFen,
    relief,
    paidFen: r.paidFen,
    extraFen: dueFen != null && paid > dueFen ? paid - dueFen : 0,
    shortFen: dueFen != null && paid < dueFen ? dueFen - paid : 0,
    state: monthState(dueFen, r.paidFen, r.notDue, r.over ?? true),
  };
}
