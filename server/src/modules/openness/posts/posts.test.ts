import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { shanghaiMonth } from '../../../platform/time.ts';
import { keptUp } from '../page/rules.ts';
import { makePost, multipart, tinyJpeg } from '../test-fixtures.ts';
import { monthlyCounts } from './monthly-counts.ts';

let env: TestEnv;
let secretary: Session;
let member: Session;
let townAdmin: Session;
let town2Admin: Session;
let branch: { id: number; path: string };
let town: { id: number; path: string };

beforeAll(async () => {
  env = await testEnv({ dataDir: `/tmp/hongyun-openness-test-${process.pid}` });
  [secretary, member, townAdmin, town2Admin] = await Promise.all(
    ['secretary', 'member', 'town_admin', 'town2_admin'].map((u) => login(env, u)),
  );
  [branch] = await query<{ id: number; path: string }>(
    env,
    `select o.id, o.path from role_grants g join users u on u.id = g.user_id join orgs o on o.id = g.org_id
      where u.username = 'secretary' and g.role = 'secretary'`,
  );
  [town] = await query<{ id: number; path: string }>(
    env,
    `select o.id, o.path from role_grants g join users u on u.id = g.user_id join orgs o on o.id = g.org_id
      where u.username = 'town_admin'`,
  );
});
afterAll(async () => {
  await env.close();
  fs.rmSync(env.config.dataDir, { recursive: true, force: true });
});

