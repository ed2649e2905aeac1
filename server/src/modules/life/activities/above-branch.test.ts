import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { codeAt, TEST_SECRET } from './fixtures.ts';

/**
 * A 党总支's general meeting is attended by the members of the branches below it: the list
 * decides who may sign in and ask for leave, not the member's own org (a member's scope is their
 * branch, the activity is one level up). Found by the sign-in benchmark, where every one of 200
 * members of a 党总支's branches was refused.
 */
let env: TestEnv;
let activityId: number;
let listed: Session;
let unlisted: Session;
let outsider: Session;

async function phoneOf(memberId: number, branchId: number) {
  const u = await makeUser(env, { orgId: branchId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, memberId]);
  return login(env, u.username);
}

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  const town = await orgId(env, '中共青山区清河镇委员会');
  const general = await makeOrg(env, town, 'general_branch', '总支测试党总支');
  const branch = await makeOrg(env, general.id, 'branch', '总支测试第一党支部');
  const a = await makeMember(env, branch.id, { name: '赵红梅' });
  const b = await makeMember(env, branch.id, { name: '钱卫东' });
  const other = await makeMember(env, await orgId(env, '中共青山区石桥镇委员会'));
  listed = await phoneOf(a.id, branch.id);
  unlisted = await phoneOf(b.id, branch.id);
  outsider = await phoneOf(other.id, other.branchId);
  const [row] = await query<{ id: string }>(
    env,
    `insert into activities (org_id, org_path, kind, topic, place, starts_at, ends_at, status, sign_in_open, secret)
     select id, path, 'general_meeting', '党员大会：选举出席镇党代会代表', '总支会议室', now() - interval '5 minutes',
            now() + interval '1 hour', 'planned', true, $2 from orgs where id = $1 returning id`,
    [general.id, TEST_SECRET],
  );
  activityId = Number(row.id);
  await query(env, 'insert into activity_attendees (activity_id, member_id, name) values ($1, $2, $3)', [
    activityId,
    a.id,
    '赵红梅',
  ]);
});
afterAll(() => env.close());

const post = (s: Session, url: string, payload: object) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date().toISOString() },
  });

describe("a 党总支's meeting, attended from a branch below it", () => {
  it('a member of a branch below, on the list, signs in by the QR code', async () => {
    const res = await post(listed, `/activities/${activityId}/sign-in`, { code: codeAt(activityId) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ memberName: '赵红梅', method: 'qr', already: false });
    const [row] = await query<{ method: string }>(
      env,
      'select method from activity_attendees where activity_id = $1',
      [activityId],
    );
    expect(row.method).toBe('qr');
  });

  it('her branch-mate, not on the list, is refused and nothing is written', async () => {
    const res = await post(unlisted, `/activities/${activityId}/sign-in`, { code: codeAt(activityId) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('其他党组织的活动');
    const rows = await query(env, 'select 1 from activity_attendees where activity_id = $1', [activityId]);
    expect(rows).toHaveLength(1);
  });

  it('a member of another town is refused', async () => {
    const res = await post(outsider, `/activities/${activityId}/sign-in`, { code: codeAt(activityId) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('其他党组织的活动');
  });

  it('asking for leave follows the list too: the unlisted member is told it is not theirs', async () => {
    const res = await post(unlisted, `/activities/${activityId}/leave`, { reason: '外出务工' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('其他党组织的活动');
  });
});
