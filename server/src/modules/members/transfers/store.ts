import { and, desc, eq, inArray, isNotNull, like, ne, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { ancestorIds, findOrg, type OrgRow, orgs } from '../../../platform/tree/index.ts';
import { shanghaiMonth } from '../../../platform/time.ts';
import { duesFromMonth } from '../dues/rules.ts';
import { duesPayments, duesReliefs, type MemberRow, members, transfers } from '../schema.ts';
import {
  duesPaidUntil,
  formatLetterNo,
  issuingOrg,
  letterNoPrefix,
  letterTag,
  nextLetterSeq,
  TRANSFER,
  type TransferRow,
} from './rules.ts';

export async function mustOrg(db: Queryable, id: number) {
  const org = await findOrg(db, id);
  if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
  return org;
}

export async function lockTransfer(tx: Tx, id: number) {
  const [t] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  if (!t) throw notFound(TRANSFER);
  return t;
}

export async function lockMember(tx: Tx, id: number) {
  const [m] = await tx.select().from(members).where(eq(members.id, id)).for('update');
  return m as MemberRow | undefined;
}

/** The committee that issues letters for a branch (rules.ts issuingOrg); the branch itself if none. */
export async function issuerOf(db: Queryable, org: OrgRow): Promise<OrgRow> {
  const ids = [...ancestorIds(org.path), org.id];
  const line = await db.select().from(orgs).where(inArray(orgs.id, ids));
  return issuingOrg(line) ?? org;
}

/**
 * The next letter number of the issuer this year (2026-清河-0007). Numbers are handed out under a
 * transaction-scoped advisory lock on the prefix, so two letters issued at the same moment never
 * get the same one; the lock ends with the transaction that inserts the letter.
 */
export async function nextLetterNo(tx: Tx, from: OrgRow, today: string): Promise<string> {
  const prefix = letterNoPrefix(today.slice(0, 4), letterTag(await issuerOf(tx, from)));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`transfer-letter:${prefix}`}))`);
  const last = await tx
    .select({ no: transfers.letterNo })
    .from(transfers)
    .where(
      and(like(transfers.letterNo, `${prefix.replace(/[%_\\]/g, '\\$&')}%`), ne(transfers.kind, 'incoming')),
    )
    .orderBy(desc(sql`length(${transfers.letterNo})`), desc(transfers.letterNo))
    .limit(1);
  return formatLetterNo(
    prefix,
    nextLetterSeq(
      prefix,
      last.map((r) => r.no),
    ),
  );
}

/**
 * "党费交到" for a member's letter, from the payment records: the unbroken run of settled months
 * from where the platform starts counting the member's dues (dues/rules.ts duesFromMonth).
 */
export async function paidUntilOf(db: Queryable, m: MemberRow, now: Date): Promise<string> {
  const start =
    m.duesFromMonth ?? duesFromMonth({ joinedOn: m.joinedOn, arrivedMonth: shanghaiMonth(m.createdAt) });
  const [paid, exempt] = await Promise.all([
    db
      .select({ month: duesPayments.month })
      .from(duesPayments)
      .where(and(eq(duesPayments.memberId, m.id), sql`${duesPayments.month} >= ${start}`)),
    // an exemption counts once the committee above has approved it (2008 规定第六条)
    db
      .select({ fromMonth: duesReliefs.fromMonth, toMonth: duesReliefs.toMonth })
      .from(duesReliefs)
      .where(
        and(
          eq(duesReliefs.memberId, m.id),
          eq(duesReliefs.kind, 'exempt'),
          isNotNull(duesReliefs.committeeApprovedOn),
        ),
      ),
  ]);
  return duesPaidUntil({
    start,
    paidMonths: paid.map((p) => p.month),
    exempt,
    thisMonth: shanghaiMonth(now),
  });
}

/**
 * "党费交到" for many members at once (the Excel export, a batch at a time): the same rule as
 * paidUntilOf, with one read of the batch's payments and approved exemptions. Someone who pays no
 * dues (not yet a member) has none.
 */
export async function paidUntilOfMany(
  db: Queryable,
  rows: readonly Pick<MemberRow, 'id' | 'status' | 'duesFromMonth' | 'joinedOn' | 'createdAt'>[],
  now: Date,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const payers = rows.filter((m) => m.status === 'probationary' || m.status === 'full');
  if (!payers.length) return out;
  const ids = payers.map((m) => m.id);
  const [paid, exempt] = await Promise.all([
    db
      .select({ memberId: duesPayments.memberId, month: duesPayments.month })
      .from(duesPayments)
      .where(inArray(duesPayments.memberId, ids)),
    db
      .select({
        memberId: duesReliefs.memberId,
        fromMonth: duesReliefs.fromMonth,
        toMonth: duesReliefs.toMonth,
      })
      .from(duesReliefs)
      .where(
        and(
          inArray(duesReliefs.memberId, ids),
          eq(duesReliefs.kind, 'exempt'),
          isNotNull(duesReliefs.committeeApprovedOn),
        ),
      ),
  ]);
  const months = new Map<number, string[]>();
  for (const p of paid) {
    const list = months.get(p.memberId);
    if (list) list.push(p.month);
    else months.set(p.memberId, [p.month]);
  }
  const thisMonth = shanghaiMonth(now);
  for (const m of payers) {
    const start =
      m.duesFromMonth ?? duesFromMonth({ joinedOn: m.joinedOn, arrivedMonth: shanghaiMonth(m.createdAt) });
    out.set(
      m.id,
      duesPaidUntil({
        start,
        paidMonths: months.get(m.id) ?? [],
        exempt: exempt.filter((e) => e.memberId === m.id),
        thisMonth,
      }),
    );
  }
  return out;
}

/** The paths of a transfer's two orgs (null for the side outside the deployment). */
export async function sidePaths(
  db: Queryable,
  t: Pick<TransferRow, 'fromOrgId' | 'toOrgId'>,
): Promise<{ fromPath: string | null; toPath: string | null }> {
  const ids = [t.fromOrgId, t.toOrgId].filter((x): x is number => x != null);
  const rows = ids.length
    ? await db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, ids))
    : [];
  const pathOf = (id: number | null) => rows.find((r) => r.id === id)?.path ?? null;
  return { fromPath: pathOf(t.fromOrgId), toPath: pathOf(t.toOrgId) };
}
