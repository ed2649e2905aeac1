import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { BallotChoices } from '../../../../contracts/elections/elections.ts';
import { type Db, inTransaction } from '../../db/client.ts';
import { authorize } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { GroupCommit } from '../../platform/batch.ts';
import { TtlCache } from '../../platform/cache.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { shanghaiToday } from '../../platform/time.ts';
import { electorsOf } from '../members/index.ts';
import { ballotProblem, NO_VOTE_TEXT, noVoteReason, paperBallotValidity } from './rules.ts';
import { electionBallots, electionPaperEntries, electionRoll } from './schema.ts';
import { canonicalChoices } from './tally.ts';
import { type Loaded, loadElection } from './store.ts';

/*
 * Casting a ballot so that nobody — admins and database readers included — can tie it to its voter.
 *
 * - The ballot row holds no voter, no session and only the day (cast_on); the roll row says only
 *   that the member voted and how (online/paper), never when.
 * - Casts go through a GroupCommit: the roll marks and the ballots of everyone casting at the same
 *   moment are written in one transaction, the ballots shuffled, so the rows of a batch share one
 *   xmin and their physical order (ctid) does not follow the roll's.
 * - At closing (close.ts) every ballot row is rewritten in tracking-code order, so after the count
 *   neither xmin nor ctid remembers anything of the order of casting.
 * - The audit log records a batch's count of ballots, no names and no choices; the tracking code
 *   is returned to the voter once and stored only on the ballot.
 *
 * Residual risk, said plainly: someone with database superuser rights watching live while voting
 * is open (or reading the write-ahead log) can see a roll mark and a ballot committed together, and
 * when a batch holds a single voter that links the two. The platform cannot hide a write from the
 * database it writes to; the defence is that nobody reads the database during a vote, and
 * afterwards nothing in the tables links.
 */

type Cast = {
  db: Db;
  electionId: number;
  org: { orgId: number; orgPath: string };
  memberId: number;
  code: string;
  choices: BallotChoices;
  valid: boolean;
  day: string;
  ctx: Ctx;
};

const casts = new GroupCommit<Cast, string>(
  (c) => `${c.electionId}:${c.memberId}`,
  async (items) => {
    const db = items[0].db;
    return inTransaction(db, async (tx) => {
      const { rows } = await tx.execute<{ election_id: string; member_id: string }>(sql`
        update election_roll r set voted = 'online'
          from unnest(${sql.param(items.map((i) => i.electionId))}::int8[], ${sql.param(items.map((i) => i.memberId))}::int8[]) as v(e, m)
         where r.election_id = v.e and r.member_id = v.m and r.voted is null
           and exists (select 1 from elections el where el.id = v.e and el.state = 'open')
        returning r.election_id, r.member_id`);
      const written = new Set(rows.map((r) => `${r.election_id}:${r.member_id}`));
      const ballots = items.filter((i) => written.has(`${i.electionId}:${i.memberId}`));
      // Fisher–Yates with the crypto source: the insert order says nothing of the roll's order
      for (let i = ballots.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [ballots[i], ballots[j]] = [ballots[j], ballots[i]];
      }
      if (ballots.length) {
        await tx.insert(electionBallots).values(
          ballots.map((b) => ({
            electionId: b.electionId,
            trackingCode: b.code,
            choices: b.choices,
            valid: b.valid,
            castOn: b.day,
          })),
        );
        const perElection = new Map<number, { count: number; org: Cast['org'] }>();
        for (const b of ballots)
          perElection.set(b.electionId, {
            count: (perElection.get(b.electionId)?.count ?? 0) + 1,
            org: b.org,
          });
        for (const [electionId, { count, org }] of perElection)
          await recordAudit(
            tx,
            { ...items[0].ctx, actor: null, ip: null, userAgent: null },
            {
              action: 'election.ballots_cast',
              targetType: 'election',
              targetId: electionId,
              orgId: org.orgId,
              orgPath: org.orgPath,
              actorName: '不记名投票',
              after: { ballots: count },
            },
          );
      }
      return written;
    });
  },
);

/**
 * An open election as casting reads it, kept a few seconds: its candidates, seats and kind cannot
 * change once voting opens, and whether it is still open is decided again by the batch's own
 * condition (a ballot after closing is refused there), so a stale entry refuses nothing wrongly.
 */
const openElections = new TtlCache<number, Loaded>(64, 5_000);

