import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { bind } from '../../../platform/pii/index.ts';
import { jpeg, multipartFile } from '../offline/fixtures.ts';
import { makeTeacher } from './fixtures.ts';

// The day the tests live in (X-Test-Now: every operation reads ctx.now()).
const NOW = '2026-11-20T10:00:00+08:00';

let env: TestEnv;
let admin: Session;
let town: Session;
let town2: Session;
let member: Session;
let town1: number;
let memberId: string;
let memberOrg: string;

beforeAll(async () => {
  env = await testEnv({ testClock: true });
  [admin, town, town2, member] = await Promise.all(
    ['admin', 'town_admin', 'town2_admin', 'member'].map((u) => login(env, u)),
  );
  town1 = await orgId(env, '中共青山区清河镇委员会');
  const [m] = await query<{ id: string; org_id: string }>(
    env,
    "select m.id, m.org_id from members m join users u on u.id = m.user_id where u.username = 'member'",
  );
  memberId = String(m.id);
  memberOrg = String(m.org_id);
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object, now = NOW) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...s.headers, 'x-test-now': new Date(now).toISOString() },
  });

const teacher = (over: object = {}) => ({
  orgId: String(town1),
  name: '李明远（测试）',
  unit: '青山区委党校',
  title: '副教授',
  topics: ['党史', '基层治理'],
  intro: '长期从事党史教学',
  phone: '13912345678',
  ...over,
});

let teacherId: string;
let lectureId: string;

describe('师资库', () => {
  it('the town adds a teacher: the phone masked in answers, ciphertext in the table, whole only through reveal (audited)', async () => {
    const made = await api(town, 'POST', '/teachers', teacher());
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      name: '李明远（测试）',
      phone: '139****5678',
      topics: ['党史', '基层治理'],
      rating: { average: null, count: 0 },
      can: { edit: true, reveal: true, lecture: true },
    });
    teacherId = made.json().id;
    const list = await api(town, 'GET', '/teachers?q=基层治理');
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(teacherId);
    expect(list.body).not.toContain('13912345678');
    const [row] = await query<{ phone_enc: string }>(env, 'select phone_enc from teachers where id = $1', [
      teacherId,
    ]);
    expect(row.phone_enc).not.toContain('5678');
    expect(env.pii.decrypt(row.phone_enc, bind('teachers', 'phone', teacherId))).toBe('13912345678');
    const shown = await api(town, 'POST', `/teachers/${teacherId}/reveal`);
    expect(shown.json()).toEqual({ phone: '13912345678' });
    const audit = await query(
      env,
      "select 1 from audit_log where action = 'teacher.pii_viewed' and target_id = $1",
      [teacherId],
    );
    expect(audit).toHaveLength(1);
  });

  it('a bad phone or an empty name is refused naming the field', async () => {
    const bad = await api(town, 'POST', '/teachers', teacher({ phone: '12345' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('phone');
    const noName = await api(town, 'POST', '/teachers', teacher({ name: ' ' }));
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details[0].path).toBe('name');
  });

  it('the other town neither sees nor changes the town’s teacher, nor records it lecturing', async () => {
    expect((await api(town2, 'GET', `/teachers/${teacherId}`)).statusCode).toBe(403);
    expect((await api(town2, 'PUT', `/teachers/${teacherId}`, teacher())).statusCode).toBe(403);
    expect((await api(town2, 'POST', `/teachers/${teacherId}/reveal`)).statusCode).toBe(403);
    expect((await api(town2, 'POST', '/teachers', teacher())).statusCode).toBe(403);
    const list = (await api(town2, 'GET', '/teachers?pageSize=200')).json();
    expect(list.items.map((t: { id: string }) => t.id)).not.toContain(teacherId);
    const town2Org = await orgId(env, '中共青山区石桥镇委员会');
    const borrowed = await api(town2, 'POST', '/lectures', {
      teacherId,
      orgId: String(town2Org),
      lecturedOn: '2026-11-18',
      topic: '借用外镇教师',
    });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json().error.details[0].path).toBe('teacherId');
  });

  it('a teacher the district shares is seen by both towns, changed by neither', async () => {
    const [{ root }] = await query<{ root: number }>(
      env,
      'select parent_id as root from orgs where id = $1',
      [town1],
    );
    const shared = (
      await api(
        admin,
        'POST',
        '/teachers',
        teacher({ orgId: String(root), name: '区宣讲团王老师', shared: true }),
      )
    ).json();
    const seen = (await api(town2, 'GET', '/teachers?q=区宣讲团')).json();
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({ id: shared.id, can: { edit: false, lecture: true } });
    expect(
      (await api(town2, 'PUT', `/teachers/${shared.id}`, teacher({ orgId: String(root) }))).statusCode,
    ).toBe(403);
    // not shared: the towns do not see it
    const kept = await makeTeacher(env, root, { name: '区委内部教师' });
    expect((await api(town, 'GET', `/teachers/${kept}`)).statusCode).toBe(403);
  });
});

