import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { monthlyCounts } from '../index.ts';
import { solvedChallenge } from './matrix.ts';

let env: TestEnv;
let town1: number;
let townAdmin: Session;
let town2Admin: Session;
let deptAdmin: Session;

beforeAll(async () => {
  // TEST_CLOCK: a request's X-Test-Now is its operations' clock, so "ten days later" is a header
  env = await testEnv({ testClock: true, messageRateLimitPerHour: 10 });
  town1 = await orgId(env, '中共青山区清河镇委员会');
  townAdmin = await login(env, 'town_admin');
  town2Admin = await login(env, 'town2_admin');
  deptAdmin = await login(env, 'admin');
});
afterAll(() => env.close());

/** Each test writes from its own address, so the per-address limit counts only its own requests. */
let address = 10;
const nextAddress = () => `198.51.100.${++address}`;

type Opts = { session?: Session; now?: string; from?: string };
const api = (method: string, url: string, payload?: object, o: Opts = {}) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    remoteAddress: o.from,
    headers: { ...(o.session?.headers ?? {}), ...(o.now ? { 'x-test-now': o.now } : {}) },
  });

/** The answer a person would give to the question asked ("12 加 7 等于几？"). */
function solve(question: string): string {
  const [a, b] = question.match(/\d+/g)!.map(Number);
  return String(a + b);
}

/** A member of the public goes through the form: a question, then the message. */
async function publicMessage(org: number, body: string, o: { now?: string; from?: string } = {}) {
  const from = o.from ?? nextAddress();
  const c = await api('GET', '/public/challenge', undefined, { now: o.now, from });
  expect(c.statusCode, c.body).toBe(200);
  const { question, token } = c.json();
  return api(
    'POST',
    `/public/orgs/${org}/messages`,
    { name: '周大爷', phone: '13912345678', body, challengeToken: token, challengeAnswer: solve(question) },
    { now: o.now, from },
  );
}

const messageCount = async () =>
  Number((await query<{ n: string }>(env, 'select count(*) as n from messages'))[0].n);

