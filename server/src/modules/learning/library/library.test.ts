import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { loadConfig } from '../../../config.ts';
import { fileStore } from '../../../platform/files/index.ts';
import { makeCourse, media, multipartFile, PDF } from './fixtures.ts';
import { findVisibleCourse } from './visible.ts';

let env: TestEnv;
let admin: Session;
let townAdmin: Session;
let town2Admin: Session;
let member: Session;
let town1: { id: number; path: string };
let town2: { id: number; path: string };
let branch: { id: number; path: string };

beforeAll(async () => {
  env = await testEnv({ dataDir: `/tmp/hongyun-library-test-${process.pid}` });
  [admin, townAdmin, town2Admin, member] = await Promise.all(
    ['admin', 'town_admin', 'town2_admin', 'member'].map((u) => login(env, u)),
  );
  const grantOf = async (username: string) =>
    (
      await query<{ id: string; path: string }>(
        env,
        `select o.id, o.path from role_grants g join users u on u.id = g.user_id join orgs o on o.id = g.org_id
          where u.username = $1`,
        [username],
      )
    ).map((o) => ({ id: Number(o.id), path: o.path }))[0];
  town1 = await grantOf('town_admin');
  town2 = await grantOf('town2_admin');
  branch = await grantOf('member');
});
afterAll(async () => {
  await env.close();
  fs.rmSync(env.config.dataDir, { recursive: true, force: true });
});

