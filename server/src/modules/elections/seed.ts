import { sql } from 'drizzle-orm';
import type { BallotChoices } from '../../../../contracts/elections/elections.ts';
import { demoRandom } from '../../db/demo-random.ts';
import type { SeedContext } from '../../platform/module.ts';
import { addMonthsToMonth, shanghaiMonth, shanghaiMonthRange } from '../../platform/time.ts';
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
  await seedTermsEnded(ctx);
}

/**
 * Last month's 按期换届: the office, health-centre and school branches of the two demo towns
 * (three-year terms: not a village or a community) were elected three years before last month, so
 * their terms ended in it; all but one held their next election in the month — closed, counted,
 * approved by the town, with a ballot chain that verifies — and one (石桥镇卫生院党支部) did not.
 * Both terms' elections are seeded, as the platform held them. For a trend, four village branches
 * (five-year terms) of the towns, but not the demo village branch, ended theirs the two months before
 * (one of them late). Dates from the day the seed runs.
 */
async function seedTermsEnded(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter(Boolean);
  if (!towns.length) return;
  const { rows: branches } = await ctx.db.execute<{
    id: number;
    path: string;
    name: string;
    approver: string;
  }>(sql`
    select o.id, o.path, o.name,
           coalesce(t.place, t.name) || '党委(' || case when t.id = ${ctx.demo.town2 ?? 0} then 'town2_admin' else 'town_admin' end || ')' as approver
      from orgs o join orgs t on t.id = o.parent_id
     where o.parent_id = any(${sql.param(towns)}::int8[]) and o.kind = 'branch' and coalesce(o.place, '') !~ '(村|社区)$'
     order by o.parent_id, o.id`);
  const month = addMonthsToMonth(shanghaiMonth(new Date()), -1);
  const before = shanghaiMonthRange(addMonthsToMonth(month, -36)).from;
  const now = shanghaiMonthRange(month).from;
  const rand = demoRandom(1803);
  let held = 0;
  for (const [i, b] of branches.entries()) {
    const day = 8 + ((i * 2) % 18); // the 9th … 25th, inside any month
    await closedElection(ctx, b, '第四届支部委员会换届选举', b.approver, before, day, rand);
    if (i === branches.length - 2) continue; // 届满未换届 (the demo's 石桥镇卫生院党支部)
    await closedElection(ctx, b, '第五届支部委员会换届选举', b.approver, now, day, rand);
    held++;
  }
  // the months before, for a trend: village branches (five-year terms), two a month, one late
  const { rows: villages } = await ctx.db.execute<{
    id: number;
    path: string;
    name: string;
    approver: string;
  }>(sql`
    select o.id, o.path, o.name,
           coalesce(t.place, t.name) || '党委(' || case when t.id = ${ctx.demo.town2 ?? 0} then 'town2_admin' else 'town_admin' end || ')' as approver
      from orgs o join orgs t on t.id = o.parent_id
     where o.parent_id = any(${sql.param(towns)}::int8[]) and o.kind = 'branch' and coalesce(o.place, '') ~ '村$'
       and o.id <> ${ctx.demo.villageBranch ?? 0}
     order by o.id`);
  const picks = [villages[0], villages.at(-1), villages[1], villages.at(-2)].filter((v) => v !== undefined);
  for (const [i, b] of picks.entries()) {
    if (picks.indexOf(b) !== i) continue;
    const ago = i < 2 ? 2 : 3;
    const m = addMonthsToMonth(month, 1 - ago);
    const day = 10 + i * 3;
    const was = shanghaiMonthRange(addMonthsToMonth(m, -60)).from;
    await closedElection(ctx, b, '第三届支部委员会换届选举', b.approver, was, day, rand);
    if (i === 3) continue; // 届满未换届
    await closedElection(
      ctx,
      b,
      '第四届支部委员会换届选举',
      b.approver,
      shanghaiMonthRange(m).from,
      day,
      rand,
    );
  }
  ctx.log(`elections: ${branches.length} 个支部 ${month} 任期届满，${held} 个按期换届`);
}

