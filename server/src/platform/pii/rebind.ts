import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { bind, type Pii } from './index.ts';

/** A column of encrypted personal data: its table, its column, and the name values are bound to. */
export type SealedColumn = { table: string; column: string; boundAs: string };

/**
 * Values written before ciphertexts were bound to their row (v1) are rewritten bound (v2), a
 * batch at a time; run by a recurring job until none is left. A row changed meanwhile is left for
 * the next run (the update only replaces the exact old ciphertext).
 */
export async function rebindSealed(db: Queryable, pii: Pii, c: SealedColumn, batch = 2000): Promise<number> {
  const table = sql.identifier(c.table);
  const column = sql.identifier(c.column);
  const { rows } = await db.execute<{ id: number; v: string }>(
    sql`select id, ${column} as v from ${table} where ${column} like 'v1.%' order by id limit ${batch}`,
  );
  if (!rows.length) return 0;
  const rebound = rows.map((r) => {
    const where = bind(c.table, c.boundAs, r.id);
    return { id: r.id, old: r.v, v: pii.encrypt(pii.decrypt(r.v, where), where) };
  });
  const res = await db.execute(sql`
    update ${table} t set ${column} = x.v
      from jsonb_to_recordset(${JSON.stringify(rebound)}::jsonb) as x(id int8, old text, v text)
     where t.id = x.id and t.${column} = x.old`);
  return res.rowCount ?? 0;
}
