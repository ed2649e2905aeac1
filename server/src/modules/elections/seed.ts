import { sql } from 'drizzle-orm';
import type { BallotChoices } from '../../../../contracts/elections/elections.ts';
import { demoRandom } from '../../db/demo-random.ts';
import type { SeedContext } from '../../platform/module.ts';
import { electorsOf } from '../members/index.ts';
import { newTrackingCode } from './cast.ts';
import { noVoteReason } from './rules.ts';
import { buildChain, tally } from './tally.ts';

/**
 * The demo: the village branch's last committee election (换届选举), closed and counted, its result
 * approved by the town — so the console shows a result, a chart, a bulletin and a verification
 * from the first start. No open vote is seeded: a member's badge stays for what is really open.
 */
export async function seedElections(ctx: SeedContext) {
  const branch = ctx.demo.villageBranch;
  if (!branch) return;
  const { rows: orgRows } = await ctx.db.execute<{ path: string; name: string }>(
    sql`select path, name from orgs where id = ${branch}`,
  );
  const org = orgRows[0];
  if (!org) return;
  const people = await electorsOf(ctx.db, { orgPath: org.path });
  const voters = people.filter((p) => noVoteReason(p, '2026-01-15') === null);
  if (voters.length < 3) return;
  const seats = Math.min(3, voters.length - 1);
  const candidates = voters.slice(0, seats + 1);
  const { rows: e } = await ctx.db.execute<{ id: string }>(sql`
    insert into elections (org_id, org_path, kind, title, seats, state, approved_by, approved_at, entitled, opened_at, closed_at,
                           result_approved_by, result_approved_at)
    values (${branch}, ${org.path}, 'election', ${'第二届支部委员会换届选举'}, ${seats}, 'closed', '清河镇党委(town_admin)',
            '2026-01-05T02:00:00Z', ${voters.length}, '2026-01-15T01:30:00Z', '2026-01-15T02:30:00Z',
            '清河镇党委(town_admin)', '2026-01-16T02:00:00Z')
    returning id`);
  const id = Number(e[0].id);
  const ids: number[] = [];
  for (const [i, c] of candidates.entries()) {
    const { rows } = await ctx.db.execute<{ id: string }>(sql`
      insert into election_candidates (election_id, position, name, member_id) values (${id}, ${i + 1}, ${c.name}, ${c.memberId})
      returning id`);
    ids.push(Number(rows[0].id));
  }
  // all voted but one where more than 4/5 still come; each marks `seats` candidates 赞成, the
  // rest 不赞成, by a fixed draw
  const rand = demoRandom(16);
  const present = (voters.length - 1) * 5 > voters.length * 4 ? voters.slice(0, -1) : voters;
  const ballots = present.map(() => {
    const order = [...ids].sort(() => rand() - 0.5);
    const marks: BallotChoices['marks'] = {};
    for (const [i, cid] of order.entries()) marks[String(cid)] = i < seats ? 'yes' : 'no';
    return {
      trackingCode: newTrackingCode(),
      valid: true,
      choices: { marks, writeIns: [] } as BallotChoices,
    };
  });
  for (const v of voters)
    await ctx.db.execute(sql`
      insert into election_roll (election_id, member_id, user_id, name, voted)
      values (${id}, ${v.memberId}, ${v.userId}, ${v.name}, ${present.includes(v) ? 'online' : null})`);
  const chain = buildChain(id, ballots);
  for (const [i, b] of chain.links.entries())
    await ctx.db.execute(sql`
      insert into election_ballots (election_id, tracking_code, choices, valid, cast_on, position, hash)
      values (${id}, ${b.trackingCode}, ${JSON.stringify(b.choices)}::jsonb, true, '2026-01-15', ${i + 1}, ${b.hash})`);
  const result = tally(
    'election',
    seats,
    candidates.map((c, i) => ({ id: String(ids[i]), name: c.name })),
    ballots,
    { entitled: voters.length, present: present.length, issued: present.length },
  );
  await ctx.db.execute(
    sql`update elections set chain_head = ${chain.head}, result = ${JSON.stringify(result)}::jsonb where id = ${id}`,
  );
  ctx.log(
    `elections: ${org.name} 换届选举 (${present.length} ballots, elected ${result.elected.join('、')})`,
  );
}