describe('留言: the public leaves a message, the branch answers it within five working days', () => {
  let branch: { id: number; path: string };
  let secretary: Session;

  beforeAll(async () => {
    branch = await makeOrg(env, town1, 'branch', '留言测试村党支部');
    const sec = await makeUser(env, { orgId: branch.id, role: 'secretary' });
    secretary = await login(env, sec.username);
  });

  it('the form names the branch and its deadline; the message is received with the day it is due', async () => {
    const form = await api('GET', `/public/orgs/${branch.id}/message-form`);
    expect(form.json()).toEqual({
      orgId: String(branch.id),
      orgName: '留言测试村党支部',
      answerWithinDays: 5,
    });
    // left on the Friday 中秋 begins: 9/28–9/30 are worked, 国庆 is off, then 10/8 and 10/9
    const res = await publicMessage(branch.id, '村口的路灯坏了，请帮忙修一下。', {
      now: '2026-09-25T09:00:00+08:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ orgName: '留言测试村党支部', answerWithinDays: 5 });
    expect(new Date(res.json().dueAt)).toEqual(new Date('2026-10-09T23:59:59.999+08:00'));
  });

  it('script and event handlers are not kept: the branch reads the words only, the phone masked', async () => {
    const res = await publicMessage(
      branch.id,
      '<script>alert(document.cookie)</script>排水沟堵了<img src=x onerror="alert(1)">，下雨就积水',
    );
    expect(res.statusCode, res.body).toBe(201);
    const read = await api('GET', `/messages/${res.json().id}`, undefined, { session: secretary });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      body: '排水沟堵了，下雨就积水',
      authorKind: 'public',
      authorName: '周大爷',
      phone: '139****5678',
      status: 'open',
      replies: [],
    });
    // at rest: the phone encrypted, the body without markup
    const [row] = await query<{ phone_enc: string; body: string }>(
      env,
      'select phone_enc, body from messages where id = $1',
      [res.json().id],
    );
    expect(row.phone_enc).not.toContain('13912345678');
    expect(row.body).not.toMatch(/<|onerror|script/);
  });

  it('an empty body, or one of markup only, is refused naming the field, and nothing is saved', async () => {
    const before = await messageCount();
    for (const body of ['   ', '<script>alert(1)</script>']) {
      const res = await publicMessage(branch.id, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toBe('body');
      expect(res.json().error.message).toMatch(/^body：|留言内容/);
    }
    expect(await messageCount()).toBe(before);
  });

  it('a bad phone number is refused naming the phone', async () => {
    const from = nextAddress();
    const res = await api(
      'POST',
      `/public/orgs/${branch.id}/messages`,
      { name: '周大爷', phone: '1234', body: '你好', ...solvedChallenge(env) },
      { from },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe('phone');
    expect(res.json().error.message).toContain('手机号');
  });

  it('a wrong answer, an expired question and a question used twice are refused, and nothing is saved', async () => {
    const before = await messageCount();
    const from = nextAddress();
    const send = (challenge: { challengeToken: string; challengeAnswer: string }) =>
      api(
        'POST',
        `/public/orgs/${branch.id}/messages`,
        { name: '周大爷', phone: '13912345678', body: '你好', ...challenge },
        { from },
      );
    const wrong = await send({ ...solvedChallenge(env), challengeAnswer: '12' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      details: [{ path: 'challengeAnswer', message: '验证题答案不正确' }],
    });

    const expired = await send(solvedChallenge(env, new Date(Date.now() - 11 * 60_000)));
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.details[0].path).toBe('challengeToken');
    expect(expired.json().error.message).toContain('已过期');
    expect(await messageCount()).toBe(before);

    const once = solvedChallenge(env);
    expect((await send(once)).statusCode).toBe(201);
    const again = await send(once);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('已经用过');
    expect(await messageCount()).toBe(before + 1);
  });

  it('a flood from one address is refused with 429 after ten messages in an hour, in words', async () => {
    const from = nextAddress();
    for (let i = 0; i < 10; i++)
      expect((await publicMessage(branch.id, `第${i + 1}条`, { from })).statusCode).toBe(201);
    const before = await messageCount();
    const flood = await publicMessage(branch.id, '第11条', { from });
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error).toMatchObject({ code: 'rate_limited' });
    expect(flood.json().error.message).toMatch(/^同一网络提交留言过于频繁，请 \d+ 分钟后再试$/);
    expect(await messageCount()).toBe(before);
    // another address is not held back
    expect((await publicMessage(branch.id, '另一个网络')).statusCode).toBe(201);
  });

  it('the secretary answers: the first reply fixes the answer time, a second one does not move it', async () => {
    const left = await publicMessage(branch.id, '想咨询入党申请书交给谁？', {
      now: '2026-03-02T10:00:00+08:00',
    });
    const id = left.json().id;
    const first = await api(
      'POST',
      `/messages/${id}/replies`,
      { body: '您好，交给所在党支部。' },
      {
        session: secretary,
        now: '2026-03-04T09:00:00+08:00',
      },
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'answered',
      firstAnsweredAt: new Date('2026-03-04T09:00:00+08:00').toISOString(),
      answeredInTime: true,
      replies: [{ byKind: 'org', byName: '留言测试村党支部', body: '您好，交给所在党支部。' }],
    });
    const second = await api(
      'POST',
      `/messages/${id}/replies`,
      { body: '补充：可以先电话联系。' },
      {
        session: secretary,
        now: '2026-03-20T09:00:00+08:00',
      },
    );
    expect(second.json().firstAnsweredAt).toBe(first.json().firstAnsweredAt);
    expect(second.json().replies).toHaveLength(2);
    const audit = await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'message' and target_id = $1 order by id",
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['message.left', 'message.replied', 'message.replied']);
  });

  it('another town’s admin cannot read or answer the message (403), and nothing is written', async () => {
    const id = (await publicMessage(branch.id, '垃圾清运不及时。')).json().id;
    const replies = await query(env, 'select id from message_replies where message_id = $1', [id]);
    const read = await api('GET', `/messages/${id}`, undefined, { session: town2Admin });
    expect(read.statusCode).toBe(403);
    const answer = await api(
      'POST',
      `/messages/${id}/replies`,
      { body: '越权答复' },
      { session: town2Admin },
    );
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.message).toContain('管理范围以外');
    expect(await query(env, 'select id from message_replies where message_id = $1', [id])).toEqual(replies);
    const [m] = await query<{ first_answered_at: Date | null }>(
      env,
      'select first_answered_at from messages where id = $1',
      [id],
    );
    expect(m.first_answered_at).toBeNull();
    // nor does it appear in their inbox
    const inbox = await api('GET', '/messages?pageSize=200', undefined, { session: town2Admin });
    expect(inbox.json().items.map((x: { id: string }) => x.id)).not.toContain(id);
  });
});

