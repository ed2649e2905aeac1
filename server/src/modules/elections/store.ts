import { asc, eq } from 'drizzle-orm';
import type { Election } from '../../../../contracts/elections/elections.ts';
import type { Queryable } from '../../db/client.ts';
import { can } from '../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findOrg } from '../../platform/tree/index.ts';
import { type ElectionRow, electionCandidates, elections } from './schema.ts';

export const ELECTION = { zh: '选举', en: 'Election' };

export type CandidateRow = typeof electionCandidates.$inferSelect;
export type Loaded = { row: ElectionRow; candidates: CandidateRow[]; orgName: string };

/** The superior org's path: the approvals of a list or a result are the parent's to give. */
export const parentPath = (path: string) => path.replace(/\d+\/$/, '');

export async function loadElection(db: Queryable, id: number, lock = false): Promise<Loaded> {
  const q = db.select().from(elections).where(eq(elections.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(ELECTION);
  const candidates = await db
    .select()
    .from(electionCandidates)
    .where(eq(electionCandidates.electionId, id))
    .orderBy(asc(electionCandidates.position));
  const org = await findOrg(db, row.orgId);
  return { row, candidates, orgName: org?.name ?? '' };
}

/** What leaves the server of an election, with what the caller may do with it now. */
export function presentElection(ctx: Ctx, { row, candidates, orgName }: Loaded): Election {
  const actor = actorOf(ctx);
  const manage = can(actor, 'election.manage', row.orgPath);
  const approve = can(actor, 'election.approve', parentPath(row.orgPath));
  const result = row.result;
  const needsApproval = row.kind === 'election';
  return {
    id: String(row.id),
    orgId: String(row.orgId),
    orgName,
    kind: row.kind as Election['kind'],
    title: row.title,
    post: row.post,
    seats: row.seats,
    round: row.round,
    previousId: row.previousId == null ? null : String(row.previousId),
    state: row.state as Election['state'],
    candidates: candidates.map(presentCandidate),
    approvedBy: row.approvedBy,
    entitled: row.entitled,
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    chainHead: row.chainHead,
    resultApprovedBy: row.resultApprovedBy,
    can: {
      edit: manage && row.state === 'draft',
      submit: manage && needsApproval && row.state === 'draft',
      approve: approve && row.state === 'submitted',
      open: manage && (row.state === 'approved' || (!needsApproval && row.state === 'draft')),
      close: manage && row.state === 'open',
      tell: manage && row.state === 'open',
      approveResult: approve && row.state === 'closed' && !row.resultApprovedAt,
      nextRound:
        manage &&
        row.state === 'closed' &&
        row.kind === 'election' &&
        !!result?.meetingValid &&
        result.remainingSeats > 0,
    },
  };
}

export const presentCandidate = (c: CandidateRow) => ({
  id: String(c.id),
  name: c.name,
  memberId: c.memberId == null ? null : String(c.memberId),
  office: c.office as 'member' | 'secretary' | 'deputy',
});
