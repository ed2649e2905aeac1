import type { StandingDecisionKind } from '../../../../../contracts/members/index.ts';
import type { Tx } from '../../../db/client.ts';
import { followTransfer } from '../../../platform/auth/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { MemberRow } from '../schema.ts';
import type { DecisionRow } from './present.ts';
import { effectiveOn, standingAfter } from './rules.ts';
import { changesOf } from './store.ts';

/**
 * What a decision in effect makes of the record: suspended from its day, normal again, or left —
 * how and when, and `left_at`, which takes the person out of every list and count as a transfer
 * out does (migration 0011: members_left_kept_check). Someone who left no longer signs in as a
 * member of the branch: the login loses its roles there, as on a transfer out of the deployment.
 * Gives the fields to set and their changes; the caller saves them with its audit entry.
 */
export async function effectOf(tx: Tx, ctx: Ctx, row: MemberRow, d: DecisionRow) {
  const kind = d.kind as StandingDecisionKind;
  const on = effectiveOn(kind, d.resolutionOn, d.approvedOn);
  if (!on) return { set: {}, changes: {}, account: null };
  const after = standingAfter(kind);
  const now = ctx.now();
  const set: Partial<MemberRow> =
    after.standing === 'suspended'
      ? { partyStanding: 'suspended', suspendedOn: on }
      : after.standing === 'normal'
        ? { partyStanding: 'normal', suspendedOn: null }
        : { partyStanding: 'left', leftHow: after.leftHow, leftOn: on, leftAt: now };
  const account =
    after.standing === 'left' && row.userId
      ? await followTransfer(tx, row.userId, row.orgId, null, now)
      : null;
  return { set, changes: changesOf(row, set), account };
}