describe('the superior: overdue messages and the month’s counts per branch, from the records', () => {
  let branch: { id: number; path: string };
  let secretary: Session;

  beforeAll(async () => {
    branch = await makeOrg(env, town1, 'branch', '统计测试村党支部');
    const sec = await makeUser(env, { orgId: branch.id, role: 'secretary' });
    secretary = await login(env, sec.username);
  });

  it('answered in time, answered late, never answered: the town admin sees each counted and the overdue one listed', async () => {
    // three messages in April 2026 (none of its days off fall in these weeks)
    const inTime = (await publicMessage(branch.id, '一', { now: '2026-04-13T10:00:00+08:00' })).json();
    const late = (await publicMessage(branch.id, '二', { now: '2026-04-13T11:00:00+08:00' })).json();
    const open = (await publicMessage(branch.id, '三', { now: '2026-04-14T10:00:00+08:00' })).json();
    expect(new Date(inTime.dueAt)).toEqual(new Date('2026-04-20T23:59:59.999+08:00'));
    await api(
      'POST',
      `/messages/${inTime.id}/replies`,
      { body: '已处理' },
      { session: secretary, now: '2026-04-20T17:00:00+08:00' },
    );
    const lateReply = await api(
      'POST',
      `/messages/${late.id}/replies`,
      { body: '已处理' },
      {
        session: secretary,
        now: '2026-04-22T09:00:00+08:00',
      },
    );
    expect(lateReply.json().answeredInTime).toBe(false);

    const now = '2026-04-24T10:00:00+08:00';
    const overdue = await api('GET', `/messages/overdue?orgId=${branch.id}`, undefined, {
      session: townAdmin,
      now,
    });
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(overdue.json()).toMatchObject({
      total: 1,
      items: [{ id: open.id, orgName: '统计测试村党支部', overdue: true, daysOverdue: 3 }],
    });
    // the inbox's filters say the same
    const ids = async (filter: string) =>
      (
        await api('GET', `/messages?orgId=${branch.id}&filter=${filter}`, undefined, {
          session: secretary,
          now,
        })
      )
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await ids('overdue')).toEqual([open.id]);
    expect(await ids('unanswered')).toEqual([open.id]);
    expect((await ids('answered')).sort()).toEqual([inTime.id, late.id].sort());

    const counts = await api('GET', `/messages/counts?orgId=${town1}&month=2026-04`, undefined, {
      session: townAdmin,
      now,
    });
    expect(counts.statusCode, counts.body).toBe(200);
    const row = counts.json().children.find((c: { orgId: string }) => c.orgId === String(branch.id));
    expect(row).toEqual({
      orgId: String(branch.id),
      orgName: '统计测试村党支部',
      received: 3,
      answered: 2,
      answeredInTime: 1,
      overdue: 1,
    });
    expect(counts.json().total.received).toBeGreaterThanOrEqual(3);
    // the assessment reads the same figures through the module's public function
    expect(await monthlyCounts(env.database.db, branch.path, '2026-04')).toEqual([
      { orgId: branch.id, received: 3, answered: 2, answeredInTime: 1 },
    ]);
    // another town's admin counts their own town only
    const outside = await api('GET', `/messages/counts?orgId=${town1}`, undefined, { session: town2Admin });
    expect(outside.statusCode).toBe(403);
  });

  it('the department gives ten working days: a message from then on is due two weeks on', async () => {
    const set = await api(
      'PUT',
      '/settings/openness.messageAnswerDays',
      { value: 10 },
      { session: deptAdmin },
    );
    expect(set.statusCode, set.body).toBe(200);
    try {
      const res = await publicMessage(branch.id, '十个工作日', { now: '2026-03-02T10:00:00+08:00' });
      expect(res.json()).toMatchObject({ answerWithinDays: 10 });
      expect(new Date(res.json().dueAt)).toEqual(new Date('2026-03-16T23:59:59.999+08:00'));
    } finally {
      await api('PUT', '/settings/openness.messageAnswerDays', { value: 5 }, { session: deptAdmin });
    }
    // a calendar giving the same day off and worked is refused
    const bad = await api(
      'PUT',
      '/settings/openness.workingCalendar',
      { value: { daysOff: ['2026-10-10'], workdays: ['2026-10-10'] } },
      { session: deptAdmin },
    );
    expect(bad.statusCode).toBe(400);
  });
});

