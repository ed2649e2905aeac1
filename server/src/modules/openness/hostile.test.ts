import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  makeAlbum,
  makeAlbumPhoto,
  makeAttachment,
  makeImage,
  makePost,
  multipart,
  tinyJpeg,
} from './test-fixtures.ts';

/**
 * Hostile input for the org page, posts, albums, pictures and 留言 (issue 13): the same request
 * twice at once, another town's pictures and files in one's own items, ids that do not exist or
 * are not ids. Given a branch of 清河镇 with its secretary and two members who log in, and the
 * town admins of 清河镇 and 石桥镇 with a picture, an album photo and an attachment of 石桥镇's.
 */
let env: TestEnv;
let dataDir: string;
let branch: { id: number; path: string };
let secretary: Session;
let town2: Session;
let writer: Session; // a member of the branch who leaves messages
let town2Id: number;
let theirs: {
  image: { id: number; token: string };
  album: number;
  photo: number;
  post: number;
  attachment: number;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-openness-hostile-'));
  env = await testEnv({ testClock: true, dataDir, messageRateLimitPerHour: 100 });
  const town1 = await orgId(env, '中共青山区清河镇委员会');
  town2Id = await orgId(env, '中共青山区石桥镇委员会');
  branch = await makeOrg(env, town1, 'branch', '公开对抗测试党支部');
  secretary = await login(env, (await makeUser(env, { orgId: branch.id, role: 'secretary' })).username);
  town2 = await login(env, 'town2_admin');
  for (let i = 0; i < 2; i++) {
    const m = await makeMember(env, branch.id);
    const u = await makeUser(env, { orgId: branch.id, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [u.id, m.id]);
    if (i === 0) writer = await login(env, u.username);
  }
  const album = await makeAlbum(env, town2Id);
  const post = await makePost(env, town2Id, { published: false });
  theirs = {
    image: await makeImage(env, town2Id),
    album,
    photo: await makeAlbumPhoto(env, album),
    post,
    attachment: await makeAttachment(env, post),
  };
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const api = (s: Session | null, method: string, url: string, payload?: object | Buffer, headers = {}) =>
  env.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload,
    headers: { ...(s?.headers ?? {}), ...headers },
  });
const n = async (sql: string, params: unknown[] = []) => (await query<{ n: number }>(env, sql, params))[0].n;
const audits = (action: string, target: string | number) =>
  n('select count(*)::int as n from audit_log where action = $1 and target_id = $2', [
    action,
    String(target),
  ]);
const imageUrl = (token: string) => `/api/v1/public/images/${token}`;

