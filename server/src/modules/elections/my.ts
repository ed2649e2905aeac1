import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { MyElection } from '../../../../contracts/elections/elections.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { shanghaiToday } from '../../platform/time.ts';
import { electorsOf } from '../members/index.ts';
import { NO_VOTE_TEXT, noVoteReason } from './rules.ts';
import { electionRoll, elections } from './schema.ts';
import { loadElection, presentCandidate } from './store.ts';

/** Closed votes stay on the member's list this long, so they can find their tracking code on the bulletin. */
const KEEP_CLOSED_DAYS = 30;

/**
 * 我的投票: the open votes of my org and those above it (a committee's election takes its whole
 * subtree's members), and the ones closed lately. One on whose roll I am not says why.
 */
export async function myElections(ctx: Ctx): Promise<{ items: MyElection[] }> {
  const actor = actorOf(ctx);
  const [me] = await electorsOf(ctx.db, { userId: actor.userId });
  const onRoll = await ctx.db
    .select({ electionId: electionRoll.electionId, voted: electionRoll.voted })
    .from(electionRoll)
    .where(eq(electionRoll.userId, actor.userId));
  const rollOf = new Map(onRoll.map((r) => [r.electionId, r.voted]));
  const since = new Date(ctx.now().getTime() - KEEP_CLOSED_DAYS * 86_400_000);
  const mine = me ? sql`${me.orgPath} like ${elections.orgPath} || '%'` : sql`false`;
  const ids = onRoll.map((r) => r.electionId);
  const rows = await ctx.db
    .select({ id: elections.id })
    .from(elections)
    .where(
      and(
        sql`(${mine} or ${ids.length ? inArray(elections.id, ids) : sql`false`})`,
        sql`(${elections.state} = 'open' or (${elections.state} = 'closed' and ${elections.closedAt} > ${since}))`,
      ),
    )
    .orderBy(desc(elections.id))
    .limit(50);
  const why = me ? noVoteReason(me, shanghaiToday(ctx.now())) : 'not_member';
  const items: MyElection[] = [];
  for (const { id } of rows) {
    const l = await loadElection(ctx.db, id);
    const on = rollOf.has(id);
    items.push({
      id: String(id),
      kind: l.row.kind as MyElection['kind'],
      title: l.row.title,
      orgName: l.orgName,
      post: l.row.post,
      seats: l.row.seats,
      state: l.row.state as MyElection['state'],
      voted: on && rollOf.get(id) != null,
      refusal: on
        ? null
        : ctx.lang === 'en'
          ? NO_VOTE_TEXT[why ?? 'not_member'].en
          : why
            ? NO_VOTE_TEXT[why].zh
            : '您不在本次投票的选举人名册中（名册在开始投票时生成）',
      candidates: l.candidates.map(presentCandidate),
      selfCandidateId: (() => {
        const c = me ? l.candidates.find((x) => x.memberId === me.memberId) : undefined;
        return c ? String(c.id) : null;
      })(),
    });
  }
  return { items };
}

/** 首页角标: open votes on whose roll I am and where I have not voted. */
export async function myOpenCount(ctx: Ctx): Promise<{ count: number }> {
  const { rows } = await ctx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from election_roll r join elections e on e.id = r.election_id
     where r.user_id = ${actorOf(ctx).userId} and r.voted is null and e.state = 'open'`);
  return { count: rows[0].n };
}
