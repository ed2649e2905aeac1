import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { makeNotice } from './test-notices.ts';

/**
 * Hostile input for the notice centre (issue 13): the same request twice at once, another town's
 * orgs mixed with one's own, ids that do not exist or are not ids. Given a branch of 清河镇 with two
 * members who log in, the town admins of 清河镇 and 石桥镇.
 */
let env: TestEnv;
let town: Session;
let town2: Session;
let town1Id: number;
let town2Id: number;
let branch: { id: number; path: string };
let otherBranch: { id: number; path: string }; // a branch of 石桥镇
let people: { memberId: number; userId: number; session: Session }[];

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  town1Id = await orgId(env, '中共青山区清河镇委员会');
  town2Id = await orgId(env, '中共青山区石桥镇委员会');
  branch = await makeOrg(env, town1Id, 'branch', '清河镇通知对抗测试党支部');
  otherBranch = await makeOrg(env, town2Id, 'branch', '石桥镇通知对抗测试党支部');
  await makeMember(env, otherBranch.id);
  people = [];
  for (let i = 0; i < 2; i++) {
    const m = await makeMember(env, branch.id);
    const u = await makeUser(env, { orgId: branch.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
    people.push({ memberId: m.id, userId: u.id, session: await login(env, u.username) });
  }
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now?: string) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: now ? { ...s.headers, 'x-test-now': now } : s.headers,
  });
const n = async (sql: string, params: unknown[] = []) => (await query<{ n: number }>(env, sql, params))[0].n;

describe('the same request twice at once', () => {
  it('a member opening a notice on two phones at once: read once, audited once, both told the same time', async () => {
    const me = people[0];
    const notice = await makeNotice(env, branch.id, {
      recipients: [{ memberId: me.memberId, userId: me.userId }],
    });
    const [a, b] = await Promise.all([
      api(me.session, 'POST', `/notices/${notice.id}/read`),
      api(me.session, 'POST', `/notices/${notice.id}/read`),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect(a.json().readAt).not.toBeNull();
    expect(b.json().readAt).toBe(a.json().readAt);
    expect(
      await n('select count(*)::int as n from notice_receipts where notice_id = $1 and read_at is not null', [
        notice.id,
      ]),
    ).toBe(1);
    expect(
      await n("select count(*)::int as n from audit_log where action = 'notice.read' and target_id = $1", [
        String(notice.id),
      ]),
    ).toBe(1);
  });

  it('two admins reminding the unread at once: one reminder, the other told to wait, in Chinese', async () => {
    const notice = await makeNotice(env, branch.id, {
      recipients: people.map((p) => ({ memberId: p.memberId, userId: p.userId })),
    });
    const [a, b] = await Promise.all([
      api(town, 'POST', `/notices/${notice.id}/remind`),
      api(town, 'POST', `/notices/${notice.id}/remind`),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes, `${a.body} ${b.body}`).toEqual([200, 409]);
    const [ok, refused] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(ok.json().reminded).toBe(2);
    expect(refused.json().error).toMatchObject({ code: 'remind_too_soon' });
    expect(refused.json().error.message).toMatch(/每 60 分钟最多提醒一次/);
    expect(
      await query(env, 'select remind_count from notice_receipts where notice_id = $1', [notice.id]),
    ).toEqual([{ remind_count: 1 }, { remind_count: 1 }]);
    expect(
      await n("select count(*)::int as n from audit_log where action = 'notice.remind' and target_id = $1", [
        String(notice.id),
      ]),
    ).toBe(1);
  });
});

describe("another town's orgs mixed with one's own", () => {
  it('a direct notice to a branch of each town is refused whole, naming orgIds, and nobody is notified', async () => {
    const notices = await n('select count(*)::int as n from notices');
    const receipts = await n('select count(*)::int as n from notice_receipts');
    const audits = await n('select count(*)::int as n from audit_log');
    for (const [sender, orgIds] of [
      [town, [String(branch.id), String(otherBranch.id)]],
      [town, [String(otherBranch.id), String(branch.id)]],
      [town2, [String(otherBranch.id), String(branch.id)]],
    ] as [Session, string[]][]) {
      const res = await api(sender, 'POST', '/notices', { title: '混合发送', orgIds, audience: 'members' });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.details).toEqual([{ path: 'orgIds', message: expect.any(String) }]);
      expect(res.json().error.message).toMatch(/^orgIds：.*不在您的管理范围内/);
      // the other town's org is not named: its admin's business, not this sender's
      expect(res.json().error.message).not.toMatch(/石桥镇|清河镇/);
    }
    const en = await env.app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      payload: { title: 'mixed', orgIds: [String(branch.id), String(town2Id)], audience: 'members' },
      headers: { ...town.headers, 'accept-language': 'en' },
    });
    expect(en.json().error.message).toMatch(/^orgIds: .*outside your scope/);
    expect(await n('select count(*)::int as n from notices')).toBe(notices);
    expect(await n('select count(*)::int as n from notice_receipts')).toBe(receipts);
    expect(await n('select count(*)::int as n from audit_log')).toBe(audits);
  });

  it('another town’s notice is neither read, reminded nor opened by this town’s admin', async () => {
    const theirs = await makeNotice(env, otherBranch.id);
    for (const [method, url] of [
      ['GET', `/notices/${theirs.id}`],
      ['GET', `/notices/${theirs.id}/receipts`],
      ['POST', `/notices/${theirs.id}/remind`],
    ])
      expect((await api(town, method, url)).statusCode).toBe(403);
    // and a member cannot mark it read: it is not theirs (not found, as for any other)
    expect((await api(people[0].session, 'POST', `/notices/${theirs.id}/read`)).statusCode).toBe(404);
    expect(
      await n('select count(*)::int as n from notice_receipts where notice_id = $1 and read_at is not null', [
        theirs.id,
      ]),
    ).toBe(0);
  });
});