describe('the same request twice at once', () => {
  it('the secretary answers a message twice at once (a double tap): one reply, answered the same', async () => {
    const left = await api(writer, 'POST', `/orgs/${branch.id}/messages`, {
      body: '请问本月主题党日在哪里开？',
    });
    expect(left.statusCode, left.body).toBe(201);
    const id = left.json().id;
    const reply = () => api(secretary, 'POST', `/messages/${id}/replies`, { body: '在村委会二楼会议室。' });
    const [a, b] = await Promise.all([reply(), reply()]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect(a.json().replies).toHaveLength(1);
    expect(b.json().replies).toEqual(a.json().replies);
    expect(b.json().firstAnsweredAt).toBe(a.json().firstAnsweredAt);
    expect(await n('select count(*)::int as n from message_replies where message_id = $1', [id])).toBe(1);
    expect(await audits('message.replied', id)).toBe(1);
    // the writer follows up twice at once: one follow-up
    const follow = () => api(writer, 'POST', `/messages/mine/${id}/follow-ups`, { body: '几点开始？' });
    const [c, d] = await Promise.all([follow(), follow()]);
    expect([c.statusCode, d.statusCode], `${c.body} ${d.body}`).toEqual([200, 200]);
    expect(await n('select count(*)::int as n from message_replies where message_id = $1', [id])).toBe(2);
    expect(await audits('message.followed_up', id)).toBe(1);
    // the same words again after the follow-up are a new answer, not a double tap
    const again = await reply();
    expect(again.json().replies).toHaveLength(3);
  });

  it('publishing the same draft announcement twice at once: published once, the members told once', async () => {
    const draft = await api(secretary, 'POST', '/posts', {
      orgId: String(branch.id),
      kind: 'announcement',
      title: '关于召开党员大会的公告',
      body: '<p>定于本周五召开党员大会。</p>',
      visibility: 'members',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    const [a, b] = await Promise.all([
      api(secretary, 'POST', `/posts/${id}/publish`),
      api(secretary, 'POST', `/posts/${id}/publish`),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().error).toMatchObject({ code: 'post_not_draft', message: '该内容已经发布' });
    expect(await audits('openness.post_published', id)).toBe(1);
    expect(
      await n("select count(*)::int as n from notices where source_type = 'post' and source_id = $1", [
        String(id),
      ]),
    ).toBe(1);
    expect(
      await n(
        "select count(*)::int as n from notice_receipts r join notices x on x.id = r.notice_id where x.source_type = 'post' and x.source_id = $1",
        [String(id)],
      ),
    ).toBe(2);
  });
});

describe("another town's pictures and files in one's own items: refused whole, naming the field", () => {
  const item = (over: object) => ({
    orgId: String(branch.id),
    kind: 'update',
    title: '工作动态',
    body: '<p>开展志愿服务</p>',
    visibility: 'public',
    ...over,
  });

  it('a post whose text shows another town’s picture, beside one of its own: refused naming body, nothing saved', async () => {
    const own = await makeImage(env, branch.id);
    const posts = await n('select count(*)::int as n from posts');
    const res = await api(
      secretary,
      'POST',
      '/posts',
      item({
        body: `<p>图</p><img src="${imageUrl(own.token)}"><img src="${imageUrl(theirs.image.token)}">`,
      }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe('body');
    expect(res.json().error.message).toMatch(/^body：有 1 张图片不是本组织上传的/);
    expect(await n('select count(*)::int as n from posts')).toBe(posts);
    // its own picture alone is kept
    const ok = await api(secretary, 'POST', '/posts', item({ body: `<img src="${imageUrl(own.token)}">` }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().body).toContain(own.token);
  });

  it('another town’s picture as the cover, or edited into a draft: refused, the draft as it was', async () => {
    const cover = await api(secretary, 'POST', '/posts', item({ coverImageId: String(theirs.image.id) }));
    expect(cover.statusCode).toBe(400);
    expect(cover.json().error.details[0].path).toBe('coverImageId');
    const draft = (await api(secretary, 'POST', '/posts', item({ title: '草稿' }))).json();
    for (const edit of [
      { body: `<p>改</p><img src="${imageUrl(theirs.image.token)}">` },
      { coverImageId: String(theirs.image.id) },
      { title: '改标题', coverImageId: String(theirs.image.id) },
    ]) {
      const res = await api(secretary, 'PATCH', `/posts/${draft.id}`, edit);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toBe(Object.keys(edit).at(-1));
    }
    const [row] = await query<{ title: string; body: string; cover_image_id: string | null }>(
      env,
      'select title, body, cover_image_id from posts where id = $1',
      [draft.id],
    );
    expect(row).toEqual({ title: '草稿', body: '<p>开展志愿服务</p>', cover_image_id: null });
  });

  it('the org page’s introduction showing another town’s picture: refused naming introduction', async () => {
    const before = await query(env, 'select introduction from org_pages where org_id = $1', [branch.id]);
    const res = await api(secretary, 'PUT', `/org-pages/${branch.id}`, {
      introduction: `<p>本支部简介</p><img src="${imageUrl(theirs.image.token)}">`,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe('introduction');
    expect(await query(env, 'select introduction from org_pages where org_id = $1', [branch.id])).toEqual(
      before,
    );
  });

  it('another town’s attachment or album photo named through one’s own post or album: not found, nothing removed', async () => {
    const mine = await makePost(env, branch.id, { published: false });
    const album = await makeAlbum(env, branch.id);
    for (const [method, url] of [
      ['GET', `/posts/${mine}/attachments/${theirs.attachment}`],
      ['DELETE', `/posts/${mine}/attachments/${theirs.attachment}`],
      ['DELETE', `/albums/${album}/photos/${theirs.photo}`],
    ]) {
      const res = await api(secretary, method, url);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    expect(
      await n('select count(*)::int as n from post_attachments where id = $1', [theirs.attachment]),
    ).toBe(1);
    expect(await n('select count(*)::int as n from album_photos where id = $1', [theirs.photo])).toBe(1);
    // and through their own ids: another town's draft is not found (as any unreadable draft), the rest refused
    const draft = await api(secretary, 'GET', `/posts/${theirs.post}/attachments/${theirs.attachment}`);
    expect(draft.statusCode).toBe(404);
    for (const [method, url] of [
      ['DELETE', `/posts/${theirs.post}/attachments/${theirs.attachment}`],
      ['DELETE', `/albums/${theirs.album}/photos/${theirs.photo}`],
      ['POST', `/posts/${theirs.post}/publish`],
    ]) {
      const res = await api(secretary, method, url);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
  });

  it('a picture uploaded, or an album made, for another town’s org: refused, nothing stored', async () => {
    const images = await n('select count(*)::int as n from openness_images');
    const form = multipart({ field: 'image', name: 'a.jpg', body: await tinyJpeg(), type: 'image/jpeg' });
    const res = await api(secretary, 'POST', `/openness/images?orgId=${town2Id}`, form.payload, form.headers);
    expect(res.statusCode, res.body).toBe(403);
    expect(await n('select count(*)::int as n from openness_images')).toBe(images);
    const album = await api(secretary, 'POST', '/albums', {
      orgId: String(town2Id),
      title: '越权相册',
      visibility: 'public',
    });
    expect(album.statusCode).toBe(403);
    // the other town's admin cannot use this branch's pictures either
    const own = await makeImage(env, branch.id);
    const post = await api(town2, 'POST', '/posts', {
      ...item({ orgId: String(town2Id), body: `<img src="${imageUrl(own.token)}">` }),
    });
    expect(post.statusCode).toBe(400);
  });
});

describe('ids that do not exist, or are not ids: 404 or 400, never 500', () => {
  const missing = ['99999999999', '9007199254740991'];
  const malformed = [
    'abc',
    '0',
    '-7',
    '1.5',
    '9007199254740993',
    '9223372036854775807',
    '99999999999999999999',
  ];
  const routes = (id: string): [Session | null, string, string, object?][] => [
    [null, 'GET', `/public/posts/${id}`],
    [null, 'GET', `/public/posts/${id}/attachments/1`],
    [secretary, 'GET', `/posts/${id}`],
    [secretary, 'PATCH', `/posts/${id}`, { title: '改' }],
    [secretary, 'POST', `/posts/${id}/publish`],
    [secretary, 'POST', `/posts/${id}/withdraw`, { reason: '撤回' }],
    [secretary, 'GET', `/posts/${id}/attachments/1`],
    [secretary, 'DELETE', `/posts/${id}/attachments/1`],
    [null, 'GET', `/public/albums/${id}`],
    [secretary, 'GET', `/albums/${id}`],
    [secretary, 'PATCH', `/albums/${id}`, { title: '改' }],
    [secretary, 'DELETE', `/albums/${id}/photos/1`],
    [secretary, 'GET', `/messages/${id}`],
    [secretary, 'POST', `/messages/${id}/replies`, { body: '答复' }],
    [secretary, 'POST', `/messages/${id}/close`, { reason: '办结' }],
    [writer, 'POST', `/messages/mine/${id}/follow-ups`, { body: '追问' }],
    [null, 'GET', `/public/orgs/${id}`],
    [null, 'GET', `/public/orgs/${id}/message-form`],
    [writer, 'POST', `/orgs/${id}/messages`, { body: '留言' }],
    [secretary, 'GET', `/org-pages/${id}`],
    [secretary, 'PUT', `/org-pages/${id}`, { introduction: '<p>简介</p>' }],
    [writer, 'GET', `/org-pages/${id}/view`],
  ];

  it('every org-page, post, album and message route with an id', async () => {
    for (const id of missing)
      for (const [s, method, url, body] of routes(id)) {
        const res = await api(s, method, url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
        expect(res.json().error.message, `${method} ${url}`).toMatch(/不存在$/);
      }
    for (const id of malformed)
      for (const [s, method, url, body] of routes(id)) {
        const res = await api(s, method, url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
        expect(res.json().error.message, `${method} ${url}`).toContain('编号格式不正确');
      }
  });

  it('the second id of a route, an org id in a query or a body, a picture token', async () => {
    const mine = await makePost(env, branch.id);
    const album = await makeAlbum(env, branch.id);
    for (const id of [...missing, 'abc', '9223372036854775807'])
      for (const [s, method, url] of [
        [null, 'GET', `/public/posts/${mine}/attachments/${id}`],
        [secretary, 'GET', `/posts/${mine}/attachments/${id}`],
        [secretary, 'DELETE', `/posts/${mine}/attachments/${id}`],
        [secretary, 'DELETE', `/albums/${album}/photos/${id}`],
      ] as [Session | null, string, string][]) {
        const res = await api(s, method, url);
        expect([400, 404], `${method} ${url}: ${res.body}`).toContain(res.statusCode);
      }
    for (const url of [
      '/posts?orgId=99999999999',
      '/posts/monthly-counts?orgId=99999999999',
      '/albums?orgId=99999999999',
      '/messages?orgId=99999999999',
      '/messages/overdue?orgId=99999999999',
      '/messages/counts?orgId=99999999999',
      '/org-pages/kept-up?orgId=99999999999',
    ]) {
      const s =
        url.startsWith('/messages/') || url.startsWith('/org-pages')
          ? await login(env, 'town_admin')
          : secretary;
      const res = await api(s, 'GET', url);
      expect([403, 404], `${url}: ${res.body}`).toContain(res.statusCode);
      const bad = await api(s, 'GET', url.replace('99999999999', '9223372036854775807'));
      expect(bad.statusCode, `${url}: ${bad.body}`).toBe(400);
    }
    for (const body of [
      { orgId: '99999999999', kind: 'update', title: '无', body: '<p>x</p>', visibility: 'public' },
      { orgId: '99999999999', title: '无', visibility: 'public' },
    ]) {
      const res = await api(secretary, 'POST', 'kind' in body ? '/posts' : '/albums', body);
      expect(res.statusCode, res.body).toBe(404);
    }
    const form = multipart({ field: 'image', name: 'a.jpg', body: await tinyJpeg(), type: 'image/jpeg' });
    const img = await api(
      secretary,
      'POST',
      '/openness/images?orgId=99999999999',
      form.payload,
      form.headers,
    );
    expect(img.statusCode, img.body).toBe(404);
    for (const token of ['0'.repeat(32), 'not-a-token', 'a'.repeat(64)]) {
      const res = await api(null, 'GET', `/public/images/${token}`);
      expect(res.statusCode, `${token}: ${res.body}`).toBe(404);
    }
    const upload = multipart({ field: 'file', name: 'a.pdf', body: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const att = await api(
      secretary,
      'POST',
      '/posts/99999999999/attachments',
      upload.payload,
      upload.headers,
    );
    expect(att.statusCode, att.body).toBe(404);
    const photo = multipart({ field: 'photo', name: 'a.jpg', body: await tinyJpeg(), type: 'image/jpeg' });
    const ph = await api(secretary, 'POST', '/albums/99999999999/photos', photo.payload, photo.headers);
    expect(ph.statusCode, ph.body).toBe(404);
  });
});
