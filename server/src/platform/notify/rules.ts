/**
 * The notice centre's rules. They come from the product, not a regulation: PRODUCT.md capability 10
 * ("point-to-point notices to secretaries with read receipts … SMS costs money (6 fen a message;
 * one county spent 300 yuan per broadcast), so free channels go first and cost is counted") and
 * issue 13 item 2 ("the publisher sees who has read and who has not, and can remind the unread").
 */

/**
 * A notice's unread are reminded at most once an hour. A reminder goes to every unread recipient
 * at once and, once SMS is a channel, costs 6 fen each (a town-wide notice: hundreds of yuan), and
 * members who are reminded every few minutes learn to ignore the platform. Once an hour still lets
 * a secretary chase a same-day meeting.
 */
export const REMIND_INTERVAL_MINUTES = 60;

/** May the unread of a notice last reminded at `last` be reminded at `now`? */
export function mayRemind(last: Date | null, now: Date): boolean {
  return last === null || now.getTime() - last.getTime() >= REMIND_INTERVAL_MINUTES * 60_000;
}

/** The earliest time the next reminder may go (for the refusal's message). */
export function nextRemindAt(last: Date): Date {
  return new Date(last.getTime() + REMIND_INTERVAL_MINUTES * 60_000);
}

/**
 * The read rate shown beside a notice: read / recipients, in whole per cent, rounded down so that
 * 100% means everyone has read it; a notice with no recipient has no rate.
 */
export function readRate(read: number, recipients: number): number | null {
  if (recipients <= 0) return null;
  return Math.floor((read * 100) / recipients);
}

/**
 * One notice per (kind, source), one receipt per member: sending again for the same thing reaches
 * only those who were not yet notified (an activity's attendee list grew, a member moved into the
 * branch), so nobody is told twice and receipts already read stay read. The database keeps the
 * first half (a unique key and ON CONFLICT DO NOTHING); this keeps a member named twice in one
 * send to one receipt, with the first account given for them.
 */
export function distinctRecipients<T extends { memberId: number }>(given: readonly T[]): T[] {
  const seen = new Set<number>();
  return given.filter((r) => !seen.has(r.memberId) && !!seen.add(r.memberId));
}

/**
 * A notice's link opens a screen of this platform: a path ('/m/activities/42'), never another site
 * or a script (a notice is trusted by its reader: it must not become a phishing link).
 */
export function isAppLink(link: string): boolean {
  return /^\/(?![/\\])[^\s]*$/.test(link) && link.length <= 500;
}

/**
 * A direct notice to several orgs is sent by the deepest org above (or equal to) all of them: its
 * managers are the ones who see the receipts ('/1/17/342/' and '/1/17/350/' → '/1/17/').
 */
export function commonAncestorPath(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return n ? `/${first.slice(0, n).join('/')}/` : '/';
}

/** Who a direct notice's audience is: every member, or those holding the position of 书记. */
export const SECRETARY_POSITIONS: readonly string[] = ['书记'];
