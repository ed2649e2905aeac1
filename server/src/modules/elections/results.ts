import { and, eq, sql } from 'drizzle-orm';
import type { ResultSheet } from '../../../../contracts/elections/elections.ts';
import { authorize, can } from '../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, forbidden } from '../../platform/http/errors.ts';
import { countOf, rollFigures } from './close.ts';
import { electionBallots, electionRoll } from './schema.ts';
import { type Loaded, loadElection, parentPath, presentCandidate } from './store.ts';
import { buildChain } from './tally.ts';

// What an election shows: while open, how many (never what); after closing, the bulletin board,
// the result and the verification anyone on the roll can run.

/** An admin of the election's subtree, or the superior org that approves it. */
async function forAdmin(ctx: Ctx, id: number): Promise<Loaded> {
  const l = await loadElection(ctx.db, id);
  const actor = actorOf(ctx);
  if (!can(actor, 'election.approve', parentPath(l.row.orgPath)))
    authorize(actor, 'election.view', l.row.orgPath);
  return l;
}

/** A voter of the roll (whether they voted or not). */
async function forVoter(ctx: Ctx, id: number): Promise<Loaded> {
  const l = await loadElection(ctx.db, id);
  const [on] = await ctx.db
    .select({ m: electionRoll.memberId })
    .from(electionRoll)
    .where(and(eq(electionRoll.electionId, id), eq(electionRoll.userId, actorOf(ctx).userId)));
  if (!on)
    throw forbidden({ zh: '只有本次投票名册上的党员可以查看', en: 'Only those on the roll may see this' });
  return l;
}

const closedOnly = (l: Loaded) => {
  if (l.row.state !== 'closed')
    throw conflict('election_not_closed', {
      zh: '投票结束后才公布结果和公示栏',
      en: 'Results are shown only after voting closes',
    });
};

/** 投票进度: during the meeting the number cast, live — never their content. */
export async function progress(ctx: Ctx, id: number) {
  const l = await forAdmin(ctx, id);
  const roll = await rollFigures(ctx.db, id);
  const { rows } = await ctx.db.execute<{ ballots: number; waiting: number }>(sql`
    select (select count(*) from election_ballots where election_id = ${id})::int as ballots,
           (select count(*) from election_paper_entries where election_id = ${id} and not counted)::int as waiting`);
  return {
    state: l.row.state as 'open',
    entitled: l.row.entitled ?? roll.entitled,
    voted: roll.present,
    ballots: rows[0].ballots,
    paperIssued: roll.paper,
    paperWaiting: rows[0].waiting,
  };
}

/** 选举人名册: names and whether each voted (online or on paper) — what tellers need at the door. */
export async function rollOf(ctx: Ctx, id: number) {
  await forAdmin(ctx, id);
  const rows = await ctx.db
    .select()
    .from(electionRoll)
    .where(eq(electionRoll.electionId, id))
    .orderBy(electionRoll.name);
  return {
    items: rows.map((r) => ({
      memberId: String(r.memberId),
      name: r.name,
      voted: r.voted as 'online' | 'paper' | null,
    })),
  };
}

async function bulletinOf(ctx: Ctx, l: Loaded) {
  closedOnly(l);
  const ballots = await ctx.db
    .select()
    .from(electionBallots)
    .where(eq(electionBallots.electionId, l.row.id))
    .orderBy(electionBallots.position);
  return {
    electionId: String(l.row.id),
    title: l.row.title,
    chainHead: l.row.chainHead ?? '',
    candidates: l.candidates.map(presentCandidate),
    ballots: ballots.map((b) => ({
      position: b.position ?? 0,
      trackingCode: b.trackingCode,
      choices: b.choices,
      valid: b.valid,
      hash: b.hash ?? '',
    })),
  };
}

/** 公示栏: every tracking code with its ballot, in chain order — the big screen reveals them in this order. */
export const bulletin = async (ctx: Ctx, id: number) => bulletinOf(ctx, await forAdmin(ctx, id));
export const myBulletin = async (ctx: Ctx, id: number) => bulletinOf(ctx, await forVoter(ctx, id));

export function sheetOf(l: Loaded): ResultSheet {
  closedOnly(l);
  const r = l.row.result;
  if (!r) throw conflict('election_not_closed', { zh: '尚未计票', en: 'Not counted yet' });
  return {
    electionId: String(l.row.id),
    title: l.row.title,
    kind: l.row.kind as 'election',
    seats: l.row.seats,
    ...r,
    tally: r.tally.map((t) => ({ ...t, grades: t.grades })),
    chainHead: l.row.chainHead ?? '',
    approvedBy: l.row.resultApprovedBy,
    approvedAt: l.row.resultApprovedAt?.toISOString() ?? null,
  };
}

/** 选举结果: the figures the regulation asks for, only after closing. */
export const result = async (ctx: Ctx, id: number) => sheetOf(await forAdmin(ctx, id));
export const myResult = async (ctx: Ctx, id: number) => sheetOf(await forVoter(ctx, id));

async function verifyOf(ctx: Ctx, l: Loaded) {
  closedOnly(l);
  const { ballots, result: recount } = await countOf(ctx.db, l);
  const chain = buildChain(l.row.id, ballots);
  // each stored hash must be the link recomputed, in order, and the head the one announced
  const byCode = new Map(ballots.map((b) => [b.trackingCode, b]));
  const linksHold = chain.links.every((b, i) => {
    const kept = byCode.get(b.trackingCode);
    return kept?.hash === b.hash && kept.position === i + 1;
  });
  const stored = l.row.result;
  return {
    chainVerified: linksHold && chain.head === l.row.chainHead,
    tallyVerified:
      !!stored &&
      same(recount.tally, stored.tally) &&
      same(recount.elected, stored.elected) &&
      recount.valid === stored.valid,
    ballots: ballots.length,
    chainHead: l.row.chainHead ?? '',
    recomputedHead: chain.head,
  };
}

/** Equal as JSON whatever the order of object keys (jsonb keeps its own order). */
function same(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** 验证: recompute the chain over the stored ballots and the count, and compare with what was announced. */
export const verify = async (ctx: Ctx, id: number) => verifyOf(ctx, await forAdmin(ctx, id));
export const myVerify = async (ctx: Ctx, id: number) => verifyOf(ctx, await forVoter(ctx, id));
