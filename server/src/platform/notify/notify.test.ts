import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { noticeRecipients } from '../../modules/members/index.ts';
import { inTransaction } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { noJobs } from '../jobs/index.ts';
import { sendNotice } from './send-notice.ts';
import { makeNotice, makeSecretary } from './test-notices.ts';

let env: TestEnv;
let town: Session; // org_admin of 清河镇
let town2: Session; // org_admin of 石桥镇
let town1Id: number;
let branch: { id: number; path: string }; // 清河镇通知测试党支部
/** Five members of the branch: three with a login, one suspended, one who left. */
let people: { memberId: number; userId: number | null; session?: Session }[];

beforeAll(async () => {
  // "an hour later": requests may carry X-Test-Now (reminding again)
  env = await testEnv({ testClock: true });
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  town1Id = await orgId(env, '中共青山区清河镇委员会');
  branch = await makeOrg(env, town1Id, 'branch', '清河镇通知测试党支部');
  people = [];
  for (let i = 0; i < 5; i++) {
    const m = await makeMember(env, branch.id, { name: `通知测试党员${i + 1}` });
    if (i < 3) {
      const u = await makeUser(env, { orgId: branch.id, role: 'member' });
      await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
      people.push({ memberId: m.id, userId: u.id, session: await login(env, u.username) });
    } else people.push({ memberId: m.id, userId: null });
  }
  await query(
    env,
    "update members set party_standing = 'suspended', suspended_on = '2025-01-01' where id = $1",
    [people[3].memberId],
  );
  await query(env, 'update members set left_at = now() where id = $1', [people[4].memberId]);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now?: string) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: now ? { ...s.headers, 'x-test-now': now } : s.headers,
  });

/** A context for calling sendNotice as a module does, inside its own transaction. */
const jobCtx = (): Ctx => ({
  db: env.database.db,
  actor: null,
  ip: null,
  userAgent: null,
  lang: 'zh',
  now: () => new Date(),
  pii: env.pii,
  config: env.config,
  jobs: noJobs,
});

describe('sending a notice to an org (the fan-out)', () => {
  it('reaches every member in normal standing who has not left, a receipt each', async () => {
    const res = await api(town, 'POST', '/notices', {
      title: '关于开展主题党日活动的通知',
      body: '请各位党员于本周五下午到村委会参加主题党日。',
      orgIds: [String(branch.id)],
      audience: 'members',
    });
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json();
    expect(sent).toMatchObject({
      kind: 'notify.direct',
      kindLabel: '通知',
      recipients: 3,
      read: 0,
      readRate: 0,
    });
    expect(sent.orgId).toBe(String(branch.id));
    const receipts = await query<{ member_id: number; user_id: number | null }>(
      env,
      'select member_id, user_id from notice_receipts where notice_id = $1 order by member_id',
      [sent.id],
    );
    // the suspended member and the one who left are told nothing
    expect(receipts.map((r) => Number(r.member_id))).toEqual(people.slice(0, 3).map((p) => p.memberId));
    expect(receipts.map((r) => Number(r.user_id))).toEqual(people.slice(0, 3).map((p) => p.userId));
    const [audit] = await query<{ after: { recipients: number } }>(
      env,
      "select after from audit_log where action = 'notice.send' and target_id = $1",
      [sent.id],
    );
    expect(audit.after.recipients).toBe(3);
  });

  it('sent again for the same thing, reaches only those not yet notified, and keeps what was read', async () => {
    const recipients = await noticeRecipients(env.database.db, { orgPath: branch.path });
    const first = recipients.slice(0, 2);
    const source = { type: 'test_announcement', id: `a-${Date.now()}` };
    const send = (list: typeof recipients, title: string) =>
      inTransaction(env.database.db, (tx) =>
        sendNotice(tx, jobCtx(), {
          kind: 'notify.direct',
          orgId: branch.id,
          title,
          source,
          recipients: list,
        }),
      );
    const one = await send(first, '组织公告');
    expect(one).toMatchObject({ recipients: 2, total: 2 });
    await api(people[0].session!, 'POST', `/notices/${one.noticeId}/read`);
    // the list grew by one; a member named twice gets one receipt
    const again = await send([...recipients, recipients[0]], '组织公告（更新）');
    expect(again).toEqual({ noticeId: one.noticeId, recipients: 1, total: 3 });
    const rows = await query<{ n: number; read: number; title: string }>(
      env,
      `select count(*)::int as n, count(read_at)::int as read, min(n.title) as title
         from notice_receipts r join notices n on n.id = r.notice_id where r.notice_id = $1`,
      [one.noticeId],
    );
    expect(rows[0]).toEqual({ n: 3, read: 1, title: '组织公告（更新）' });
  });

  it('refuses a kind no module declared, and writes nothing', async () => {
    const before = await query<{ n: number }>(env, 'select count(*)::int as n from notices');
    await expect(
      inTransaction(env.database.db, (tx) =>
        sendNotice(tx, jobCtx(), {
          kind: 'nobody.declared',
          orgId: branch.id,
          title: '无名通知',
          source: { type: 'test', id: 'x' },
          recipients: [{ memberId: people[0].memberId, userId: people[0].userId }],
        }),
      ),
    ).rejects.toThrow(/declared by no module/);
    expect(await query(env, 'select count(*)::int as n from notices')).toEqual(before);
  });
});

