import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { authorize } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { members } from '../schema.ts';

const MEMBER = { zh: '党员', en: 'Member' };

/**
 * A member whose dues are being kept, locked for the transaction (a batch of payments or a
 * transfer waits), after checking the actor keeps dues in their org. Someone transferred out or
 * who left the Party is not found here.
 */
export async function memberForDues(tx: Queryable, ctx: Ctx, memberId: number, lock = true) {
  const q = tx
    .select({ m: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, memberId), isNull(members.leftAt)));
  const [row] = lock ? await q.for('update', { of: members }) : await q;
  if (!row) throw notFound(MEMBER);
  authorize(actorOf(ctx), 'dues.manage', row.orgPath);
  return row;
}

/** Dues are owed by Party members (probationary and full): not by people on the way in. */
export function mustPayDues(m: { name: string; status: string }, path = 'memberId') {
  if (m.status === 'probationary' || m.status === 'full') return;
  throw new AppError(
    400,
    'invalid_input',
    { zh: `${path}：“${m.name}”尚未入党，不交纳党费`, en: `${path}: not yet a Party member: no dues` },
    [{ path, message: `“${m.name}”尚未入党，不交纳党费`, messageEn: 'not yet a Party member: no dues' }],
  );
}
