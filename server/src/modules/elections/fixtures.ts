import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, query, type Session, type TestEnv } from '../../../test/harness.ts';

/** Factories for elections in tests, the matrix and the bench: rows made straight in the database. */

let seq = 0;

/** A member of `orgId` who can log in (role member): member id, user id and session. */
export async function makeVoter(
  env: TestEnv,
  orgId: number,
  over: { status?: string; name?: string } = {},
): Promise<{ memberId: number; userId: number; session: Session }> {
  const m = await makeMember(env, orgId, over);
  const [{ org_id }] = await query<{ org_id: string }>(env, 'select org_id from members where id = $1', [
    m.id,
  ]);
  const u = await makeUser(env, { orgId: Number(org_id), role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { memberId: m.id, userId: u.id, session: await login(env, u.username) };
}

/** A member with a login and nothing else (for a roll): member id and user id, no session. */
export async function makeRollMember(env: TestEnv, orgId: number) {
  const m = await makeMember(env, orgId);
  const u = await makeUser(env, { orgId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { memberId: m.id, userId: u.id };
}

/**
 * An election of `orgId` in `state`, with three candidates for two seats. Open or closed: its roll
 * is `voters` (member and user ids) — open elections with nobody voted yet, closed with no ballots.
 */
export async function makeElection(
  env: TestEnv,
  orgId: number,
  state: 'draft' | 'submitted' | 'approved' | 'open' | 'closed' = 'draft',
  voters: { memberId: number; userId: number | null }[] = [],
  kind: 'election' | 'appraisal' | 'cadre_recommendation' = 'election',
) {
  const [e] = await query<{ id: string }>(
    env,
    `insert into elections (org_id, org_path, kind, title, seats, state, entitled, opened_at, closed_at, chain_head, result)
     select id, path, $2, $3, 2, $4, $5, case when $4 in ('open','closed') then now() end,
            case when $4 = 'closed' then now() end, case when $4 = 'closed' then '' end,
            case when $4 = 'closed' then $6::jsonb end
       from orgs where id = $1 returning id`,
    [
      orgId,
      kind,
      `测试选举${process.pid}-${++seq}`,
      state,
      voters.length,
      JSON.stringify({
        entitled: voters.length,
        present: 0,
        issued: 0,
        returned: 0,
        valid: 0,
        invalid: 0,
        meetingValid: false,
        tally: [],
        elected: [],
        tied: [],
        remainingSeats: 2,
      }),
    ],
  );
  const id = Number(e.id);
  const candidates: number[] = [];
  for (const [i, name] of ['张候选', '王候选', '李候选'].entries()) {
    const [c] = await query<{ id: string }>(
      env,
      'insert into election_candidates (election_id, position, name) values ($1, $2, $3) returning id',
      [id, i + 1, name],
    );
    candidates.push(Number(c.id));
  }
  for (const v of voters)
    await query(
      env,
      'insert into election_roll (election_id, member_id, user_id, name) values ($1, $2, $3, $4)',
      [id, v.memberId, v.userId, `选民${v.memberId}`],
    );
  return { id, candidates };
}

/** A branch of its own under `parentId` for one test's election. */
export const makeBranch = async (env: TestEnv, parentId: number) =>
  (await makeOrg(env, parentId, 'branch')).id;
