import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇

beforeAll(async () => {
  env = await testEnv({ loginRateLimitPerMinute: 100_000 });
  town = await login(env, 'town_admin');
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

describe('a member given a login after a notice was sent to them', () => {
  let branch: number;
  let late: number; // a member without a login when the notice goes out
  let early: { memberId: number; userId: number }; // one who had a login already
  let noticeId: string;
  let card: { cardNo: string; password: string };

  beforeAll(async () => {
    branch = (await makeOrg(env, await orgId(env, '中共青山区清河镇委员会'), 'branch', '迟开账号测试党支部'))
      .id;
    late = (await makeMember(env, branch, { name: '迟开账号党员' })).id;
    const m = await makeMember(env, branch, { name: '早有账号党员' });
    const u = await makeUser(env, { orgId: branch, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
    early = { memberId: m.id, userId: u.id };

    // given a notice to the branch, while one of its members has no login
    const sent = await api(town, 'POST', '/notices', {
      title: '关于参加党员冬训的通知',
      orgIds: [String(branch)],
      audience: 'members',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    noticeId = sent.json().id;
    expect(
      await query(env, 'select user_id from notice_receipts where notice_id = $1 and member_id = $2', [
        noticeId,
        late,
      ]),
    ).toEqual([{ user_id: null }]);

    // when the branch's members are issued study cards (the member without a login gets one)
    const issued = await api(town, 'POST', '/members/cards/issue', { orgId: String(branch) });
    expect(issued.statusCode, issued.body).toBe(200);
    card = issued.json().items.find((c: { memberId: string }) => c.memberId === String(late));
  });

  it('finds the notice under the new login: listed, counted unread, and read like any other', async () => {
    const me = await login(env, card.cardNo, card.password);
    expect((await api(me, 'GET', '/notices/mine/unread-count')).json()).toEqual({ count: 1 });
    const mine = (await api(me, 'GET', '/notices/mine')).json();
    expect(mine.items.map((n: { id: string; title: string }) => [n.id, n.title])).toEqual([
      [noticeId, '关于参加党员冬训的通知'],
    ]);
    const read = await api(me, 'POST', `/notices/${noticeId}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect((await api(me, 'GET', '/notices/mine/unread-count')).json()).toEqual({ count: 0 });
    // the sender sees them read it, with an account
    const receipts = (await api(town, 'GET', `/notices/${noticeId}/receipts?state=read`)).json();
    expect(receipts.items).toMatchObject([{ memberId: String(late), hasAccount: true }]);
  });

  it('leaves the receipt of a member who had a login as it was', async () => {
    expect(
      await query(env, 'select user_id from notice_receipts where notice_id = $1 and member_id = $2', [
        noticeId,
        early.memberId,
      ]),
    ).toEqual([{ user_id: Number(early.userId) }]);
  });
});
