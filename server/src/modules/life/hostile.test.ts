import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import { CARD_PASSWORD, giveCard, multipartFile, PDF } from './activities/fixtures.ts';

/**
 * Hostile input for 组织生活 and 思想汇报 (issue 13): the same request twice at once, another branch's
 * or town's people mixed with one's own, ids that do not exist or are not ids. Given a branch of
 * 清河镇 with four members (two with phones, one with a study card), its secretary, a sibling branch
 * of 清河镇 and a branch of 石桥镇 with a member each. The clock is each request's X-Test-Now: the
 * meeting starts at T0, 2026-11-20 14:30 in Shanghai.
 */
const T0 = Date.parse('2026-11-20T06:30:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

let env: TestEnv;
let dataDir: string;
let branch: { id: number; path: string };
let secretary: Session;
let town: Session;
let town2: Session;
const members: number[] = [];
/** Two logins of the first member's account: the same person's two phones. */
let phone1: Session;
let phone2: Session;
let card: { cardNo: string; userId: number };
let cardPhone: Session; // the card holder's own account, signed in with its password
let sibling: number; // a member of another branch of 清河镇
let stranger: number; // a member of a branch of 石桥镇
let strangerSession: Session;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-life-hostile-'));
  env = await testEnv({ testClock: true, dataDir });
  const town1 = await orgId(env, '中共青山区清河镇委员会');
  const town2Id = await orgId(env, '中共青山区石桥镇委员会');
  branch = await makeOrg(env, town1, 'branch', '对抗测试党支部');
  secretary = await login(env, (await makeUser(env, { orgId: branch.id, role: 'secretary' })).username);
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  for (const name of ['王红', '李军', '张华', '刘芳'])
    members.push((await makeMember(env, branch.id, { name })).id);
  const u = await makeUser(env, { orgId: branch.id, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, members[0]]);
  phone1 = await login(env, u.username);
  phone2 = await login(env, u.username);
  card = await giveCard(env, members[1], branch.id);
  const [{ username }] = await query<{ username: string }>(env, 'select username from users where id = $1', [
    card.userId,
  ]);
  cardPhone = await login(env, username);
  sibling = (await makeMember(env, (await makeOrg(env, town1, 'branch', '对抗测试邻支部')).id)).id;
  const far = await makeMember(env, (await makeOrg(env, town2Id, 'branch', '石桥镇对抗测试党支部')).id, {
    status: 'probationary',
  });
  stranger = far.id;
  const su = await makeUser(env, { orgId: far.branchId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [su.id, stranger]);
  strangerSession = await login(env, su.username);
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const api = (
  s: Session,
  when: string,
  method: string,
  url: string,
  payload?: object | Buffer,
  headers = {},
) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': when, ...headers },
  });
const n = async (sql: string, params: unknown[] = []) => (await query<{ n: number }>(env, sql, params))[0].n;
const audits = (action: string, target: string | number) =>
  n('select count(*)::int as n from audit_log where action = $1 and target_id = $2', [
    action,
    String(target),
  ]);

const plan = (over: object = {}, s = secretary) =>
  api(s, at(-86_400), 'POST', '/activities', {
    orgId: String(branch.id),
    kind: 'party_day',
    topic: '对抗测试主题党日',
    place: '党员活动室',
    startsAt: at(0),
    endsAt: at(2 * 3600),
    ...over,
  });

let meeting: string;

