import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, query, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

type Linked = { username: string; member_id: string; org_id: string; positions: string[]; status: string };

describe('the demo accounts of the village branch are its members', () => {
  let linked: Linked[];

  beforeAll(async () => {
    linked = await query<Linked>(
      env,
      `select u.username, m.id as member_id, m.org_id, m.positions, m.status
         from users u join members m on m.user_id = u.id and m.org_id = u.org_id
        where u.username in ('member', 'secretary') and m.left_at is null and m.party_standing = 'normal'
        order by u.username`,
    );
  });

  it('the secretary account is the branch’s 书记 on record, and the member account another member of it', () => {
    expect(linked.map((l) => l.username)).toEqual(['member', 'secretary']);
    const [member, secretary] = linked;
    expect(secretary.positions).toContain('书记');
    expect(secretary.status).toBe('full');
    expect(member.org_id).toBe(secretary.org_id);
    expect(member.member_id).not.toBe(secretary.member_id);
  });

  it('so the notice the town sent its branch secretaries reaches the secretary’s login', async () => {
    const sec = await login(env, 'secretary');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/notices/mine', headers: sec.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((n: { title: string }) => n.title)).toContain(
      '关于报送本年度党内统计数据的通知',
    );
  });
});