const call = (
  s: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => env.app.inject({ method, url: `/api/v1${url}`, payload, headers: { ...s?.headers, ...headers } });
const upload = (s: Session, id: string | number, body: Buffer, name: string, type?: string) => {
  const form = multipartFile(body, name, type);
  return call(s, 'POST', `/courses/${id}/file`, form.payload, form.headers);
};
/** The files kept in the store under a prefix (course-video/…): nothing may be left by a refusal. */
const storedFiles = (prefix: string) => {
  const dir = path.join(env.config.dataDir, 'files', prefix);
  return fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.')).length
    : 0;
};
const titlesFound = async (s: Session, q: string) =>
  (await call(s, 'GET', `/learning/courses?q=${encodeURIComponent(q)}&pageSize=50`))
    .json()
    .items.map((c: { title: string }) => c.title);

/** A member account in a new branch under `orgId`, logged in. */
async function memberIn(parent: number) {
  const m = await makeMember(env, parent);
  const u = await makeUser(env, { orgId: m.branchId, role: 'member' });
  await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
  return { session: await login(env, u.username), branchId: m.branchId };
}

describe('an article: written by a town admin, found by a member with a segmented query, read', () => {
  let id: string;

  it('is kept sanitized, counted, and stays a draft the members do not see', async () => {
    const res = await call(townAdmin, 'POST', '/courses', {
      orgId: String(town1.id),
      kind: 'article',
      title: '学习贯彻乡村振兴战略的十个要点',
      summary: '产业兴旺、生态宜居、乡风文明、治理有效、生活富裕。',
      body: '<p>实施乡村振兴战略，是党的重大决策部署。</p><script>alert(1)</script><p onclick="x()">农业农村现代化。</p>',
      tags: ['#乡村振兴', '三农', '乡村振兴'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    id = c.id;
    expect(c).toMatchObject({
      status: 'draft',
      kind: 'article',
      tags: ['乡村振兴', '三农'],
      scopeOrgId: String(town1.id),
    });
    expect(c.body).toBe('<p>实施乡村振兴战略，是党的重大决策部署。</p><p>农业农村现代化。</p>');
    // 实施乡村振兴战略，是党的重大决策部署。(19) + 农业农村现代化。(8)
    expect(c.charCount).toBe(27);
    expect(await titlesFound(member, '乡村振兴')).not.toContain(c.title);
    expect((await call(member, 'GET', `/learning/courses/${id}`)).statusCode).toBe(404);
    const [audit] = await query(
      env,
      "select action, after from audit_log where action = 'course.created' and target_id = $1",
      [id],
    );
    expect(audit).toMatchObject({ after: { kind: 'article', charCount: 27 } });
  });

  it('once published, the member finds it by words the segmenter cut, and reads it', async () => {
    expect((await call(townAdmin, 'POST', `/courses/${id}/publish`)).json().status).toBe('published');
    for (const q of ['乡村振兴', '振兴战略', '乡村振兴 要点', '十个要点', '如何学习乡村振兴'])
      expect(await titlesFound(member, q), q).toContain('学习贯彻乡村振兴战略的十个要点');
    expect(await titlesFound(member, '乡村振兴 党费')).not.toContain('学习贯彻乡村振兴战略的十个要点');
    const page = await call(member, 'GET', `/learning/courses/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ kind: 'article', readingSeconds: 6, media: null, charCount: 27 });
    expect(page.json().body).not.toContain('script');
  });

  it('is not for the other town: its members get 404, its admin 403', async () => {
    const other = await memberIn(town2.id);
    expect(await titlesFound(other.session, '乡村振兴')).not.toContain('学习贯彻乡村振兴战略的十个要点');
    expect((await call(other.session, 'GET', `/learning/courses/${id}`)).statusCode).toBe(404);
    expect((await call(town2Admin, 'GET', `/courses/${id}`)).statusCode).toBe(403);
    expect((await call(town2Admin, 'PATCH', `/courses/${id}`, { title: '改' })).statusCode).toBe(403);
  });

  it('withdrawn, it leaves the members at once, with the reason kept', async () => {
    const res = await call(townAdmin, 'POST', `/courses/${id}/withdraw`, { reason: '内容需要更新' });
    expect(res.json()).toMatchObject({ status: 'withdrawn', withdrawReason: '内容需要更新' });
    expect((await call(member, 'GET', `/learning/courses/${id}`)).statusCode).toBe(404);
    expect((await call(townAdmin, 'PATCH', `/courses/${id}`, { title: '改' })).statusCode).toBe(409);
    const [audit] = await query(
      env,
      "select after from audit_log where action = 'course.withdrawn' and target_id = $1",
      [id],
    );
    expect(audit).toMatchObject({ after: { reason: '内容需要更新' } });
  });
});

describe('a video and an audio: streamed in, told by their bytes, served with ranges', () => {
  it('stores an MP4, reads how long it plays, and the member seeks in it (206)', async () => {
    const c = (
      await call(admin, 'POST', '/courses', {
        orgId: String(await orgId(env, '中共青山区委员会')),
        kind: 'video',
        title: '党课视频：红船精神',
      })
    ).json();
    const mp4 = media('sample-2s.mp4');
    const res = await upload(admin, c.id, mp4, '红船精神.MOV', 'video/quicktime');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      durationSeconds: 2,
      file: { name: '红船精神.mp4', contentType: 'video/mp4', size: mp4.length },
    });
    expect((await call(admin, 'POST', `/courses/${c.id}/publish`)).statusCode).toBe(200);

    const seek = await call(member, 'GET', `/learning/courses/${c.id}/media`, undefined, {
      range: 'bytes=1000-1999',
    });
    expect(seek.statusCode).toBe(206);
    expect(seek.headers['content-range']).toBe(`bytes 1000-1999/${mp4.length}`);
    expect(seek.rawPayload.equals(mp4.subarray(1000, 2000))).toBe(true);
    expect(seek.headers['content-disposition']).toMatch(/^inline;/);
    const whole = await call(member, 'GET', `/learning/courses/${c.id}/media`);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(mp4)).toBe(true);
    const past = await call(member, 'GET', `/learning/courses/${c.id}/media`, undefined, {
      range: `bytes=${mp4.length + 10}-`,
    });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${mp4.length}`);
    expect((await call(member, 'GET', `/learning/courses/${c.id}`)).json().media).toMatchObject({
      contentType: 'video/mp4',
      url: `/api/v1/learning/courses/${c.id}/media`,
    });
  });

  it('an audio course takes MP3 and M4A, with their durations', async () => {
    const c = (
      await call(townAdmin, 'POST', '/courses', { orgId: String(town1.id), kind: 'audio', title: '音频党课' })
    ).json();
    expect((await upload(townAdmin, c.id, media('sample-3s.mp3'), 'a.mp3')).json()).toMatchObject({
      durationSeconds: 3,
      file: { contentType: 'audio/mpeg' },
    });
    // a new file replaces the old one, which leaves the store
    const before = storedFiles('course-audio');
    expect((await upload(townAdmin, c.id, media('sample-4s.m4a'), 'b.m4a')).json()).toMatchObject({
      durationSeconds: 4,
      file: { contentType: 'audio/mp4' },
    });
    expect(storedFiles('course-audio')).toBe(before);
  });

  it('refuses a disguised or wrong file with 415, keeping nothing of it', async () => {
    const c = (
      await call(townAdmin, 'POST', '/courses', {
        orgId: String(town1.id),
        kind: 'video',
        title: '待上传的视频',
      })
    ).json();
    const before = storedFiles('course-video');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5000, 1)]);
    for (const [body, name] of [
      [exe, '党课.mp4'],
      [PDF, '党课.mp4'],
      [media('sample-3s.mp3'), '党课.mp4'],
    ] as const) {
      const res = await upload(townAdmin, c.id, body, name, 'video/mp4');
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.message).toContain('视频只接受 MP4 格式');
    }
    expect(storedFiles('course-video')).toBe(before);
    const article = (
      await call(townAdmin, 'POST', '/courses', {
        orgId: String(town1.id),
        kind: 'article',
        title: '图文',
        body: '<p>正文</p>',
      })
    ).json();
    expect((await upload(townAdmin, article.id, PDF, 'a.pdf')).statusCode).toBe(415);
    const empty = await upload(townAdmin, c.id, Buffer.alloc(0), 'empty.mp4');
    expect(empty.statusCode).toBe(400);
  });

  it('refuses a file over the size the department set with 413 (from Content-Length, and when it passes the limit)', async () => {
    const put = (documentMb: number) =>
      call(admin, 'PUT', '/settings/learning.uploadLimitsMb', {
        value: { videoMb: 2048, audioMb: 300, documentMb },
      });
    expect((await put(1)).statusCode).toBe(200);
    try {
      const c = (
        await call(townAdmin, 'POST', '/courses', {
          orgId: String(town1.id),
          kind: 'document',
          title: '大文档',
        })
      ).json();
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const before = storedFiles('course-document');
      const res = await upload(townAdmin, c.id, big, '大文档.pdf', 'application/pdf');
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toContain('文件不能超过 1 MB');
      // without a Content-Length to go by: refused once the stream passes the limit
      const form = multipartFile(big, '大文档.pdf');
      const chunked = await env.app.inject({
        method: 'POST',
        url: `/api/v1/courses/${c.id}/file`,
        payload: form.payload,
        headers: { ...townAdmin.headers, ...form.headers, 'content-length': '0' },
      });
      expect([400, 413]).toContain(chunked.statusCode);
      expect(storedFiles('course-document')).toBe(before);
      // a 5 GB upload is answered before a byte of it is read
      const huge = await env.app.inject({
        method: 'POST',
        url: `/api/v1/courses/${c.id}/file`,
        payload: 'x',
        headers: {
          ...townAdmin.headers,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(5 * 1024 ** 3),
        },
      });
      expect(huge.statusCode).toBe(413);
      expect((await upload(townAdmin, c.id, PDF, '小文档.pdf')).statusCode).toBe(200);
    } finally {
      await put(100);
    }
  });

  it('a file that does not say how long it plays: the typed figure, if it fits the file; else no publishing', async () => {
    // an MP4 cut after its first box: its format is plain, its duration unknown
    const cut = media('sample-2s.mp4').subarray(0, 32);
    const typed = (
      await call(townAdmin, 'POST', '/courses', {
        orgId: String(town1.id),
        kind: 'video',
        title: '时长不明',
        durationSeconds: 3600,
      })
    ).json();
    // 32 bytes said to play an hour: not believed
    expect((await upload(townAdmin, typed.id, cut, 'x.mp4')).json().durationSeconds).toBeNull();
    const refused = await call(townAdmin, 'POST', `/courses/${typed.id}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('请填写时长');
    expect(
      (await call(townAdmin, 'PATCH', `/courses/${typed.id}`, { durationSeconds: 3600 })).statusCode,
    ).toBe(400);
    // and a read duration cannot be overwritten
    const read = (
      await call(townAdmin, 'POST', '/courses', { orgId: String(town1.id), kind: 'audio', title: '时长已读' })
    ).json();
    await upload(townAdmin, read.id, media('sample-3s.mp3'), 'a.mp3');
    const over = await call(townAdmin, 'PATCH', `/courses/${read.id}`, { durationSeconds: 100 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details[0].path).toBe('durationSeconds');
  });
});

describe('who may study a course: a scope inside the publisher', () => {
  it('a course for one branch reaches its members only; a scope outside the publisher is refused', async () => {
    const c = await makeCourse(env, town1.id, { scopeOrgId: branch.id, title: '本支部专题学习材料' });
    const neighbour = await memberIn(town1.id);
    expect(await titlesFound(member, '专题学习材料')).toContain('本支部专题学习材料');
    expect(await titlesFound(neighbour.session, '专题学习材料')).not.toContain('本支部专题学习材料');
    expect(await findVisibleCourse(env.database.db, c.id, branch.path)).toMatchObject({
      id: c.id,
      kind: 'article',
    });
    expect(await findVisibleCourse(env.database.db, c.id, town1.path)).toBeNull();
    const draft = await makeCourse(env, town1.id, { status: 'draft' });
    expect(await findVisibleCourse(env.database.db, draft.id, branch.path)).toBeNull();
    const res = await call(townAdmin, 'POST', '/courses', {
      orgId: String(town1.id),
      scopeOrgId: String(town2.id),
      kind: 'article',
      title: '越界',
      body: '<p>x</p>',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('scopeOrgId');
  });
});

describe('tags with synonyms and categories, set by the department', () => {
  it('党史 ↔ 中国共产党历史: a course tagged with either is found by both', async () => {
    await makeCourse(env, town1.id, { title: '红色故事会第一期', tags: ['党史'] });
    await makeCourse(env, town1.id, { title: '红色故事会第二期', tags: ['中国共产党历史'] });
    expect(
      (await call(townAdmin, 'PUT', '/course-tags/党史', { expansions: ['中国共产党历史'] })).statusCode,
    ).toBe(403);
    const set = await call(admin, 'PUT', `/course-tags/${encodeURIComponent('党史')}`, {
      expansions: ['中国共产党历史', '四史'],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().items.find((t: { name: string }) => t.name === '党史').expansions).toEqual([
      '中国共产党历史',
      '四史',
    ]);
    expect(await titlesFound(member, '中国共产党历史 故事会')).toEqual(
      expect.arrayContaining(['红色故事会第一期', '红色故事会第二期']),
    );
    expect(await titlesFound(member, '党史 故事会')).toEqual(
      expect.arrayContaining(['红色故事会第一期', '红色故事会第二期']),
    );
    expect(await titlesFound(member, '四史 故事会')).toEqual(
      expect.arrayContaining(['红色故事会第一期', '红色故事会第二期']),
    );
  });

  it('a heading takes in its topics; a category in use is not removed', async () => {
    const made = await call(admin, 'POST', '/course-categories', { name: '测试专题' });
    expect(made.statusCode, made.body).toBe(200);
    const heading = made.json().items.find((c: { name: string }) => c.name === '测试专题');
    const topics = (
      await call(admin, 'POST', '/course-categories', { name: '测试子类', parentId: heading.id })
    ).json();
    const topic = topics.items.find((c: { name: string }) => c.name === '测试子类');
    expect(
      (await call(admin, 'POST', '/course-categories', { name: '第三级', parentId: topic.id })).statusCode,
    ).toBe(400);
    expect(
      (await call(admin, 'POST', '/course-categories', { name: '测试子类', parentId: heading.id }))
        .statusCode,
    ).toBe(400);
    expect((await call(townAdmin, 'POST', '/course-categories', { name: '镇里自己的' })).statusCode).toBe(
      403,
    );
    const c = (
      await call(townAdmin, 'POST', '/courses', {
        orgId: String(town1.id),
        kind: 'article',
        title: '分类里的课件',
        body: '<p>内容</p>',
        categoryId: topic.id,
      })
    ).json();
    await call(townAdmin, 'POST', `/courses/${c.id}/publish`);
    const byHeading = (await call(member, 'GET', `/learning/courses?categoryId=${heading.id}`)).json();
    expect(byHeading.items.map((x: { title: string }) => x.title)).toEqual(['分类里的课件']);
    const removing = await call(admin, 'DELETE', `/course-categories/${topic.id}`);
    expect(removing.statusCode).toBe(409);
    const list = (await call(member, 'GET', '/course-categories')).json();
    expect(list.items.find((x: { id: string }) => x.id === topic.id)).toMatchObject({
      parentId: heading.id,
      courseCount: 1,
    });
  });
});

describe('the admins library', () => {
  it('lists the subtree’s courses, by words and state, with what each admin may do', async () => {
    const mine = (await call(townAdmin, 'GET', `/courses?q=${encodeURIComponent('乡村振兴战略')}`)).json();
    expect(mine.items[0]).toMatchObject({
      title: '学习贯彻乡村振兴战略的十个要点',
      status: 'withdrawn',
      can: { withdraw: false },
    });
    const drafts = (await call(townAdmin, 'GET', '/courses?status=draft&pageSize=200')).json();
    expect(drafts.items.every((c: { status: string; orgId: string }) => c.status === 'draft')).toBe(true);
    expect((await call(town2Admin, 'GET', `/courses?orgId=${town1.id}`)).statusCode).toBe(403);
    const theirs = (await call(town2Admin, 'GET', '/courses?pageSize=200')).json();
    expect(theirs.items.some((c: { title: string }) => c.title === '学习贯彻乡村振兴战略的十个要点')).toBe(
      false,
    );
  });

  it('the demo library was seeded with media a member can play', async () => {
    const [c] = await query<{ id: string; file_key: string }>(
      env,
      `select c.id, f.file_key from courses c join course_files f on f.id = c.file_id
        where c.kind = 'video' and c.status = 'published' and c.scope_path = '/1/' limit 1`,
    );
    expect(c.file_key).toBe('course-demo/lecture.mp4');
    // the seed stored it where the demo's files are (this test runs with its own folder)
    expect(fs.existsSync(fileStore(loadConfig()).pathOf(c.file_key))).toBe(true);
  });
});
