import { eq, sql } from 'drizzle-orm';
import type { Election } from '../../../../contracts/elections/elections.ts';
import { inTransaction, type Queryable } from '../../db/client.ts';
import { authorize } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { conflict } from '../../platform/http/errors.ts';
import { electionBallots, elections } from './schema.ts';
import { type Loaded, loadElection, presentElection } from './store.ts';
import { buildChain, tally } from './tally.ts';

/** The roll's figures: entitled (frozen at opening), present (voted online or took a paper ballot). */
export async function rollFigures(db: Queryable, electionId: number) {
  const { rows } = await db.execute<{ entitled: number; present: number; paper: number }>(sql`
    select count(*)::int as entitled,
           count(voted)::int as present,
           count(*) filter (where voted = 'paper')::int as paper
      from election_roll where election_id = ${electionId}`);
  return rows[0];
}

/** The count of an election's ballots as stored, with the roll's figures: what close and verify both compute. */
export async function countOf(db: Queryable, l: Loaded) {
  const ballots = await db
    .select()
    .from(electionBallots)
    .where(eq(electionBallots.electionId, l.row.id))
    .orderBy(electionBallots.trackingCode);
  const roll = await rollFigures(db, l.row.id);
  const result = tally(
    l.row.kind as 'election',
    l.row.seats,
    l.candidates.map((c) => ({ id: String(c.id), name: c.name })),
    ballots,
    { entitled: roll.entitled, present: roll.present, issued: roll.present },
  );
  return { ballots, result, chain: buildChain(l.row.id, ballots) };
}

/**
 * 结束投票 and count. In one transaction: no paper ballot may await its second teller; the ballots
 * are chained in tracking-code order (random, so the order says nothing of who cast when) and
 * every ballot row is rewritten in that order — deleted and inserted again — so that neither the
 * rows' xmin nor their physical place (ctid) keeps anything of the order of casting; the count is
 * stored with the chain head, which the result and the bulletin show.
 */
export async function closeElection(ctx: Ctx, id: number): Promise<Election> {
  await inTransaction(ctx.db, async (tx) => {
    const l = await loadElection(tx, id, true);
    authorize(actorOf(ctx), 'election.manage', l.row.orgPath);
    if (l.row.state !== 'open')
      throw conflict('election_not_open', {
        zh: l.row.state === 'closed' ? '投票已经结束' : '投票尚未开始',
        en: 'Voting is not open',
      });
    const { rows } = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from election_paper_entries where election_id = ${id} and not counted`);
    if (rows[0].n)
      throw conflict('paper_waiting', {
        zh: `还有${rows[0].n}张纸质选票只录入了一次，须由第二名计票人录入后才能结束投票`,
        en: `${rows[0].n} paper ballots await their second entry`,
      });
    const { result, chain } = await countOf(tx, l);
    await tx.delete(electionBallots).where(eq(electionBallots.electionId, id));
    if (chain.links.length)
      await tx.insert(electionBallots).values(
        chain.links.map((b, i) => ({
          electionId: id,
          trackingCode: b.trackingCode,
          choices: b.choices,
          valid: b.valid,
          castOn: b.castOn,
          position: i + 1,
          hash: b.hash,
        })),
      );
    await tx
      .update(elections)
      .set({ state: 'closed', closedAt: ctx.now(), chainHead: chain.head, result })
      .where(eq(elections.id, id));
    await recordAudit(tx, ctx, {
      action: 'election.closed',
      targetType: 'election',
      targetId: id,
      orgId: l.row.orgId,
      orgPath: l.row.orgPath,
      after: {
        entitled: result.entitled,
        present: result.present,
        ballots: result.returned,
        elected: result.elected,
        chainHead: chain.head,
      },
    });
  });
  return presentElection(ctx, await loadElection(ctx.db, id));
}
