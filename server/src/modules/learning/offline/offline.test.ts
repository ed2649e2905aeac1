import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { jpeg, multipartFile } from './fixtures.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-11-20T10:00:00+08:00';
const YEAR = 2026;

let env: TestEnv;
let secretary: Session;
let town: Session;
let town2: Session;
let dept: Session;
let branch: number;
let town1: number;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  [secretary, town, town2, dept] = await Promise.all(
    ['secretary', 'town_admin', 'town2_admin', 'admin'].map((u) => login(env, u)),
  );
  town1 = await orgId(env, '中共青山区清河镇委员会');
  [{ org_id: branch }] = await query<{ org_id: number }>(
    env,
    "select g.org_id from role_grants g join users u on u.id = g.user_id where u.username = 'secretary'",
  );
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(NOW).toISOString() },
  });

/** Each member's offline seconds of the year, as the requirement reads them. */
async function offlineSeconds(ids: string[]) {
  const rows = await query<{ member_id: string; s: number }>(
    env,
    'select member_id, offline_seconds as s from study_years where year = $1 and member_id = any($2::int8[])',
    [YEAR, ids],
  );
  return Object.fromEntries(ids.map((id) => [id, rows.find((r) => String(r.member_id) === id)?.s ?? 0]));
}

const audits = async (id: string) =>
  (
    await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'offline_study' and target_id = $1 order by id",
      [id],
    )
  ).map((r) => r.action);

const session = (memberIds: string[], over: object = {}) => ({
  orgId: String(branch),
  topic: '集中学习党的二十届四中全会精神',
  studiedOn: '2026-11-18',
  minutes: 90,
  place: '村党员活动室',
  memberIds,
  ...over,
});