/** A closed, counted and approved 换届选举 of the branch on the `day`th day after `from`. */
async function closedElection(
  ctx: SeedContext,
  org: { id: number; path: string },
  title: string,
  approver: string,
  from: Date,
  day: number,
  rand: () => number,
) {
  const opened = new Date(from.getTime() + day * 86_400_000 + 9 * 3_600_000); // 09:00 Shanghai
  const closed = new Date(opened.getTime() + 90 * 60_000);
  const on = new Date(opened.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const people = await electorsOf(ctx.db, { orgPath: org.path });
  const voters = people.filter((p) => noVoteReason(p, on) === null);
  if (voters.length < 6) return;
  const seats = 5;
  const candidates = voters.slice(0, seats + 1);
  const { rows: e } = await ctx.db.execute<{ id: string }>(sql`
    insert into elections (org_id, org_path, kind, title, seats, state, approved_by, approved_at, entitled, opened_at, closed_at,
                           result_approved_by, result_approved_at, created_at)
    values (${org.id}, ${org.path}, 'election', ${title}, ${seats}, 'closed', ${approver},
            ${new Date(opened.getTime() - 7 * 86_400_000)}, ${voters.length}, ${opened}, ${closed},
            ${approver}, ${new Date(closed.getTime() + 86_400_000)}, ${new Date(opened.getTime() - 10 * 86_400_000)})
    returning id`);
  const id = Number(e[0].id);
  const { rows: cs } = await ctx.db.execute<{ id: string; position: number }>(sql`
    insert into election_candidates (election_id, position, name, member_id)
    select ${id}::int8, x.pos, x.name, x.member
      from unnest(${sql.param(candidates.map((_, i) => i + 1))}::int[], ${sql.param(candidates.map((c) => c.name))}::text[],
                  ${sql.param(candidates.map((c) => c.memberId))}::int8[]) as x(pos, name, member)
    returning id, position`);
  const ids = cs.sort((a, b) => a.position - b.position).map((c) => Number(c.id));
  // most come (one to four stay away); each marks `seats` of the candidates 赞成 and the rest 不赞成
  const away = 1 + Math.floor(rand() * 4);
  const present = voters.filter((_, k) => k < seats + 1 || rand() > away / voters.length);
  const ballots = present.map(() => {
    const order = [...ids].sort(() => rand() - 0.5);
    const marks: BallotChoices['marks'] = {};
    for (const [k, cid] of order.entries()) marks[String(cid)] = k < seats ? 'yes' : 'no';
    return {
      trackingCode: newTrackingCode(),
      valid: true,
      choices: { marks, writeIns: [] } as BallotChoices,
    };
  });
  const came = new Set(present.map((p) => p.memberId));
  await ctx.db.execute(sql`
    insert into election_roll (election_id, member_id, user_id, name, voted)
    select ${id}::int8, x.m, x.u, x.n, x.v
      from unnest(${sql.param(voters.map((v) => v.memberId))}::int8[], ${sql.param(voters.map((v) => v.userId))}::int8[],
                  ${sql.param(voters.map((v) => v.name))}::text[],
                  ${sql.param(voters.map((v) => (came.has(v.memberId) ? 'online' : null)))}::text[]) as x(m, u, n, v)`);
  const chain = buildChain(id, ballots);
  await ctx.db.execute(sql`
    insert into election_ballots (election_id, tracking_code, choices, valid, cast_on, position, hash)
    select ${id}::int8, x.code, x.choices::jsonb, true, ${on}::date, x.pos, x.hash
      from unnest(${sql.param(chain.links.map((l) => l.trackingCode))}::text[],
                  ${sql.param(chain.links.map((l) => JSON.stringify(l.choices)))}::text[],
                  ${sql.param(chain.links.map((_, k) => k + 1))}::int[],
                  ${sql.param(chain.links.map((l) => l.hash))}::text[]) as x(code, choices, pos, hash)`);
  const result = tally(
    'election',
    seats,
    candidates.map((c, k) => ({ id: String(ids[k]), name: c.name })),
    ballots,
    { entitled: voters.length, present: present.length, issued: present.length },
  );
  await ctx.db.execute(
    sql`update elections set chain_head = ${chain.head}, result = ${JSON.stringify(result)}::jsonb where id = ${id}`,
  );
}
