import type { Tx } from '../../../db/client.ts';
import { type Actor, authorize, can } from '../../../platform/access/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { SIDE_TEXT, type TransferRow } from './rules.ts';
import { mustOrg } from './store.ts';

type Sides = Pick<TransferRow, 'kind' | 'status' | 'fromOrgId'> &
  Partial<Pick<TransferRow, 'receiptOn'>> & {
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

/**
 * Who records the receipt (回执): internal, either side — the receiving side when it sends it,
 * the sending side when it arrives; incoming, the receiving branch, which sends it to the org
 * outside; outgoing, nobody separately: completing the letter is recording that it came back.
 */
export const receiptSides = (t: Pick<TransferRow, 'kind'>): ('from' | 'to')[] =>
  t.kind === 'internal' ? ['to', 'from'] : t.kind === 'incoming' ? ['to'] : [];

const pathOf = (t: Pick<Sides, 'fromPath' | 'toPath'>, side: 'from' | 'to') =>
  side === 'from' ? t.fromPath : t.toPath;

/** What the actor may do with one transfer, shown on each item so the web does not guess. */
export function transferAbilities(actor: Actor, t: Sides) {
  const pending = t.status === 'pending';
  const decider = pathOf(t, decidingSide(t));
  const owner = pathOf(t, owningSide(t));
  const decide = pending && !!decider && can(actor, 'member.manage', decider);
  const holdsOn = (action: string) => (side: 'from' | 'to') => {
    const p = pathOf(t, side);
    return !!p && can(actor, action, p);
  };
  return {
    accept: decide,
    return: decide,
    cancel: pending && !!owner && can(actor, 'member.manage', owner),
    receipt: t.status === 'accepted' && !t.receiptOn && receiptSides(t).some(holdsOn('member.manage')),
    // a letter this deployment issued: either side prints it (the sender to hand over, the receiver to file)
    print:
      t.kind !== 'incoming' &&
      (t.status === 'pending' || t.status === 'accepted') &&
      (['from', 'to'] as const).some(holdsOn('member.view')),
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

/** Refuses unless the actor holds `action` on a side of the letter that may act; gives that side's org. */
async function authorizeAnySide(
  tx: Tx,
  actor: Actor,
  t: TransferRow,
  sides: ('from' | 'to')[],
  action: string,
) {
  for (const side of sides) {
    const id = side === 'from' ? t.fromOrgId : t.toOrgId;
    if (id == null) continue;
    const org = await mustOrg(tx, id);
    if (can(actor, action, org.path)) return org;
  }
  throw forbidden({
    zh: '只有转出或接收党组织及其上级党组织可以办理',
    en: 'Only the sending or receiving organization or their superiors may do this',
  });
}

/** Refuses unless the actor may record this transfer's receipt; gives the org it is recorded for. */
export const authorizeReceipt = (tx: Tx, actor: Actor, t: TransferRow) =>
  authorizeAnySide(tx, actor, t, receiptSides(t), 'member.manage');

/** Refuses unless the actor sees either side of the letter (to print it); gives that side's org. */
export const authorizeReader = (tx: Tx, actor: Actor, t: TransferRow) =>
  authorizeAnySide(tx, actor, t, ['from', 'to'], 'member.view');