describe('a branch records offline study and the town approves it (组织认定 + 网络登记)', () => {
  it('recorded, returned with a reason, fixed, resubmitted, approved: only then the hours count', async () => {
    const people = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json();
    expect(people.items.length).toBeGreaterThanOrEqual(2);
    const [a, b] = people.items.map((p: { memberId: string }) => p.memberId);
    const before = await offlineSeconds([a, b]);

    // the secretary records it and submits it at once: it goes to the town, the org above with an admin
    const made = await api(secretary, 'POST', '/offline-studies', session([a, b], { submit: true }));
    expect(made.statusCode, made.body).toBe(201);
    const s = made.json();
    expect(s).toMatchObject({
      state: 'submitted',
      minutes: 90,
      classHours: 2,
      attendeeCount: 2,
      submissions: 1,
    });
    expect(s.approverOrg).toEqual({ id: String(town1), name: '中共青山区清河镇委员会' });
    expect(s.can).toMatchObject({ edit: false, approve: false });
    expect(await offlineSeconds([a, b]), 'nothing counts before approval').toEqual(before);

    // it waits in the town's list to approve, and the secretary cannot approve it
    const waiting = (await api(town, 'GET', `/offline-studies?box=approve&pageSize=200`)).json();
    expect(waiting.items.find((x: { id: string }) => x.id === s.id)?.can.approve).toBe(true);
    expect((await api(secretary, 'POST', `/offline-studies/${s.id}/approve`)).statusCode).toBe(403);

    // returned with a reason: the branch reads it among those to fix
    const returned = await api(town, 'POST', `/offline-studies/${s.id}/return`, {
      reason: '请补充签到表照片',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ state: 'returned', returnReason: '请补充签到表照片' });
    const mine = (await api(secretary, 'GET', '/offline-studies?box=mine&pageSize=200')).json();
    const fix = mine.items.find((x: { id: string }) => x.id === s.id);
    expect(fix).toMatchObject({ state: 'returned', returnReason: '请补充签到表照片', can: { edit: true } });
    expect(await offlineSeconds([a, b])).toEqual(before);

    // fixed (a photo, the right length) and submitted again
    const picture = multipartFile(await jpeg());
    const photo = await env.app.inject({
      method: 'POST',
      url: `/api/v1/offline-studies/${s.id}/photos`,
      payload: picture.payload,
      headers: { ...secretary.headers, ...picture.headers },
    });
    expect(photo.statusCode, photo.body).toBe(200);
    expect(photo.json().photos).toHaveLength(1);
    const again = await api(secretary, 'PATCH', `/offline-studies/${s.id}`, {
      ...session([a, b], { minutes: 120, submit: true }),
      orgId: undefined,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      state: 'submitted',
      minutes: 120,
      submissions: 2,
      returnReason: null,
    });

    // approved: each attendee is credited the minutes, once
    const approved = await api(town, 'POST', `/offline-studies/${s.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const view = approved.json();
    expect(view.state).toBe('approved');
    expect(view.history.map((h: { action: string }) => h.action)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    expect(view.history[1].reason).toBe('请补充签到表照片');
    expect(await offlineSeconds([a, b])).toEqual({ [a]: before[a] + 7200, [b]: before[b] + 7200 });

    // decided once: no second approval, no edit, no new photo
    const twice = await api(town, 'POST', `/offline-studies/${s.id}/approve`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('该线下学习已审批通过，不能再次审批');
    expect(
      (await api(secretary, 'PATCH', `/offline-studies/${s.id}`, { ...session([a]), orgId: undefined }))
        .statusCode,
    ).toBe(409);
    expect(await offlineSeconds([a, b])).toEqual({ [a]: before[a] + 7200, [b]: before[b] + 7200 });
    expect(await audits(s.id)).toEqual([
      'offline_study.recorded',
      'offline_study.submitted',
      'offline_study.returned',
      'offline_study.photo_added',
      'offline_study.edited',
      'offline_study.submitted',
      'offline_study.approved',
    ]);
  });

  it('the photo is served to the approver, re-encoded as a JPEG; a file that is not a picture is refused', async () => {
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const s = (await api(secretary, 'POST', '/offline-studies', session([m.memberId]))).json();
    const f = multipartFile(await jpeg());
    const up = await env.app.inject({
      method: 'POST',
      url: `/api/v1/offline-studies/${s.id}/photos`,
      payload: f.payload,
      headers: { ...secretary.headers, ...f.headers },
    });
    const photoId = up.json().photos[0].id;
    const got = await api(town, 'GET', `/offline-studies/${s.id}/photos/${photoId}?size=thumb`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    const exe = multipartFile(Buffer.from('MZ\x90\x00 not a picture'), 'photo.jpg');
    const bad = await env.app.inject({
      method: 'POST',
      url: `/api/v1/offline-studies/${s.id}/photos`,
      payload: exe.payload,
      headers: { ...secretary.headers, ...exe.headers },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('file');
  });
});

describe('the notices', () => {
  it('a submission reaches the accounts of the town that are members; a return reaches the branch’s secretary', async () => {
    // an admin of the town whose account is a member's (a town's organisation officer, say)
    const officer = await makeUser(env, { orgId: town1, role: 'org_admin' });
    const townMember = await makeMember(env, town1);
    await query(env, 'update members set user_id = $1 where id = $2', [officer.id, townMember.id]);
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const s = (
      await api(secretary, 'POST', '/offline-studies', session([m.memberId], { submit: true }))
    ).json();
    const received = (kind: string) =>
      query<{ member_id: string; title: string; link: string }>(
        env,
        `select r.member_id, n.title, n.link from notices n join notice_receipts r on r.notice_id = n.id
          where n.kind = $1 and n.source_id like $2 || '-%' order by r.member_id`,
        [kind, s.id],
      );
    const pending = await received('learning.offline_pending');
    expect(pending.map((r) => Number(r.member_id))).toEqual([townMember.id]);
    expect(pending[0].title).toContain('请审批');
    expect(pending[0].link).toBe(`/offline-studies?box=approve&id=${s.id}`);
    await api(town, 'POST', `/offline-studies/${s.id}/return`, { reason: '请补充学习内容摘要' });
    const [{ id: secretaryMember }] = await query<{ id: string }>(
      env,
      "select m.id from members m join users u on u.id = m.user_id where u.username = 'secretary'",
    );
    const decided = await received('learning.offline_decided');
    expect(decided.map((r) => String(r.member_id))).toEqual([String(secretaryMember)]);
    expect(decided[0].title).toContain('被退回');
  });
});

describe('what is refused, and nothing written', () => {
  it('a member of another branch named as attending: 400 naming memberIds', async () => {
    const stranger = await makeMember(env, await orgId(env, '中共青山区石桥镇委员会'));
    const [{ n: before }] = await query<{ n: number }>(env, 'select count(*)::int as n from offline_studies');
    const res = await api(secretary, 'POST', '/offline-studies', session([String(stranger.id)]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('memberIds');
    expect(res.json().error.message).toContain('不属于');
    const [{ n: after }] = await query<{ n: number }>(env, 'select count(*)::int as n from offline_studies');
    expect(after).toBe(before);
  });

  it('a day in the future, or no attendee: 400 naming the field', async () => {
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const future = await api(
      secretary,
      'POST',
      '/offline-studies',
      session([m.memberId], { studiedOn: '2026-11-21' }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('studiedOn');
    const nobody = await api(secretary, 'POST', '/offline-studies', session([]));
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.details[0].path).toBe('memberIds');
  });

  it('the branch’s own admin cannot approve it; another town’s admin can neither approve nor read it', async () => {
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const s = (
      await api(secretary, 'POST', '/offline-studies', session([m.memberId], { submit: true }))
    ).json();
    const own = await makeUser(env, { orgId: branch, role: 'org_admin' });
    const ownAdmin = await login(env, own.username);
    const refused = await api(ownAdmin, 'POST', `/offline-studies/${s.id}/approve`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('上级党组织审批');
    expect((await api(ownAdmin, 'GET', '/offline-studies?box=approve')).json().items).toEqual([]);
    expect((await api(town2, 'POST', `/offline-studies/${s.id}/approve`)).statusCode).toBe(403);
    expect((await api(town2, 'GET', `/offline-studies/${s.id}`)).statusCode).toBe(403);
    expect(
      (await api(town2, 'GET', '/offline-studies?box=approve&pageSize=200'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).not.toContain(s.id);
    const [{ state }] = await query<{ state: string }>(
      env,
      'select state from offline_studies where id = $1',
      [s.id],
    );
    expect(state).toBe('submitted');
  });

  it('a town admin who recorded and submitted a branch’s session cannot approve it; the department can', async () => {
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const s = (await api(town, 'POST', '/offline-studies', session([m.memberId], { submit: true }))).json();
    expect(s.can.approve).toBe(false);
    const own = await api(town, 'POST', `/offline-studies/${s.id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('不能审批本人报送的线下学习');
    expect((await api(dept, 'POST', `/offline-studies/${s.id}/approve`)).statusCode).toBe(200);
  });

  it('a draft is removed; one submitted is not', async () => {
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const draft = (await api(secretary, 'POST', '/offline-studies', session([m.memberId]))).json();
    expect(draft.state).toBe('draft');
    const sent = (
      await api(secretary, 'POST', '/offline-studies', session([m.memberId], { submit: true }))
    ).json();
    expect((await api(secretary, 'DELETE', `/offline-studies/${sent.id}`)).statusCode).toBe(409);
    expect((await api(secretary, 'DELETE', `/offline-studies/${draft.id}`)).statusCode).toBe(200);
    expect((await api(secretary, 'GET', `/offline-studies/${draft.id}`)).statusCode).toBe(404);
  });
});

describe('two approvers at once', () => {
  it('one approves, the other is told it is decided (409), and the hours are credited once', async () => {
    const sub = await makeOrg(env, town1, 'branch');
    const [m1, m2] = [await makeMember(env, sub.id), await makeMember(env, sub.id)];
    const ids = [String(m1.id), String(m2.id)];
    for (let round = 0; round < 3; round++) {
      const s = (
        await api(town, 'POST', '/offline-studies', {
          ...session(ids, { submit: true, minutes: 60 }),
          orgId: String(sub.id),
        })
      ).json();
      // submitted by the town admin: the department and a second town admin decide it
      const second = await makeUser(env, { orgId: town1, role: 'org_admin' });
      const other = await login(env, second.username);
      const before = await offlineSeconds(ids);
      const answers = await Promise.all([
        api(dept, 'POST', `/offline-studies/${s.id}/approve`),
        api(other, 'POST', `/offline-studies/${s.id}/approve`),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('offline_decided');
      expect(await offlineSeconds(ids)).toEqual({
        [ids[0]]: before[ids[0]] + 3600,
        [ids[1]]: before[ids[1]] + 3600,
      });
      expect((await audits(s.id)).filter((a) => a === 'offline_study.approved')).toHaveLength(1);
    }
  });

  it('an approval and a return at once: one of them, never both', async () => {
    const [m] = (await api(secretary, 'GET', `/offline-studies/people?orgId=${branch}`)).json().items;
    const s = (
      await api(secretary, 'POST', '/offline-studies', session([m.memberId], { submit: true }))
    ).json();
    const answers = await Promise.all([
      api(town, 'POST', `/offline-studies/${s.id}/return`, { reason: '时长有误' }),
      api(dept, 'POST', `/offline-studies/${s.id}/approve`),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [row] = await query<{ state: string }>(env, 'select state from offline_studies where id = $1', [
      s.id,
    ]);
    expect(row.state).toBe(answers[0].statusCode === 200 ? 'returned' : 'approved');
  });
});

describe('the lists', () => {
  it('all in scope by state; the town sees its branches’ and not another town’s', async () => {
    const all = (await api(town, 'GET', '/offline-studies?state=approved&pageSize=200')).json();
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((x: { state: string }) => x.state === 'approved')).toBe(true);
    const theirs = (await api(town2, 'GET', `/offline-studies?orgId=${town1}`)).statusCode;
    expect(theirs).toBe(403);
  });
});