describe('a member leaves a message for their branch and follows the thread on their phone', () => {
  it('writes, reads the answer, follows up, and cannot write into a closed thread', async () => {
    const branch = await makeOrg(env, town1, 'branch', '党员留言测试党支部');
    const sec = await login(env, (await makeUser(env, { orgId: branch.id, role: 'secretary' })).username);
    const m = await makeMember(env, branch.id, { name: '孙丽' });
    const user = await makeUser(env, { orgId: branch.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [user.id, m.id]);
    const me = await login(env, user.username);

    const left = await api(
      'POST',
      `/orgs/${branch.id}/messages`,
      { body: '活动室晚上能否开放？' },
      { session: me },
    );
    expect(left.statusCode, left.body).toBe(201);
    expect(left.json()).toMatchObject({
      authorKind: 'member',
      authorName: '孙丽',
      phone: null,
      status: 'open',
    });
    const id = left.json().id;

    await api('POST', `/messages/${id}/replies`, { body: '可以，工作日晚上开放。' }, { session: sec });
    const mine = await api('GET', '/messages/mine', undefined, { session: me });
    expect(mine.json()).toMatchObject({
      total: 1,
      items: [
        { id, status: 'answered', can: { followUp: true, reply: false }, replies: [{ byKind: 'org' }] },
      ],
    });

    const follow = await api(
      'POST',
      `/messages/mine/${id}/follow-ups`,
      { body: '周末呢？' },
      { session: me },
    );
    expect(follow.json()).toMatchObject({
      status: 'open',
      replies: [{ byKind: 'org' }, { byKind: 'author', byName: '孙丽' }],
    });
    // another member cannot write into it
    const other = await login(env, (await makeUser(env, { orgId: branch.id, role: 'member' })).username);
    expect(
      (await api('POST', `/messages/mine/${id}/follow-ups`, { body: '插话' }, { session: other })).statusCode,
    ).toBe(404);

    const closed = await api('POST', `/messages/${id}/close`, { reason: '已当面答复' }, { session: sec });
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closeReason: '已当面答复',
      can: { reply: false, close: false },
    });
    const after = await api('POST', `/messages/mine/${id}/follow-ups`, { body: '还有问题' }, { session: me });
    expect(after.statusCode).toBe(409);
    expect(
      (await api('POST', `/messages/${id}/replies`, { body: '再答' }, { session: sec })).statusCode,
    ).toBe(409);
  });

  it('an account without a member record is told so', async () => {
    const lone = await login(env, (await makeUser(env, { orgId: town1, role: 'member' })).username);
    const res = await api('POST', `/orgs/${town1}/messages`, { body: '你好' }, { session: lone });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('no_member_record');
  });
});