/** A request to the API as `s`, or as a visitor who has not logged in (null). */
const call = (
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => env.app.inject({ method, url: `/api/v1${url}`, payload, headers: { ...s?.headers, ...headers } });
/** The public pages, read without login. */
const visit = (url: string, headers: Record<string, string> = {}) =>
  call(null, 'GET', `/public${url}`, undefined, headers);
/** A multipart form (test-fixtures.ts multipart) sent as `s`. */
const upload = (s: Session, url: string, form: ReturnType<typeof multipart>) =>
  call(s, 'POST', url, form.payload, form.headers);
/** An item of the branch's page written as `s`: an update, public, unless the test says otherwise. */
const writePost = (s: Session, fields: { title: string; body: string } & Record<string, unknown>) =>
  call(s, 'POST', '/posts', { orgId: String(branch.id), kind: 'update', visibility: 'public', ...fields });
const count = async (sql: string, params: unknown[] = []) =>
  (await query<{ n: number }>(env, sql, params))[0].n;

describe('a secretary keeps the branch page: introduction, items, the public reads it without login', () => {
  it('stores script and event handlers sanitized, and the public page shows them inert', async () => {
    const put = await call(secretary, 'PUT', `/org-pages/${branch.id}`, {
      introduction:
        '<p onclick="steal()">本支部有党员<b>42</b>名</p><script>alert(1)</script><img src="x" onerror="alert(1)">',
      contactPhone: '028-86001234',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().introduction).toBe('<p>本支部有党员<b>42</b>名</p>');
    const [row] = await query<{ introduction: string; introduction_filled: boolean }>(
      env,
      'select introduction, introduction_filled from org_pages where org_id = $1',
      [branch.id],
    );
    expect(row).toEqual({ introduction: '<p>本支部有党员<b>42</b>名</p>', introduction_filled: true });

    const post = await writePost(secretary, {
      kind: 'update',
      title: '主题党日<script>',
      body: '<p>活动</p><img src="/api/v1/public/images/zz" onerror="alert(document.cookie)"><a href="javascript:alert(1)">链接</a>',
      visibility: 'public',
      publish: true,
    });
    expect(post.statusCode, post.body).toBe(201);
    const id = post.json().id;
    const pub = await visit(`/posts/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().body).not.toMatch(/onerror|javascript:|<script/i);
    // the title is text: the web shows it as text, never as markup
    expect(pub.json().title).toBe('主题党日<script>');
  });

  it('serves the public page with a short cache and an ETag, and answers 304 when nothing changed', async () => {
    const first = await visit(`/orgs/${branch.id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.json().introduction).toContain('42');
    const again = await visit(`/orgs/${branch.id}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await makePost(env, branch.id, { title: '新的一篇' });
    const changed = await visit(`/orgs/${branch.id}`, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
  });

  it('shows members-only items to the branch’s members, never to the public', async () => {
    const id = await makePost(env, branch.id, { visibility: 'members', title: '仅党员可见的通知' });
    const pub = await visit(`/orgs/${branch.id}?pageSize=200`);
    expect(pub.json().posts.items.map((p: { id: string }) => p.id)).not.toContain(String(id));
    expect((await visit(`/posts/${id}`)).statusCode).toBe(404);
    const mine = await call(member, 'GET', `/org-pages/${branch.id}/view?pageSize=200`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().posts.items.map((p: { id: string }) => p.id)).toContain(String(id));
    expect((await call(member, 'GET', `/posts/${id}`)).statusCode).toBe(200);
    expect((await call(town2Admin, 'GET', `/posts/${id}`)).statusCode).toBe(403);
  });
});

describe('publishing an announcement notifies the members of the org’s subtree', () => {
  it('creates one receipt per member in normal standing, and the notice opens the item', async () => {
    const res = await writePost(secretary, {
      kind: 'announcement',
      title: '关于召开党员大会的通知',
      body: '<p>周五下午三点</p>',
      visibility: 'members',
      publish: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const expected = await count(
      `select count(*)::int as n from members where org_path like $1 and left_at is null and party_standing = 'normal'`,
      [`${branch.path}%`],
    );
    expect(expected).toBeGreaterThan(0);
    const [notice] = await query<{ id: number; kind: string; link: string; recipient_count: number }>(
      env,
      `select id, kind, link, recipient_count from notices where source_type = 'post' and source_id = $1`,
      [String(id)],
    );
    expect(notice.kind).toBe('openness.announcement');
    expect(notice.link).toBe(`/m/posts/${id}`);
    expect(
      await count('select count(*)::int as n from notice_receipts where notice_id = $1', [notice.id]),
    ).toBe(expected);
  });

  it('sends nothing for a draft, and withdrawing takes the item off the page and out of the month’s count', async () => {
    const month = shanghaiMonth();
    const before = (await monthlyCounts(env.database.db, branch.path, month)).find(
      (c) => c.orgId === branch.id,
    );
    const draft = await writePost(secretary, {
      kind: 'publicity',
      title: '党费收缴公示',
      body: '<p>公示</p>',
      visibility: 'public',
    });
    const id = draft.json().id;
    expect(draft.json().status).toBe('draft');
    expect(await count(`select count(*)::int as n from notices where source_id = $1`, [String(id)])).toBe(0);
    const published = await call(secretary, 'POST', `/posts/${id}/publish`);
    expect(published.json().status).toBe('published');
    const mid = (await monthlyCounts(env.database.db, branch.path, month)).find((c) => c.orgId === branch.id);
    expect(mid!.publicity).toBe((before?.publicity ?? 0) + 1);
    const gone = await call(secretary, 'POST', `/posts/${id}/withdraw`, { reason: '数字有误' });
    expect(gone.json().status).toBe('withdrawn');
    expect((await visit(`/posts/${id}`)).statusCode).toBe(404);
    const after = (await monthlyCounts(env.database.db, branch.path, month)).find(
      (c) => c.orgId === branch.id,
    );
    expect(after!.publicity).toBe(before?.publicity ?? 0);
    // and a withdrawn item is not published again
    expect((await call(secretary, 'POST', `/posts/${id}/publish`)).statusCode).toBe(409);
  });
});

describe('pictures and attachments are checked by their bytes and their size', () => {
  it('refuses a 50 MB image at once, with a clear message, and stores nothing', async () => {
    const before = await count('select count(*)::int as n from openness_images');
    const big = multipart({
      field: 'image',
      name: 'huge.jpg',
      body: Buffer.alloc(50 * 1024 * 1024, 0xff),
      type: 'image/jpeg',
    });
    const res = await upload(secretary, `/openness/images?orgId=${branch.id}`, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('10 MB');
    expect(await count('select count(*)::int as n from openness_images')).toBe(before);
  });

  it('refuses an executable renamed .jpg, and one renamed .pdf as an attachment', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'),
      Buffer.alloc(2048),
    ]);
    const img = multipart({ field: 'image', name: 'photo.jpg', body: exe, type: 'image/jpeg' });
    const res = await upload(secretary, `/openness/images?orgId=${branch.id}`, img);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不是图片');
    const post = await makePost(env, branch.id, { published: false });
    const att = multipart({ field: 'file', name: '通知.pdf', body: exe, type: 'application/pdf' });
    const refused = await upload(secretary, `/posts/${post}/attachments`, att);
    expect(refused.statusCode).toBe(400);
    expect(await count('select count(*)::int as n from post_attachments where post_id = $1', [post])).toBe(0);
  });

  it('resizes a photo into a display size and a thumbnail, upright and without its metadata', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#a33' } })
      .withExif({ IFD0: { Make: 'PhoneMaker', Copyright: '张三' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const form = multipart({ field: 'image', name: 'IMG_0001.JPG', body: photo, type: 'image/jpeg' });
    const res = await upload(secretary, `/openness/images?orgId=${branch.id}`, form);
    expect(res.statusCode, res.body).toBe(201);
    const pic = res.json();
    expect([pic.width, pic.height]).toEqual([1600, 1067]);
    const display = await env.app.inject({ method: 'GET', url: pic.url });
    const thumb = await env.app.inject({ method: 'GET', url: pic.thumbUrl });
    expect(display.headers['content-type']).toBe('image/jpeg');
    const dm = await sharp(display.rawPayload).metadata();
    const tm = await sharp(thumb.rawPayload).metadata();
    expect([dm.width, tm.width]).toEqual([1600, 480]);
    expect(dm.exif).toBeUndefined();
    // the picture may now appear in the org's own text; another org's text drops it
    const own = await writePost(secretary, {
      title: '配图',
      body: `<p>图</p><img src="${pic.url}">`,
      coverImageId: pic.id,
    });
    expect(own.json().body).toContain(pic.url);
    expect(own.json().cover.id).toBe(pic.id);
  });
});

describe('writing to another org’s page is refused, and nothing is written', () => {
  it('a town-2 admin cannot write the introduction or an item of a town-1 branch', async () => {
    const pages = await count('select count(*)::int as n from org_pages');
    const posts = await count('select count(*)::int as n from posts');
    const put = await call(town2Admin, 'PUT', `/org-pages/${branch.id}`, { introduction: '<p>越权修改</p>' });
    expect(put.statusCode).toBe(403);
    const post = await writePost(town2Admin, {
      orgId: String(branch.id),
      kind: 'announcement',
      title: '越权',
      body: '<p>x</p>',
      visibility: 'public',
      publish: true,
    });
    expect(post.statusCode).toBe(403);
    expect(await count('select count(*)::int as n from org_pages')).toBe(pages);
    expect(await count('select count(*)::int as n from posts')).toBe(posts);
  });

  it('names the field of bad input, Chinese first', async () => {
    const res = await writePost(secretary, { title: '空', body: '<script>only()</script>' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^body：正文不能为空/);
  });
});

describe('the superior sees which orgs kept their page up', () => {
  it('lists the town’s orgs with the kept-up test the rule states, counted from the posts', async () => {
    const res = await call(townAdmin, 'GET', `/org-pages/kept-up?orgId=${town.id}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const mine = body.items.find((r: { orgId: string }) => r.orgId === String(branch.id));
    expect(mine.introductionFilled).toBe(true);
    expect(mine.counts.update).toBeGreaterThan(0);
    for (const r of body.items) expect(r.keptUp).toBe(keptUp(r.introductionFilled, r.counts.update));
    expect(body.keptUpCount).toBe(body.items.filter((r: { keptUp: boolean }) => r.keptUp).length);
    const share = await call(townAdmin, 'GET', `/org-pages/kept-up/share?orgId=${town.id}`);
    expect(share.json().items.length).toBeGreaterThan(0);
    const other = await call(town2Admin, 'GET', `/org-pages/kept-up?orgId=${town.id}`);
    expect(other.statusCode).toBe(403);
  });
});

describe('albums', () => {
  it('takes a photo with its caption, and shows a public album without login', async () => {
    const album = await call(secretary, 'POST', '/albums', {
      orgId: String(branch.id),
      title: '七一主题党日',
      visibility: 'public',
    });
    expect(album.statusCode, album.body).toBe(201);
    const form = multipart(
      { field: 'photo', name: 'a.png', body: await tinyJpeg(800), type: 'image/png' },
      { caption: '重温入党誓词' },
    );
    const photo = await upload(secretary, `/albums/${album.json().id}/photos`, form);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json().caption).toBe('重温入党誓词');
    const pub = await visit(`/albums/${album.json().id}`);
    expect(pub.json().photos).toHaveLength(1);
    const page = await visit(`/orgs/${branch.id}`);
    expect(page.json().albums.map((a: { title: string }) => a.title)).toContain('七一主题党日');
    const mine = await call(secretary, 'GET', `/albums?orgId=${branch.id}`);
    const listed = mine.json().items.find((a: { id: string }) => a.id === album.json().id);
    expect(listed.photoCount).toBe(1);
    expect(listed.cover.thumbUrl).toBe(photo.json().thumbUrl);
  });
});