describe('the same request twice at once', () => {
  beforeAll(async () => {
    const res = await plan();
    expect(res.statusCode, res.body).toBe(200);
    meeting = res.json().id;
  });

  it('a member signs in from two phones at once (QR): signed in once, the other phone told when', async () => {
    const { code } = (await api(secretary, at(5), 'GET', `/activities/${meeting}/qr`)).json();
    const [a, b] = await Promise.all([
      api(phone1, at(10), 'POST', `/activities/${meeting}/sign-in`, { code }),
      api(phone2, at(11), 'POST', `/activities/${meeting}/sign-in`, { code }),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect([a.json().already, b.json().already].sort()).toEqual([false, true]);
    expect(a.json().signedInAt).toBe(b.json().signedInAt);
    expect(
      await n(
        "select count(*)::int as n from audit_log where action = 'activity.signed_in' and target_id = $1 and after->>'memberId' = $2",
        [meeting, String(members[0])],
      ),
    ).toBe(1);
    expect(
      await n('select count(*)::int as n from activity_attendees where activity_id = $1 and member_id = $2', [
        meeting,
        members[0],
      ]),
    ).toBe(1);
  });

  it('a study card at two kiosks and the holder’s phone at once: signed in once, by whichever came first', async () => {
    const { code } = (await api(secretary, at(60), 'GET', `/activities/${meeting}/qr`)).json();
    const cardIn = () =>
      api(secretary, at(61), 'POST', `/activities/${meeting}/sign-in/card`, {
        cardNo: card.cardNo,
        password: CARD_PASSWORD,
      });
    const res = await Promise.all([
      cardIn(),
      cardIn(),
      api(cardPhone, at(61), 'POST', `/activities/${meeting}/sign-in`, { code }),
    ]);
    expect(
      res.map((r) => r.statusCode),
      res.map((r) => r.body).join(' '),
    ).toEqual([200, 200, 200]);
    expect(res.map((r) => r.json().already).filter((x) => !x)).toHaveLength(1);
    expect(new Set(res.map((r) => r.json().signedInAt)).size).toBe(1);
    expect(new Set(res.map((r) => r.json().method)).size).toBe(1);
    expect(
      await n(
        "select count(*)::int as n from audit_log where action = 'activity.signed_in' and target_id = $1 and after->>'memberId' = $2",
        [meeting, String(members[1])],
      ),
    ).toBe(1);
  });

  it('the roll call saved twice at once (one of them adds a member not on the list): recorded once', async () => {
    const small = (await plan({ topic: '点名测试', memberIds: [String(members[2])] })).json().id;
    const call = () =>
      api(secretary, at(600), 'POST', `/activities/${small}/roll-call`, {
        memberIds: [String(members[2]), String(members[3])],
      });
    const [a, b] = await Promise.all([call(), call()]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect(a.json().attendance).toEqual(b.json().attendance);
    expect(a.json().attendance).toMatchObject({ expected: 1, present: 2 });
    const rows = await query<{ member_id: string; method: string }>(
      env,
      'select member_id::text, method from activity_attendees where activity_id = $1 order by member_id',
      [small],
    );
    expect(rows).toEqual([
      { member_id: String(members[2]), method: 'roll_call' },
      { member_id: String(members[3]), method: 'roll_call' },
    ]);
    expect(await audits('activity.roll_call', small)).toBe(1);
  });

  it('a leave request sent twice at once: asked once, both answered the same', async () => {
    const later = (
      await plan({ topic: '请假测试', startsAt: at(7 * 86_400), endsAt: at(7 * 86_400 + 3600) })
    ).json().id;
    const ask = () =>
      api(phone1, at(3600), 'POST', `/activities/${later}/leave`, { reason: '外出务工，无法到场' });
    const [a, b] = await Promise.all([ask(), ask()]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(a.json()).toMatchObject({ leave: 'requested', leaveReason: '外出务工，无法到场' });
    expect(await audits('activity.leave_requested', later)).toBe(1);
    // asking again with another reason while undecided still replaces it (and is audited)
    const changed = await api(phone1, at(3700), 'POST', `/activities/${later}/leave`, { reason: '生病住院' });
    expect(changed.json()).toMatchObject({ leave: 'requested', leaveReason: '生病住院' });
    expect(await audits('activity.leave_requested', later)).toBe(2);
  });

  it('a thought report handed in twice at once (a double tap): one report, handed in once', async () => {
    const hand = () =>
      api(strangerSession, at(0), 'POST', '/me/thought-reports', {
        title: '第四季度思想汇报',
        body: '敬爱的党组织：本季度我认真学习了党章。',
      });
    const [a, b] = await Promise.all([hand(), hand()]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(a.json().submittedAt).toBe(b.json().submittedAt);
    expect(await n('select count(*)::int as n from thought_reports where member_id = $1', [stranger])).toBe(
      1,
    );
    expect(await audits('thought_report.handed_in', a.json().id)).toBe(1);
    expect(await audits('thought_report.replaced', a.json().id)).toBe(0);
  });

  it('…and with an attachment, sent twice at once: one report, one file kept', async () => {
    const w = await makeMember(env, branch.id, { status: 'activist' });
    const u = await makeUser(env, { orgId: branch.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [u.id, w.id]);
    const s = await login(env, u.username);
    const b = 'hyhostile';
    const payload = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="body"\r\n\r\n见附件\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="attachment"; filename="汇报.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const send = () =>
      api(s, at(0), 'POST', '/me/thought-reports', payload, {
        'content-type': `multipart/form-data; boundary=${b}`,
      });
    const files = () => {
      const dir = path.join(dataDir, 'files', 'thought-reports');
      return fs.existsSync(dir)
        ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.')).length
        : 0;
    };
    const before = files();
    const [x, y] = await Promise.all([send(), send()]);
    expect([x.statusCode, y.statusCode], `${x.body} ${y.body}`).toEqual([201, 201]);
    expect(x.json()).toEqual(y.json());
    expect(await n('select count(*)::int as n from thought_reports where member_id = $1', [w.id])).toBe(1);
    expect(await audits('thought_report.replaced', x.json().id)).toBe(0);
    expect(files()).toBe(before + 1);
  });

  it('a thought report reviewed twice at once: one review, one notice, the other refused in words', async () => {
    const [{ id }] = await query<{ id: string }>(env, 'select id from thought_reports where member_id = $1', [
      stranger,
    ]);
    const review = (comment: string) =>
      api(town2, at(3600), 'POST', `/thought-reports/${id}/review`, { comment });
    const [a, b] = await Promise.all([review('认识深刻，继续努力'), review('认识深刻，继续努力')]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().error.message).toBe('该思想汇报已审阅，不能再次审阅');
    expect(await audits('thought_report.reviewed', id)).toBe(1);
    expect(
      await n(
        "select count(*)::int as n from notices where kind = 'life.thought_report_reviewed' and source_id = $1",
        [id],
      ),
    ).toBe(1);
  });
});

describe("another branch's or town's people mixed with one's own: refused whole, naming the field", () => {
  it('an activity planned with a member of a sibling branch, or of another town, among the attendees', async () => {
    const before = {
      activities: await n('select count(*)::int as n from activities'),
      notices: await n('select count(*)::int as n from notices'),
    };
    for (const other of [sibling, stranger, 99_999_999_999]) {
      const res = await plan({ topic: '混入他人', memberIds: [String(members[0]), String(other)] });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toBe('memberIds');
      expect(res.json().error.message).toMatch(/^memberIds：有 1 名党员不属于对抗测试党支部/);
    }
    expect({
      activities: await n('select count(*)::int as n from activities'),
      notices: await n('select count(*)::int as n from notices'),
    }).toEqual(before);
  });

  it('the roll call naming members of another branch or town: refused, and the branch’s own are not marked', async () => {
    const fresh = (await plan({ topic: '点名混入' })).json().id;
    const before = await audits('activity.roll_call', fresh);
    for (const other of [sibling, stranger, 99_999_999_999]) {
      const res = await api(secretary, at(600), 'POST', `/activities/${fresh}/roll-call`, {
        memberIds: [String(members[2]), String(other)],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toBe('memberIds');
      expect(res.json().error.message).toContain('不属于本党支部');
    }
    expect(
      await n(
        'select count(*)::int as n from activity_attendees where activity_id = $1 and signed_in_at is not null',
        [fresh],
      ),
    ).toBe(0);
    expect(await n('select count(*)::int as n from activity_attendees where activity_id = $1', [fresh])).toBe(
      4,
    );
    expect(await audits('activity.roll_call', fresh)).toBe(before);
  });

  it('deciding the leave of someone not on the list is not found; another town’s admin is refused', async () => {
    const res = await api(
      secretary,
      at(600),
      'POST',
      `/activities/${meeting}/attendees/${stranger}/leave-decision`,
      { approve: true },
    );
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.message).toBe('参会党员不存在');
    const theirs = await api(town2, at(600), 'POST', `/activities/${meeting}/roll-call`, {
      memberIds: [String(members[3])],
    });
    expect(theirs.statusCode).toBe(403);
  });

  it('a thought report of another town: this town’s admin can neither read nor review it, nothing changes', async () => {
    const other = await makeUser(env, { orgId: branch.id, role: 'member' });
    const m = await makeMember(env, branch.id, { status: 'activist' });
    await query(env, 'update members set user_id = $1 where id = $2', [other.id, m.id]);
    const s = await login(env, other.username);
    const mine = await api(s, at(0), 'POST', '/me/thought-reports', { body: '本月汇报' });
    expect(mine.statusCode, mine.body).toBe(201);
    const id = mine.json().id;
    const res = await api(town2, at(60), 'POST', `/thought-reports/${id}/review`, { comment: '越权审阅' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不在您的管理范围内');
    expect(await audits('thought_report.reviewed', id)).toBe(0);
    const [row] = await query<{ reviewed_at: Date | null }>(
      env,
      'select reviewed_at from thought_reports where id = $1',
      [id],
    );
    expect(row.reviewed_at).toBeNull();
  });
});

describe('ids that do not exist, or are not ids: 404 or 400, never 500', () => {
  const missing = ['99999999999', '9007199254740991'];
  const malformed = [
    'abc',
    '0',
    '-5',
    '1.5',
    '9007199254740993',
    '9223372036854775807',
    '99999999999999999999',
  ];
  const routes = (id: string): [Session, string, string, object?][] => [
    [secretary, 'GET', `/activities/${id}`],
    [secretary, 'POST', `/activities/${id}/cancel`, { reason: '天气原因' }],
    [secretary, 'GET', `/activities/${id}/qr`],
    [phone1, 'POST', `/activities/${id}/sign-in`, { code: 'x' }],
    [secretary, 'POST', `/activities/${id}/sign-in/card`, { cardNo: card.cardNo, password: CARD_PASSWORD }],
    [secretary, 'POST', `/activities/${id}/roll-call`, { memberIds: [String(members[0])] }],
    [secretary, 'PUT', `/activities/${id}/sign-in-state`, { open: false }],
    [phone1, 'POST', `/activities/${id}/leave`, { reason: '有事' }],
    [secretary, 'POST', `/activities/${id}/attendees/${members[0]}/leave-decision`, { approve: true }],
    [secretary, 'PUT', `/activities/${id}/minutes`, { host: '王红', recorder: '李军', minutes: '记录' }],
    [secretary, 'GET', `/activities/${id}/record.docx`],
    [secretary, 'GET', `/activities/${id}/files/1`],
    [secretary, 'DELETE', `/activities/${id}/files/1`],
    [town, 'GET', `/thought-reports/${id}`],
    [town, 'GET', `/thought-reports/${id}/attachment`],
    [town, 'POST', `/thought-reports/${id}/review`, { comment: '已阅' }],
    [strangerSession, 'GET', `/me/thought-reports/${id}/attachment`],
  ];

  it('every activity and thought-report route with an id', async () => {
    for (const id of missing)
      for (const [s, method, url, body] of routes(id)) {
        const res = await api(s, at(600), method, url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
        expect(res.json().error.message, `${method} ${url}`).toMatch(/不存在$|尚未关联/);
      }
    for (const id of malformed)
      for (const [s, method, url, body] of routes(id)) {
        const res = await api(s, at(600), method, url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
        expect(res.json().error.message, `${method} ${url}`).toContain('编号格式不正确');
      }
  });

  it('the second id of a route: a file or an attendee that is not there', async () => {
    for (const id of [...missing, 'abc', '9223372036854775807']) {
      for (const [method, url, body] of [
        ['GET', `/activities/${meeting}/files/${id}`],
        ['DELETE', `/activities/${meeting}/files/${id}`],
        ['POST', `/activities/${meeting}/attendees/${id}/leave-decision`, { approve: false }],
      ] as [string, string, object?][]) {
        const res = await api(secretary, at(600), method, url, body);
        expect([400, 404], `${method} ${url}: ${res.body}`).toContain(res.statusCode);
      }
    }
  });

  it('an upload to an activity that does not exist', async () => {
    const { payload, headers } = multipartFile(PDF, '材料.pdf', 'application/pdf');
    const res = await api(
      secretary,
      at(600),
      'POST',
      '/activities/99999999999/files?kind=attachment',
      payload,
      headers,
    );
    expect(res.statusCode, res.body).toBe(404);
  });

  it('org ids in queries and bodies', async () => {
    for (const url of [
      '/activities?orgId=99999999999',
      '/activities/due?orgId=99999999999',
      '/activities/monthly?orgId=99999999999',
      '/thought-reports?orgId=99999999999',
      '/thought-reports/due?orgId=99999999999',
      '/thought-reports/monthly?orgId=99999999999',
      '/thought-reports/frequency?orgId=99999999999',
    ]) {
      const res = await api(town, at(600), 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
      const bad = await api(town, at(600), 'GET', url.replace('99999999999', '9223372036854775807'));
      expect(bad.statusCode, `${url}: ${bad.body}`).toBe(400);
    }
    const nowhere = await plan({ orgId: '99999999999' });
    expect(nowhere.statusCode, nowhere.body).toBe(404);
    const freq = await api(town, at(600), 'PUT', '/thought-reports/frequency', {
      orgId: '99999999999',
      frequency: 'monthly',
    });
    expect(freq.statusCode, freq.body).toBe(404);
  });
});
