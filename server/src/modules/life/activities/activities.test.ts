import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { activityMonthlyCounts } from '../index.ts';
import { CARD_PASSWORD, giveCard, multipartFile, PDF } from './fixtures.ts';
import { qrCode } from './rules.ts';

/**
 * 组织生活 end to end through the API: a branch of 清河镇 with five members, its secretary, two
 * members with their phones and one with a study card; the town admins of 清河镇 and 石桥镇. The
 * clock is each request's X-Test-Now: the committee meeting starts at T0, 2026-11-20 14:30 in
 * Shanghai (a 30-second step boundary, so "40 seconds after the code appeared" is T0 + 40 s).
 */
const T0 = Date.parse('2026-11-20T06:30:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

let env: TestEnv;
let dataDir: string;
let branch: { id: number; path: string };
let secretary: Session;
let town: Session;
let town2: Session;
let phoneA: Session;
let phoneB: Session;
let outsider: Session; // a member of a branch of 石桥镇
const members: number[] = [];
let card: { cardNo: string };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-activities-'));
  env = await testEnv({ testClock: true, dataDir });
  const town1 = await orgId(env, '中共青山区清河镇委员会');
  branch = await makeOrg(env, town1, 'branch', '组织生活测试党支部');
  const sec = await makeUser(env, { orgId: branch.id, role: 'secretary' });
  secretary = await login(env, sec.username);
  town = await login(env, 'town_admin');
  town2 = await login(env, 'town2_admin');
  const names = ['王建军', '李秀英', '张国强', '刘桂兰', '陈志刚'];
  for (const name of names) members.push((await makeMember(env, branch.id, { name })).id);
  const phone = async (memberId: number) => {
    const u = await makeUser(env, { orgId: branch.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [u.id, memberId]);
    return login(env, u.username);
  };
  phoneA = await phone(members[0]);
  phoneB = await phone(members[1]);
  card = await giveCard(env, members[2], branch.id);
  const other = await makeMember(env, await orgId(env, '中共青山区石桥镇委员会'));
  const u = await makeUser(env, { orgId: other.branchId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, other.id]);
  outsider = await login(env, u.username);
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const api = (
  s: Session | null,
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
    headers: { ...(s?.headers ?? {}), 'x-test-now': when, ...headers },
  });

type Activity = {
  id: string;
  status: string;
  signInOpen: boolean;
  attendees: {
    memberId: string;
    name: string;
    signedInAt: string | null;
    method: string | null;
    leave: string | null;
  }[];
  attendance: { expected: number; present: number; leave: number; absent: number; rate: number | null };
  files: { id: string; kind: string; name: string }[];
  minutes: string | null;
};

const plan = (s: Session, over: object = {}, when = at(-86_400)) =>
  api(s, when, 'POST', '/activities', {
    orgId: String(branch.id),
    kind: 'committee_meeting',
    topic: '研究11月党建重点工作',
    place: '村委会会议室',
    startsAt: at(0),
    endsAt: at(90 * 60),
    ...over,
  });

const upload = (kind: string, activityId: string, body: Buffer, name: string, type: string) => {
  const { payload, headers } = multipartFile(body, name, type);
  return api(secretary, at(7300), 'POST', `/activities/${activityId}/files?kind=${kind}`, payload, headers);
};

const count = async (table: string) =>
  Number((await query<{ n: string }>(env, `select count(*) as n from ${table}`))[0].n);
const attendeeRow = async (activityId: string, memberId: number) =>
  (
    await query<{ signed_in_at: Date | null; method: string | null; leave: string | null }>(
      env,
      'select signed_in_at, method, leave from activity_attendees where activity_id = $1 and member_id = $2',
      [activityId, memberId],
    )
  )[0];

let meeting: Activity;
let code: string;

describe('a secretary plans a committee meeting', () => {
  it('every member of the branch is on the list, and each is sent a notice (one per activity)', async () => {
    const res = await plan(secretary);
    expect(res.statusCode, res.body).toBe(200);
    meeting = res.json();
    expect(meeting.status).toBe('planned');
    expect(meeting.attendees.map((a) => a.name).sort()).toEqual(
      ['刘桂兰', '张国强', '李秀英', '王建军', '陈志刚'].sort(),
    );
    expect(meeting.attendance).toEqual({ expected: 5, present: 0, leave: 0, absent: 5, rate: 0 });
    expect(JSON.stringify(meeting)).not.toContain('secret');
    const [n] = await query<{ title: string; link: string; receipts: string }>(
      env,
      `select n.title, n.link, (select count(*) from notice_receipts r where r.notice_id = n.id) as receipts
         from notices n where n.kind = 'life.activity' and n.source_type = 'activity' and n.source_id = $1`,
      [meeting.id],
    );
    expect(n.title).toBe('支部委员会通知：研究11月党建重点工作');
    expect(Number(n.receipts)).toBe(5);
    const [audit] = await query<{ n: string }>(
      env,
      "select count(*) as n from audit_log where action = 'activity.planned' and target_id = $1",
      [meeting.id],
    );
    expect(Number(audit.n)).toBe(1);
  });

  it('bad input is refused naming the field, and nothing is saved: an end before the start', async () => {
    const before = await count('activities');
    const res = await plan(secretary, { endsAt: at(-60) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('endsAt');
    expect(res.json().error.message).toContain('结束时间须晚于开始时间');
    expect(await count('activities')).toBe(before);
  });

  it('a member of another branch on the list is refused naming memberIds', async () => {
    const stranger = await makeMember(env, await orgId(env, '中共青山区石桥镇委员会'));
    const res = await plan(secretary, { memberIds: [String(members[0]), String(stranger.id)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('memberIds');
  });

  it('the admin of another town cannot plan for this branch, nor read or minute its meetings (403)', async () => {
    expect((await plan(town2)).statusCode).toBe(403);
    expect((await api(town2, at(0), 'GET', `/activities/${meeting.id}`)).statusCode).toBe(403);
    const minutes = await api(town2, at(7200), 'PUT', `/activities/${meeting.id}/minutes`, {
      host: '张志强',
      recorder: '张志强',
      minutes: '越权记录',
    });
    expect(minutes.statusCode).toBe(403);
    const list = await api(town2, at(0), 'GET', `/activities?orgId=${branch.id}`);
    expect(list.statusCode).toBe(403);
  });
});

describe('signing in with the rotating QR code', () => {
  it('the screen shows a code for the current 30 seconds, opening /m/activities/:id/sign', async () => {
    const res = await api(secretary, at(5), 'GET', `/activities/${meeting.id}/qr`);
    expect(res.statusCode, res.body).toBe(200);
    const qr = res.json();
    expect(qr.validFrom).toBe(at(0));
    expect(qr.nextAt).toBe(at(30));
    expect(qr.graceSeconds).toBe(10);
    expect(qr.path).toBe(`/m/activities/${meeting.id}/sign?c=${encodeURIComponent(qr.code)}`);
    code = qr.code;
  });

  it('a member scans it with their phone and is signed in', async () => {
    const res = await api(phoneA, at(10), 'POST', `/activities/${meeting.id}/sign-in`, { code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      memberName: '王建军',
      method: 'qr',
      already: false,
      signedInAt: at(10),
    });
  });

  it('signing in twice answers "already signed in" with the first time, and writes no second row', async () => {
    const audits = await count('audit_log');
    const res = await api(phoneA, at(20), 'POST', `/activities/${meeting.id}/sign-in`, { code });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ already: true, signedInAt: at(10) });
    expect(await count('audit_log')).toBe(audits);
    const rows = await query(
      env,
      'select 1 from activity_attendees where activity_id = $1 and member_id = $2',
      [meeting.id, members[0]],
    );
    expect(rows).toHaveLength(1);
  });

  it('a second phone with the code 40 seconds after it appeared is refused: expired', async () => {
    const res = await api(phoneB, at(40), 'POST', `/activities/${meeting.id}/sign-in`, { code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('qr_expired');
    expect(res.json().error.message).toContain('二维码已过期');
    expect((await attendeeRow(meeting.id, members[1])).signed_in_at).toBeNull();
  });

  it('a made-up code is refused naming code', async () => {
    const res = await api(phoneB, at(15), 'POST', `/activities/${meeting.id}/sign-in`, {
      code: `${meeting.id}.${Math.floor(T0 / 30_000)}.AAAAAAAAAAAAAAAAAAAAAA`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('code');
  });

  it('…while the same code 39 seconds after works (its step and the grace)', async () => {
    const res = await api(phoneB, at(39), 'POST', `/activities/${meeting.id}/sign-in`, { code });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("a member of another branch is refused with a clear message (not this organization's activity)", async () => {
    const res = await api(outsider, at(12), 'POST', `/activities/${meeting.id}/sign-in`, { code });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('其他党组织的活动');
  });

  it('a member of the branch who is not on the list is refused: not an attendee', async () => {
    const res0 = await plan(secretary, { memberIds: [String(members[4])], topic: '小范围会议' });
    const small: Activity = res0.json();
    const qr = (await api(secretary, at(5), 'GET', `/activities/${small.id}/qr`)).json();
    const res = await api(phoneA, at(10), 'POST', `/activities/${small.id}/sign-in`, { code: qr.code });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('not_attendee');
  });

  it('a study card at the kiosk signs its holder in; a wrong password is refused naming password', async () => {
    const wrong = await api(secretary, at(60), 'POST', `/activities/${meeting.id}/sign-in/card`, {
      cardNo: card.cardNo,
      password: '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('password');
    expect((await attendeeRow(meeting.id, members[2])).signed_in_at).toBeNull();
    const ok = await api(secretary, at(61), 'POST', `/activities/${meeting.id}/sign-in/card`, {
      cardNo: card.cardNo,
      password: CARD_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ memberName: '张国强', method: 'card' });
  });

  it('after the secretary closed sign-in, a code is refused: closed', async () => {
    const closed = await api(secretary, at(3000), 'PUT', `/activities/${meeting.id}/sign-in-state`, {
      open: false,
    });
    expect(closed.json().signInOpen).toBe(false);
    const res = await api(secretary, at(3000), 'GET', `/activities/${meeting.id}/qr`);
    expect(res.statusCode).toBe(409);
    const u = await makeUser(env, { orgId: branch.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [u.id, members[3]]);
    const phoneD = await login(env, u.username);
    const [{ secret }] = await query<{ secret: string }>(env, 'select secret from activities where id = $1', [
      meeting.id,
    ]);
    const fresh = qrCode(secret, Number(meeting.id), Math.floor((T0 / 1000 + 3000) / 30));
    const refused = await api(phoneD, at(3001), 'POST', `/activities/${meeting.id}/sign-in`, { code: fresh });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('sign_in_closed');
  });

  it('the roll call records those without a phone, even after sign-in closed', async () => {
    const res = await api(secretary, at(3100), 'POST', `/activities/${meeting.id}/roll-call`, {
      memberIds: [String(members[3])],
    });
    expect(res.statusCode, res.body).toBe(200);
    const a: Activity = res.json();
    expect(a.attendees.find((p) => p.memberId === String(members[3]))?.method).toBe('roll_call');
    expect(a.attendance).toMatchObject({ expected: 5, present: 4, absent: 1 });
  });
});

describe('leave, minutes with photos, the record sheet', () => {
  let day: Activity;

  it('a member asks for leave for the next Party day; the secretary approves; approved leave is not an absence', async () => {
    day = (
      await plan(secretary, {
        kind: 'party_day',
        topic: '重温入党誓词',
        startsAt: at(86_400 * 7),
        endsAt: at(86_400 * 7 + 7200),
      })
    ).json();
    const ask = await api(phoneB, at(3600), 'POST', `/activities/${day.id}/leave`, {
      reason: '外出务工，无法到场',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    expect(ask.json()).toMatchObject({ leave: 'requested', leaveReason: '外出务工，无法到场' });
    const decided = await api(
      secretary,
      at(3700),
      'POST',
      `/activities/${day.id}/attendees/${members[1]}/leave-decision`,
      {
        approve: true,
      },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    expect(
      decided.json().attendees.find((p: { memberId: string }) => p.memberId === String(members[1])).leave,
    ).toBe('approved');
    const again = await api(phoneB, at(3800), 'POST', `/activities/${day.id}/leave`, { reason: '改个理由' });
    expect(again.statusCode).toBe(409);
    // the member app lists it as upcoming with the leave approved
    const mine = (await api(phoneB, at(3900), 'GET', '/activities/mine?when=upcoming')).json();
    expect(mine.items.find((m: { id: string }) => m.id === day.id)).toMatchObject({
      leave: 'approved',
      can: { askLeave: false },
    });
  });

  it('minutes cannot be written before the meeting starts', async () => {
    const res = await api(secretary, at(86_400), 'PUT', `/activities/${day.id}/minutes`, {
      host: '王建军',
      recorder: '李秀英',
      minutes: '提前写好的记录',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('activity_not_started');
  });

  it('the secretary writes the minutes: the meeting is held; markup in them stays text', async () => {
    const res = await api(secretary, at(7200), 'PUT', `/activities/${meeting.id}/minutes`, {
      host: '王建军',
      recorder: '李秀英',
      minutes: '一、传达学习上级精神。\n二、研究部署11月工作。<script>alert(1)</script>',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'held', host: '王建军' });
    expect(res.json().minutes).toContain('<script>alert(1)</script>');
  });

  it('a photo is taken from its bytes; an executable renamed .jpg and a 12 MB picture are refused', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c8102e' } })
      .png()
      .toBuffer();
    const ok = await upload('photo', meeting.id, png, '会场.png', 'image/png');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().files).toMatchObject([{ kind: 'photo', name: '会场.png' }]);

    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2000)]);
    for (const kind of ['photo', 'attachment']) {
      const res = await upload(kind, meeting.id, exe, '照片.jpg', 'image/jpeg');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('file');
    }
    const big = Buffer.concat([png, Buffer.alloc(12 * 1024 * 1024)]);
    const huge = await upload('photo', meeting.id, big, '大图.png', 'image/png');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('10 MB');
    const pdf = await upload('attachment', meeting.id, PDF, '会议材料.pdf', 'application/pdf');
    expect(pdf.json().files).toHaveLength(2);
  });

  it('the record sheet (.docx) carries the time, place, kind, topic, host, recorder, who came, the minutes and the photo', async () => {
    const res = await api(secretary, at(7400), 'GET', `/activities/${meeting.id}/record.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const xml = new TextDecoder().decode(zip['word/document.xml']);
    const text = xml.replace(/<[^>]+>/g, '');
    for (const want of [
      '会议记录',
      '支部委员会',
      '研究11月党建重点工作',
      '村委会会议室',
      '王建军',
      '李秀英',
      '张国强',
      '出勤率',
      '研究部署11月工作',
    ])
      expect(text).toContain(want);
    expect(text).toContain('缺席人员陈志刚');
    expect(xml).toContain('&lt;script&gt;');
    expect(Object.keys(zip).some((k) => k.startsWith('word/media/'))).toBe(true);
  });
});

describe('what the superior sees: due and overdue, and the month counted from records', () => {
  it('the branch held its committee meeting in November: not due; the Party day is still due this month', async () => {
    const res = await api(town, at(86_400), 'GET', `/activities/due?orgId=${branch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    const b = list.items[0];
    const kind = (k: string) => b.kinds.find((x: { kind: string }) => x.kind === k);
    expect(kind('committee_meeting')).toMatchObject({
      period: '2026-11',
      heldThisPeriod: 1,
      due: false,
      overduePeriod: '2026-10',
    });
    expect(kind('party_day')).toMatchObject({ due: true, dueBy: '2026-11-30' });
    expect(kind('general_meeting')).toMatchObject({ period: '2026-Q4', overduePeriod: '2026-Q3' });
    expect(list.summary.find((s: { kind: string }) => s.kind === 'committee_meeting')).toEqual({
      kind: 'committee_meeting',
      met: 1,
      due: 0,
      overdue: 1,
    });
  });

  it('in December the November meeting counts for last month: not overdue, due again', async () => {
    const res = await api(town, '2026-12-05T02:00:00Z', 'GET', `/activities/due?orgId=${branch.id}`);
    const kinds = res.json().items[0].kinds;
    expect(kinds.find((x: { kind: string }) => x.kind === 'committee_meeting')).toMatchObject({
      period: '2026-12',
      due: true,
      overduePeriod: null,
      lastHeldOn: '2026-11-20',
    });
  });

  it('monthlyCounts: one committee meeting held in November, attendance 4 of 5', async () => {
    const rows = await activityMonthlyCounts(env.database.db, branch.path, '2026-11');
    expect(rows).toEqual([
      {
        orgId: String(branch.id),
        orgName: '组织生活测试党支部',
        held: { committee_meeting: 1 },
        heldTotal: 1,
        expected: 5,
        present: 4,
        leave: 0,
        rate: 4 / 5,
      },
    ]);
    const none = await activityMonthlyCounts(env.database.db, branch.path, '2026-10');
    expect(none).toEqual([]);
  });

  it("the town admin's monthly view has the branch's row; another town's admin is refused", async () => {
    const town1 = await orgId(env, '中共青山区清河镇委员会');
    const res = await api(town, at(86_400), 'GET', `/activities/monthly?orgId=${town1}&month=2026-11`);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().items.find((r: { orgId: string }) => r.orgId === String(branch.id));
    expect(row).toMatchObject({ heldTotal: 1, present: 4, rate: 0.8 });
    expect((await api(town2, at(86_400), 'GET', `/activities/monthly?orgId=${town1}`)).statusCode).toBe(403);
  });
});