describe('授课 and ratings', () => {
  it('the town records a lecture with the demo member attending; a future day is refused', async () => {
    const future = await api(town, 'POST', '/lectures', {
      teacherId,
      orgId: memberOrg,
      lecturedOn: '2026-11-21',
      topic: '明天的课',
      memberIds: [memberId],
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('lecturedOn');
    const res = await api(town, 'POST', '/lectures', {
      teacherId,
      orgId: memberOrg,
      lecturedOn: '2026-11-18',
      topic: '百年党史中的初心使命',
      memberIds: [memberId],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ attendeeCount: 1, teacherName: '李明远（测试）' });
    lectureId = res.json().id;
  });

  it('the member sees it to rate; out of 1–5 is refused naming stars; rated once, then 409, and it leaves the list', async () => {
    const mine = (await api(member, 'GET', '/me/lectures')).json();
    expect(mine.items).toContainEqual(
      expect.objectContaining({ id: lectureId, teacherName: '李明远（测试）', rateBy: '2026-12-18' }),
    );
    for (const stars of [0, 6, 3.5]) {
      const bad = await api(member, 'POST', `/me/lectures/${lectureId}/rating`, { stars });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe('stars');
    }
    const long = await api(member, 'POST', `/me/lectures/${lectureId}/rating`, {
      stars: 4,
      comment: '好'.repeat(201),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].path).toBe('comment');
    const ok = await api(member, 'POST', `/me/lectures/${lectureId}/rating`, {
      stars: 4,
      comment: '联系实际，很受启发',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await api(member, 'POST', `/me/lectures/${lectureId}/rating`, { stars: 5 });
    expect(again.statusCode).toBe(409);
    const after = (await api(member, 'GET', '/me/lectures')).json();
    expect(after.items.map((l: { id: string }) => l.id)).not.toContain(lectureId);
    const [r] = await query<{ stars: number }>(
      env,
      'select stars from lecture_ratings where lecture_id = $1',
      [lectureId],
    );
    expect(r.stars).toBe(4);
  });

  it('someone who did not attend is refused with 403; past 30 days the reason is named', async () => {
    const other = await makeMember(env, Number(memberOrg));
    const user = await makeUser(env, { orgId: Number(memberOrg), role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [user.id, other.id]);
    const stranger = await login(env, user.username);
    const res = await api(stranger, 'POST', `/me/lectures/${lectureId}/rating`, { stars: 5 });
    expect(res.statusCode).toBe(403);
    // a second lecture they attended, rated 31 days on
    const late = (
      await api(town, 'POST', '/lectures', {
        teacherId,
        orgId: memberOrg,
        lecturedOn: '2026-11-19',
        topic: '基层治理的新实践',
        memberIds: [String(other.id), memberId],
      })
    ).json();
    const tooLate = await api(
      stranger,
      'POST',
      `/me/lectures/${late.id}/rating`,
      { stars: 5 },
      '2026-12-20T10:00:00+08:00',
    );
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().error.details[0].path).toBe('lecturedOn');
    expect(tooLate.json().error.message).toContain('30 天');
    // on the 30th day it is still open
    const lastDay = await api(
      stranger,
      'POST',
      `/me/lectures/${late.id}/rating`,
      { stars: 2 },
      '2026-12-19T10:00:00+08:00',
    );
    expect(lastDay.statusCode, lastDay.body).toBe(201);
  });

  it('the admin sees the teacher’s average and count, and the comments without names', async () => {
    const [t] = (await api(town, 'GET', '/teachers?q=李明远（测试）')).json().items;
    expect(t.rating).toEqual({ average: 3, count: 2 });
    expect(t.lectureCount).toBe(2);
    const detail = (await api(town, 'GET', `/teachers/${teacherId}`)).json();
    const first = detail.lectures.find((l: { id: string }) => l.id === lectureId);
    expect(first.rating).toEqual({ average: 4, count: 1 });
    expect(first.comments).toEqual([expect.objectContaining({ stars: 4, comment: '联系实际，很受启发' })]);
    expect(JSON.stringify(detail)).not.toContain(memberId);
  });
});

describe('教育基地', () => {
  let baseId: string;
  const base = {
    orgId: '',
    name: '清河镇革命烈士纪念馆',
    address: '清河镇红星路 8 号',
    capacity: 200,
    themes: ['革命传统', '红色教育'],
    contactName: '张馆长',
    contactPhone: '13687654321',
    intro: '市级爱国主义教育基地',
  };

  it('the town adds a base; the contact phone masked in the list and ciphertext in the table', async () => {
    const res = await api(town, 'POST', '/training-bases', { ...base, orgId: String(town1) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contactPhone: '136****4321', capacity: 200, photos: [] });
    baseId = res.json().id;
    const list = await api(town, 'GET', '/training-bases?q=红色教育');
    expect(list.json().items.map((b: { id: string }) => b.id)).toContain(baseId);
    expect(list.body).not.toContain('13687654321');
    const [row] = await query<{ contact_phone_enc: string }>(
      env,
      'select contact_phone_enc from training_bases where id = $1',
      [baseId],
    );
    expect(row.contact_phone_enc).not.toContain('4321');
    expect(env.pii.decrypt(row.contact_phone_enc, bind('training_bases', 'contact_phone', baseId))).toBe(
      '13687654321',
    );
    const bad = await api(town, 'POST', '/training-bases', { ...base, orgId: String(town1), capacity: -1 });
    expect(bad.json().error.details[0].path).toBe('capacity');
  });

  it('a photo is stored and served as a thumbnail; a file that is not a picture is refused naming file', async () => {
    const f = multipartFile(await jpeg());
    const up = await env.app.inject({
      method: 'POST',
      url: `/api/v1/training-bases/${baseId}/photos`,
      payload: f.payload,
      headers: { ...town.headers, ...f.headers },
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().photos).toHaveLength(1);
    const got = await api(
      town,
      'GET',
      `/training-bases/${baseId}/photos/${up.json().photos[0].id}?size=thumb`,
    );
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    const disguised = multipartFile(Buffer.from('<?php echo "not a picture"; ?>'), 'gate.jpg', 'image/jpeg');
    const bad = await env.app.inject({
      method: 'POST',
      url: `/api/v1/training-bases/${baseId}/photos`,
      payload: disguised.payload,
      headers: { ...town.headers, ...disguised.headers },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('file');
    const [{ n }] = await query<{ n: number }>(
      env,
      'select count(*)::int as n from training_base_photos where base_id = $1',
      [baseId],
    );
    expect(n).toBe(1);
  });

  it('the other town cannot see, edit or add photos to the town’s base', async () => {
    expect((await api(town2, 'GET', `/training-bases/${baseId}`)).statusCode).toBe(403);
    expect(
      (await api(town2, 'PUT', `/training-bases/${baseId}`, { ...base, orgId: String(town1) })).statusCode,
    ).toBe(403);
    const f = multipartFile(await jpeg());
    const up = await env.app.inject({
      method: 'POST',
      url: `/api/v1/training-bases/${baseId}/photos`,
      payload: f.payload,
      headers: { ...town2.headers, ...f.headers },
    });
    expect(up.statusCode).toBe(403);
    const list = (await api(town2, 'GET', '/training-bases?pageSize=200')).json();
    expect(list.items.map((b: { id: string }) => b.id)).not.toContain(baseId);
  });
});

describe('the demo seed', () => {
  it('has teachers of the district (shared) and the towns, lectures with attendees and ratings, bases; phones encrypted', async () => {
    const [c] = await query<{ shared: number; kept: number; lectures: number; rated: number; bases: number }>(
      env,
      `select (select count(*)::int from teachers where shared) as shared,
              (select count(*)::int from teachers where not shared) as kept,
              (select count(*)::int from lectures where attendee_count > 0) as lectures,
              (select count(*)::int from lecture_ratings) as rated,
              (select count(*)::int from training_bases) as bases`,
    );
    expect(c.shared).toBeGreaterThan(0);
    expect(c.kept).toBeGreaterThan(c.shared);
    expect(c.lectures).toBeGreaterThan(c.kept);
    expect(c.rated).toBeGreaterThan(c.lectures);
    expect(c.bases).toBeGreaterThan(0);
    const [t] = await query<{ id: string; phone_enc: string }>(
      env,
      'select id, phone_enc from teachers where phone_enc is not null order by id limit 1',
    );
    expect(env.pii.decrypt(t.phone_enc, bind('teachers', 'phone', t.id))).toMatch(/^1\d{10}$/);
    // the averages differ from teacher to teacher
    const spread = await query(
      env,
      `select distinct round(avg(r.stars), 1) from lecture_ratings r join lectures l on l.id = r.lecture_id
        group by l.teacher_id`,
    );
    expect(spread.length).toBeGreaterThan(1);
  });

  it('the demo member has a lecture of a few days ago waiting for their rating', async () => {
    const mine = (await api(member, 'GET', '/me/lectures', undefined, new Date().toISOString())).json();
    expect(
      mine.items.some((l: { topic: string }) => l.topic === '学习贯彻党的二十届四中全会精神专题党课'),
    ).toBe(true);
  });

  it('editing a teacher without typing the phone keeps the one on file', async () => {
    const id = await makeTeacher(env, town1);
    const res = await api(town, 'PUT', `/teachers/${id}`, {
      ...teacher({ name: '改名教师' }),
      phone: undefined,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '改名教师', phone: '138****8000' });
  });
});
