import type { Tx } from '../../../db/client.ts';
import { type Actor, authorize, can } from '../../../platform/access/index.ts';
import { SIDE_TEXT, type TransferRow } from './rules.ts';
import { mustOrg } from './store.ts';

type Sides = Pick<TransferRow, 'kind' | 'status' | 'fromOrgId'> & {
  fromPath: string | null;
  toPath: string | null;
};

/**
 * Who decides a letter: the receiving org for internal transfers (it accepts or returns), the
 * sending org for outgoing ones (it completes the letter when the receipt is back, or records that
 * it came back). Incoming ones are decided when registered.
 */
export const decidingSide = (t: Pick<TransferRow, 'kind'>): 'from' | 'to' =>
  t.kind === 'outgoing' ? 'from' : 'to';

/** Who may withdraw a pending letter: the org that issued it; for an arrival, the receiving org. */
export const owningSide = (t: Pick<TransferRow, 'fromOrgId'>): 'from' | 'to' =>
  t.fromOrgId == null ? 'to' : 'from';

const pathOf = (t: Sides, side: 'from' | 'to') => (side === 'from' ? t.fromPath : t.toPath);

/** What the actor may do with one transfer, shown on each item so the web does not guess. */
export function transferAbilities(actor: Actor, t: Sides) {
  const pending = t.status === 'pending';
  const decider = pathOf(t, decidingSide(t));
  const owner = pathOf(t, owningSide(t));
  const decide = pending && !!decider && can(actor, 'member.manage', decider);
  return {
    accept: decide,
    return: decide,
    cancel: pending && !!owner && can(actor, 'member.manage', owner),
  };
}

/** Refuses, in words, unless the actor manages the org on `side` of the letter; gives that org. */
async function authorizeSide(tx: Tx, actor: Actor, t: TransferRow, side: 'from' | 'to') {
  const org = await mustOrg(tx, side === 'from' ? t.fromOrgId! : t.toOrgId!);
  authorize(actor, 'member.manage', org.path, SIDE_TEXT[side === 'from' ? 'sending' : 'receiving'](org.name));
  return org;
}

/** Refuses unless the actor manages the deciding side; gives that org. */
export const authorizeDecider = (tx: Tx, actor: Actor, t: TransferRow) =>
  authorizeSide(tx, actor, t, decidingSide(t));

/** Refuses unless the actor manages the owning side; gives that org. */
export const authorizeOwner = (tx: Tx, actor: Actor, t: TransferRow) =>
  authorizeSide(tx, actor, t, owningSide(t));
