import { eq } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../db/client.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg } from '../../../platform/tree/index.ts';
import { type MemberRow, members, transfers } from '../schema.ts';
import { TRANSFER } from './rules.ts';

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