describe('ids that do not exist, or are not ids: 404 or 400, never 500', () => {
  const missing = ['99999999999', '9007199254740991'];
  // past 2^53 − 1 an id cannot be read exactly, and past 2^63 − 1 not stored: refused as malformed
  const malformed = [
    'abc',
    '0',
    '-1',
    '1.5',
    '1e3',
    '%20',
    '9007199254740993',
    '9223372036854775807',
    '99999999999999999999',
  ];

  it('the sender’s routes', async () => {
    for (const id of missing) {
      for (const [method, url] of [
        ['GET', `/notices/${id}`],
        ['GET', `/notices/${id}/receipts`],
        ['POST', `/notices/${id}/remind`],
      ]) {
        const res = await api(town, method, url);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
        expect(res.json().error.message).toBe('通知不存在');
      }
    }
    for (const id of malformed) {
      for (const [method, url] of [
        ['GET', `/notices/${id}`],
        ['GET', `/notices/${id}/receipts`],
        ['POST', `/notices/${id}/remind`],
      ]) {
        const res = await api(town, method, url);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
        expect(res.json().error.details[0].path).toBe('id');
      }
    }
  });

  it('the recipient’s route', async () => {
    for (const id of missing) {
      const res = await api(people[0].session, 'POST', `/notices/${id}/read`);
      expect(res.statusCode, res.body).toBe(404);
    }
    for (const id of malformed) {
      const res = await api(people[0].session, 'POST', `/notices/${id}/read`);
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('a direct notice to an org that does not exist, or a malformed one: refused naming orgIds, nothing sent', async () => {
    const notices = await n('select count(*)::int as n from notices');
    for (const id of missing) {
      const res = await api(town, 'POST', '/notices', {
        title: '发给不存在的党组织',
        orgIds: [String(branch.id), id],
        audience: 'members',
      });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.message).toBe('发送对象党组织不存在');
    }
    for (const id of ['abc', '0', '', '9223372036854775807']) {
      const res = await api(town, 'POST', '/notices', {
        title: '格式错误',
        orgIds: [String(branch.id), id],
        audience: 'members',
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toMatch(/^orgIds/);
    }
    const list = await api(town, 'GET', '/notices?orgId=99999999999');
    expect(list.statusCode, list.body).toBe(404);
    const bad = await api(town, 'GET', '/notices?orgId=abc');
    expect(bad.statusCode, bad.body).toBe(400);
    expect(await n('select count(*)::int as n from notices')).toBe(notices);
  });
});