describe('a member’s notices', () => {
  it('shows the unread count; opening one marks it read, once', async () => {
    const me = people[1].session!;
    const n = await makeNotice(env, branch.id, {
      recipients: [{ memberId: people[1].memberId, userId: people[1].userId }],
    });
    const before = (await api(me, 'GET', '/notices/mine/unread-count')).json().count;
    expect(before).toBeGreaterThan(0);
    const list = (await api(me, 'GET', '/notices/mine?unreadFirst=true')).json();
    expect(list.items[0]).toMatchObject({ id: String(n.id), readAt: null, orgName: '清河镇通知测试党支部' });
    const read = await api(me, 'POST', `/notices/${n.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    const readAt = read.json().readAt;
    expect(readAt).not.toBeNull();
    expect((await api(me, 'GET', '/notices/mine/unread-count')).json().count).toBe(before - 1);
    // opening it again changes nothing (and writes no second audit entry)
    const again = await api(me, 'POST', `/notices/${n.id}/read`);
    expect(again.json().readAt).toBe(readAt);
    expect(
      await query(
        env,
        "select count(*)::int as n from audit_log where action = 'notice.read' and target_id = $1",
        [String(n.id)],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses to open someone else’s notice, as not found, and marks nothing', async () => {
    const n = await makeNotice(env, branch.id, {
      recipients: [{ memberId: people[0].memberId, userId: people[0].userId }],
    });
    const res = await api(people[2].session!, 'POST', `/notices/${n.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('通知不存在');
    expect(await query(env, 'select read_at from notice_receipts where notice_id = $1', [n.id])).toEqual([
      { read_at: null },
    ]);
  });
});

describe('who has read a notice', () => {
  let noticeId: number;
  beforeAll(async () => {
    noticeId = (
      await makeNotice(env, branch.id, {
        recipients: people.slice(0, 3).map((p, i) => ({
          memberId: p.memberId,
          userId: p.userId,
          readAt: i === 0 ? '2026-05-01T08:00:00Z' : undefined,
        })),
      })
    ).id;
  });

  it('the town admin sees one read and two unread, named with their branch', async () => {
    const all = (await api(town, 'GET', `/notices/${noticeId}/receipts`)).json();
    expect(all.total).toBe(3);
    // the unread first: the ones to chase
    expect(all.items.map((r: { readAt: string | null }) => r.readAt === null)).toEqual([true, true, false]);
    const unread = (await api(town, 'GET', `/notices/${noticeId}/receipts?state=unread`)).json();
    expect(unread.items.map((r: { name: string }) => r.name)).toEqual(['通知测试党员2', '通知测试党员3']);
    expect(unread.items[0]).toMatchObject({
      orgName: '清河镇通知测试党支部',
      hasAccount: true,
      remindCount: 0,
    });
    const notice = (await api(town, 'GET', `/notices/${noticeId}`)).json();
    expect(notice).toMatchObject({ recipients: 3, read: 1, readRate: 33, can: { remind: true } });
  });

  it('another town’s admin is refused its receipts, and does not see it in their list', async () => {
    const res = await api(town2, 'GET', `/notices/${noticeId}/receipts`);
    expect(res.statusCode).toBe(403);
    const theirs = (await api(town2, 'GET', '/notices?pageSize=200')).json();
    expect(theirs.items.map((n: { id: string }) => n.id)).not.toContain(String(noticeId));
    const ours = (await api(town, 'GET', `/notices?orgId=${branch.id}`)).json();
    expect(ours.items.map((n: { id: string }) => n.id)).toContain(String(noticeId));
  });

  it('reminds the unread, at most once an hour', async () => {
    // tomorrow 09:00 in Shanghai (01:00Z), so the reminder is the newest thing in the member's list
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const at = (hhmm: string) => `${day}T${hhmm}:00+08:00`;
    const res = await api(town, 'POST', `/notices/${noticeId}/remind`, undefined, at('09:00'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reminded).toBe(2);
    const rows = await query<{ remind_count: number; reminded: boolean }>(
      env,
      'select remind_count, reminded_at is not null as reminded from notice_receipts where notice_id = $1 order by member_id',
      [noticeId],
    );
    expect(rows).toEqual([
      { remind_count: 0, reminded: false },
      { remind_count: 1, reminded: true },
      { remind_count: 1, reminded: true },
    ]);
    const soon = await api(town, 'POST', `/notices/${noticeId}/remind`, undefined, at('09:30'));
    expect(soon.statusCode).toBe(409);
    expect(soon.json().error.message).toMatch(/每 60 分钟最多提醒一次，请于 10:00 后再提醒/);
    const later = await api(town, 'POST', `/notices/${noticeId}/remind`, undefined, at('10:00'));
    expect(later.statusCode).toBe(200);
    expect(
      await query(
        env,
        "select count(*)::int as n from audit_log where action = 'notice.remind' and target_id = $1",
        [String(noticeId)],
      ),
    ).toEqual([{ n: 2 }]);
    // the reminded notice is back at the top of the member's list
    const mine = (await api(people[1].session!, 'GET', '/notices/mine')).json();
    expect(mine.items[0]).toMatchObject({
      id: String(noticeId),
      remindedAt: new Date(at('10:00')).toISOString(),
    });
  });

  it('another town’s admin cannot remind it', async () => {
    const res = await api(
      town2,
      'POST',
      `/notices/${noticeId}/remind`,
      undefined,
      new Date(Date.now() + 3 * 86_400_000).toISOString(),
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('a direct notice: bad input', () => {
  it('an empty title is refused, naming the field', async () => {
    const res = await api(town, 'POST', '/notices', {
      title: '  ',
      orgIds: [String(branch.id)],
      audience: 'members',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/通知标题/);
  });

  it('an org outside the sender’s scope is refused, and nobody is notified', async () => {
    const town2Id = await orgId(env, '中共青山区石桥镇委员会');
    const before = await query(env, 'select count(*)::int as n from notice_receipts');
    const res = await api(town, 'POST', '/notices', {
      title: '越权通知',
      orgIds: [String(branch.id), String(town2Id)],
      audience: 'members',
    });
    expect(res.statusCode).toBe(403);
    expect(await query(env, 'select count(*)::int as n from notice_receipts')).toEqual(before);
  });

  it('to the secretaries of an org that records none: refused in words', async () => {
    const empty = await makeOrg(env, town1Id, 'branch', '无书记测试党支部');
    await makeMember(env, empty.id);
    const res = await api(town, 'POST', '/notices', {
      title: '请书记报送材料',
      orgIds: [String(empty.id)],
      audience: 'secretaries',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/没有登记为书记的党员/);
  });

  it('to the secretaries: only the members holding 书记', async () => {
    const sec = await makeSecretary(env, branch.id);
    const res = await api(town, 'POST', '/notices', {
      title: '请各支部书记周五前报送党员名册',
      orgIds: [String(branch.id)],
      audience: 'secretaries',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(
      await query(env, 'select member_id::int from notice_receipts where notice_id = $1', [res.json().id]),
    ).toEqual([{ member_id: sec.id }]);
  });
});
