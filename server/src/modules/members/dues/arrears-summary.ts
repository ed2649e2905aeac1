import { type SQL, sql } from 'drizzle-orm';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { members } from '../schema.ts';
import { owingCtes } from './arrears.ts';

/**
 * The kept arrears (table dues_arrears, migration 0014): each member's figures as of the last
 * completed month, so a district's arrears page reads an index range instead of every payment of
 * its tens of thousands of members (docs/SCALE.md). The figures are computed by the very SQL of the
 * live report (owingCtes), for some members at a time:
 *
 * - when a month turns over, every member (the members-arrears job, in id ranges; a month is usable
 *   once dues_arrears_months says it is complete — until then the page computes live);
 * - when a write changes what a member owes (a payment, a standard, a relief, the record's org,
 *   category, standing, standard or start month), the database marks the member dirty (triggers of
 *   migration 0014, so no write path can forget) and the next read of a scope holding the member
 *   computes them again before answering.
 */

/** Computes the figures of the members `where` selects, as of `asOf`, and replaces what was kept. */
async function recompute(db: Queryable, where: SQL, keptWhere: SQL, asOf: string) {
  await db.execute(sql`delete from dues_arrears a where ${keptWhere}`);
  await db.execute(sql`
    with ${owingCtes(where, asOf)}
    insert into dues_arrears (member_id, org_path, as_of, months_owed, owed_fen, since, longest, no_standard)
    select o.id, m.org_path, ${asOf}, o.months_owed, o.owed_fen, o.since, o.longest, false
      from owing o join m using (id)
     where o.months_owed > 0
    union all
    select b.id, b.org_path, ${asOf}, 0, 0, null, 0, true from b where b.cur is null
    on conflict (member_id) do update
       set org_path = excluded.org_path, as_of = excluded.as_of, months_owed = excluded.months_owed,
           owed_fen = excluded.owed_fen, since = excluded.since, longest = excluded.longest,
           no_standard = excluded.no_standard`);
}

/**
 * Before a read of `asOf` in a scope: members marked dirty whose record or kept row lies in the
 * scope are computed again, and their marks removed — only the marks read here, so a write that
 * lands meanwhile (a newer seq) stays marked for the next read.
 */
export async function refreshDirty(
  db: Queryable,
  scope: { onMembers: SQL; onKept: SQL },
  asOf: string,
): Promise<number> {
  const { rows } = await db.execute<{ member_id: string; seq: string }>(sql`
    select d.member_id, d.seq from dues_arrears_dirty d
      left join members on members.id = d.member_id
      left join dues_arrears a on a.member_id = d.member_id
     where (members.id is not null and ${scope.onMembers}) or (a.member_id is not null and ${scope.onKept})`);
  if (!rows.length) return 0;
  const ids = `{${rows.map((r) => r.member_id).join(',')}}`;
  await inTransaction(db, async (tx) => {
    await recompute(
      tx,
      sql`${members.id} = any(${ids}::int8[])`,
      sql`a.member_id = any(${ids}::int8[])`,
      asOf,
    );
    await tx.execute(sql`
      delete from dues_arrears_dirty d
       using unnest(${ids}::int8[], ${`{${rows.map((r) => r.seq).join(',')}}`}::int8[]) as x(id, seq)
       where d.member_id = x.id and d.seq = x.seq`);
  });
  return rows.length;
}

/** Whether the kept figures are every member's as of `month` (the page may read them). */
export async function monthComplete(db: Queryable, month: string): Promise<boolean> {
  const { rows } = await db.execute(sql`select 1 from dues_arrears_months where month = ${month}`);
  return rows.length > 0;
}

const BATCH = 20_000;

/**
 * Computes every member as of `month`, in id ranges (each its own transaction, so a city's 680,000
 * members never hold one long lock), then records the month complete. Marks older than the start by
 * a margin longer than any write transaction (an import of 50,000 rows runs about a minute) are
 * cleared: the run has read what they marked. Newer ones stay for the reads to pick up.
 */
export async function computeMonth(db: Queryable, month: string, now: Date = new Date()) {
  const startedAt = now;
  const { rows } = await db.execute<{ lo: string | null; hi: string | null }>(
    sql`select min(id) as lo, max(id) as hi from members`,
  );
  const lo = Number(rows[0]?.lo ?? 0);
  const hi = Number(rows[0]?.hi ?? -1);
  for (let a = lo; a <= hi; a += BATCH) {
    const b = a + BATCH - 1;
    await inTransaction(db, (tx) =>
      recompute(tx, sql`${members.id} between ${a} and ${b}`, sql`a.member_id between ${a} and ${b}`, month),
    );
  }
  await db.execute(sql`delete from dues_arrears where as_of <> ${month}`);
  await db.execute(sql`
    delete from dues_arrears_dirty where marked_at < ${startedAt.toISOString()}::timestamptz - interval '10 minutes'`);
  await db.execute(sql`
    insert into dues_arrears_months (month, started_at, completed_at) values (${month}, ${startedAt.toISOString()}, now())
    on conflict (month) do nothing`);
  // the rows kept are of one month: no other is complete any more
  await db.execute(sql`delete from dues_arrears_months where month <> ${month}`);
  return { month, members: hi - lo + 1 };
}

/** For a seed, which writes with nothing running beside it: every mark can go. */
export async function computeMonthAfterSeed(db: Queryable, month: string) {
  // the tables were just filled: without statistics the planner joins them in nested loops
  await db.execute(sql`analyze members, dues_payments, dues_standards, dues_reliefs`);
  const r = await computeMonth(db, month);
  await db.execute(sql`truncate dues_arrears_dirty`);
  return r;
}