/** A tracking code: 10 characters of an alphabet without look-alikes (0/O, 1/I), as 5-5. */
export function newTrackingCode(): string {
  const A = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  const s = [...bytes].map((b) => A[b % 32]).join('');
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

const notOpen = (state: string) =>
  conflict(state === 'closed' ? 'election_closed' : 'election_not_open', {
    zh: state === 'closed' ? '投票已经结束，不能再投票' : '投票尚未开始',
    en: state === 'closed' ? 'Voting has closed' : 'Voting has not opened',
  });

/** Why this login gets no ballot in this election: the member's own reason, or not on the roll. */
async function refusal(ctx: Ctx, l: Loaded, userId: number) {
  const [me] = await electorsOf(ctx.db, { userId });
  if (me?.orgPath.startsWith(l.row.orgPath)) {
    const why = noVoteReason(me, shanghaiToday(ctx.now()));
    if (why) return forbidden(NO_VOTE_TEXT[why]);
  }
  return forbidden({
    zh: '您不在本次投票的选举人名册中（名册在开始投票时按党员信息生成）',
    en: 'You are not on the roll of this vote',
  });
}

/**
 * 投票: one member, one ballot. Refused with the reason: not open or already closed, not on the
 * roll (a probationary member, someone outside the org), a second ballot, a ballot that does not
 * stand (more choices than seats, an over-long write-in). Answered only once the ballot is written.
 */
export async function castBallot(ctx: Ctx, electionId: number, choices: BallotChoices) {
  const actor = actorOf(ctx);
  const l = openElections.get(electionId) ?? (await loadElection(ctx.db, electionId));
  if (l.row.state === 'open') openElections.set(electionId, l);
  const [me] = await ctx.db
    .select()
    .from(electionRoll)
    .where(and(eq(electionRoll.electionId, electionId), eq(electionRoll.userId, actor.userId)));
  if (!me) {
    if (l.row.state === 'draft' || l.row.state === 'submitted' || l.row.state === 'approved')
      throw notFound({ zh: '投票', en: 'Vote' });
    throw await refusal(ctx, l, actor.userId);
  }
  if (l.row.state !== 'open') throw notOpen(l.row.state);
  if (me.voted) throw alreadyVoted();
  const ids = l.candidates.map((c) => String(c.id));
  const self = l.candidates.find((c) => c.memberId === me.memberId);
  const p = ballotProblem(l.row.kind as 'election', l.row.seats, ids, choices, {
    candidateId: self ? String(self.id) : null,
  });
  if (p) throw fieldError(p.path, p.text);
  const code = newTrackingCode();
  const ok = await casts.write({
    db: ctx.db,
    electionId,
    org: { orgId: l.row.orgId, orgPath: l.row.orgPath },
    memberId: me.memberId,
    code,
    choices: normalize(choices),
    valid: true,
    day: shanghaiToday(ctx.now()),
    ctx,
  });
  if (!ok) {
    const { row } = await loadElection(ctx.db, electionId);
    throw row.state !== 'open' ? notOpen(row.state) : alreadyVoted();
  }
  return {
    trackingCode: code,
    note: '请记下这个查验码。投票结束后可在公示栏中找到它，核对您的选票已按所投计入。查验码只显示这一次，系统不保存它与您的对应关系。',
  };
}

const alreadyVoted = () =>
  conflict('election_voted', {
    zh: '您已经投过票了：一人一票，不能重复投票',
    en: 'You have already voted: one member, one ballot',
  });

/** Marks left out are 弃权: stored as given, without empty write-ins, keys in candidate order. */
function normalize(c: BallotChoices): BallotChoices {
  return JSON.parse(canonicalToObject(c));
}
const canonicalToObject = (c: BallotChoices) => {
  const { marks, writeIns } = JSON.parse(canonicalChoices(c)) as {
    marks: [string, string][];
    writeIns: string[];
  };
  return JSON.stringify({ marks: Object.fromEntries(marks), writeIns });
};

/** 发放纸质选票: a member present in the meeting takes a paper ballot; the roll says so (and only that). */
export async function issuePaper(ctx: Ctx, electionId: number, memberId: number) {
  return inTransaction(ctx.db, async (tx) => {
    const l = await loadElection(tx, electionId, true);
    authorize(actorOf(ctx), 'election.manage', l.row.orgPath);
    if (l.row.state !== 'open') throw notOpen(l.row.state);
    const [r] = await tx
      .update(electionRoll)
      .set({ voted: 'paper' })
      .where(
        and(
          eq(electionRoll.electionId, electionId),
          eq(electionRoll.memberId, memberId),
          sql`${electionRoll.voted} is null`,
        ),
      )
      .returning();
    if (!r) {
      const [on] = await tx
        .select()
        .from(electionRoll)
        .where(and(eq(electionRoll.electionId, electionId), eq(electionRoll.memberId, memberId)));
      if (!on)
        throw fieldError('memberId', {
          zh: '该党员不在选举人名册中（预备党员和受留党察看处分的党员没有选举权）',
          en: 'This member is not on the roll',
        });
      throw conflict('election_voted', {
        zh: `${on.name}已经${on.voted === 'online' ? '在网上投票' : '领取过纸质选票'}，一人一票`,
        en: 'This member has already voted or taken a ballot',
      });
    }
    await recordAudit(tx, ctx, {
      action: 'election.paper_issued',
      targetType: 'election',
      targetId: electionId,
      orgId: l.row.orgId,
      orgPath: l.row.orgPath,
      after: { member: r.name },
    });
    return { memberId: String(r.memberId), name: r.name, voted: 'paper' as const };
  });
}

/**
 * 计票人录入纸质选票, two-person entry: each paper ballot (by its number) is entered by two tellers
 * independently; it becomes a ballot when the second entry agrees with the first. Disagreeing
 * entries are refused (the paper is read again), and no paper is counted twice or more papers
 * counted than were issued.
 */
export async function enterPaper(ctx: Ctx, electionId: number, paperNo: string, choices: BallotChoices) {
  const actor = actorOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const l = await loadElection(tx, electionId, true);
    authorize(actor, 'election.manage', l.row.orgPath);
    if (l.row.state !== 'open') throw notOpen(l.row.state);
    const v = paperBallotValidity(
      l.row.kind as 'election',
      l.row.seats,
      l.candidates.map((c) => String(c.id)),
      choices,
    );
    if ('problem' in v) throw fieldError(`choices.${v.problem.path}`, v.problem.text);
    const entries = await tx
      .select()
      .from(electionPaperEntries)
      .where(and(eq(electionPaperEntries.electionId, electionId), eq(electionPaperEntries.paperNo, paperNo)));
    if (entries.some((e) => e.counted))
      throw conflict('paper_counted', {
        zh: `第${paperNo}号选票已经计入`,
        en: `Paper ${paperNo} is already counted`,
      });
    if (entries.some((e) => e.tellerId === actor.userId))
      throw conflict('paper_same_teller', {
        zh: `您已经录入过第${paperNo}号选票，须由另一名计票人再录入一次`,
        en: 'A second teller must enter this paper',
      });
    const other = entries[0];
    const mine = normalize(choices);
    if (!other) {
      await tx
        .insert(electionPaperEntries)
        .values({ electionId, paperNo, tellerId: actor.userId, choices: mine });
      await recordAudit(tx, ctx, {
        action: 'election.paper_entered',
        targetType: 'election',
        targetId: electionId,
        orgId: l.row.orgId,
        orgPath: l.row.orgPath,
        after: { paperNo, entry: 1 },
      });
      return { paperNo, state: 'waiting' as const };
    }
    if (canonicalChoices(other.choices) !== canonicalChoices(mine))
      throw conflict('paper_mismatch', {
        zh: `第${paperNo}号选票两次录入不一致，请两名计票人一起重新核对这张选票`,
        en: `The two entries of paper ${paperNo} differ: check the paper again together`,
      });
    const { rows } = await tx.execute<{ issued: number; counted: number }>(sql`
      select (select count(*) from election_roll where election_id = ${electionId} and voted = 'paper')::int as issued,
             (select count(distinct paper_no) from election_paper_entries where election_id = ${electionId} and counted)::int as counted`);
    if (rows[0].counted >= rows[0].issued)
      throw conflict('paper_over_issued', {
        zh: `收回的纸质选票不能多于发出的（已发出${rows[0].issued}张）`,
        en: 'More paper ballots than were issued',
      });
    await tx.insert(electionPaperEntries).values({
      electionId,
      paperNo,
      tellerId: actor.userId,
      choices: mine,
      counted: true,
    });
    await tx
      .update(electionPaperEntries)
      .set({ counted: true })
      .where(and(eq(electionPaperEntries.electionId, electionId), eq(electionPaperEntries.paperNo, paperNo)));
    await tx.insert(electionBallots).values({
      electionId,
      trackingCode: newTrackingCode(),
      choices: mine,
      valid: v.valid,
      castOn: shanghaiToday(ctx.now()),
    });
    await recordAudit(tx, ctx, {
      action: 'election.paper_entered',
      targetType: 'election',
      targetId: electionId,
      orgId: l.row.orgId,
      orgPath: l.row.orgPath,
      after: { paperNo, entry: 2, counted: true },
    });
    return { paperNo, state: 'counted' as const };
  });
}
