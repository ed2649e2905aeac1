import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;
let town: number;

/** A post of the town's page, written straight into the database (as the openness factories do). */
async function post(
  kind: string,
  title: string,
  o: { visibility?: string; published?: boolean; withdrawn?: boolean } = {},
) {
  await query(
    env,
    `insert into posts (org_id, org_path, kind, title, body, excerpt, visibility, published_at, withdrawn_at, author_name)
     values ($1, '', $2, $3, '<p>正文</p>', $4, $5, $6, $7, '张作者')`,
    [
      town,
      kind,
      title,
      `${title}的摘要`,
      o.visibility ?? 'public',
      o.published === false ? null : new Date().toISOString(),
      o.withdrawn ? new Date().toISOString() : null,
    ],
  );
}

const get = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  // no built web app (webDir does not exist): the portal answers / all the same
  env = await testEnv();
  town = await orgId(env, '中共青山区清河镇委员会');
  await post('announcement', '关于召开七月主题党日的公告');
  await post('update', '清河镇开展党史学习教育');
  await post('publicity', '二〇二六年党费收缴情况公开');
  await post('update', '仅党员可见的支部动态', { visibility: 'members' });
  await post('update', '还没发布的草稿', { published: false });
  await post('announcement', '已撤回的公告', { withdrawn: true });
});
afterAll(() => env.close());

describe('the public portal at / (issue 17, item 1)', () => {
  it('anyone, without login, reads the public announcements, news and 党务公开 items, and the entrances', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    for (const heading of ['组织公告', '工作动态', '党务公开', '服务入口']) expect(html).toContain(heading);
    expect(html).toContain('关于召开七月主题党日的公告');
    expect(html).toContain('清河镇开展党史学习教育');
    expect(html).toContain('二〇二六年党费收缴情况公开');
    // the doors: log in, the district's page and its message form, elder mode, search
    expect(html).toContain('href="/login"');
    expect(html).toMatch(/href="\/p\/orgs\/\d+"/);
    expect(html).toMatch(/href="\/p\/orgs\/\d+\/message"/);
    expect(html).toContain('href="/?elder=1"');
    expect(html).toContain('action="/search"');
    // no script: the page works on any phone, and the CSP stays strict
    expect(html).not.toContain('<script');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('never shows what is members-only, unpublished or withdrawn, nor who wrote it', async () => {
    const html = (await get('/')).body;
    expect(html).not.toContain('仅党员可见的支部动态');
    expect(html).not.toContain('还没发布的草稿');
    expect(html).not.toContain('已撤回的公告');
    expect(html).not.toContain('张作者');
  });

  it('is kept a short while: a post published meanwhile shows when the half minute is over, not at once', async () => {
    await get('/');
    await post('announcement', '刚刚发布的公告');
    expect((await get('/')).body).not.toContain('刚刚发布的公告');
  });

  it('travels compressed to a browser that accepts it', async () => {
    const res = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toContain('组织公告');
  });

  it('长辈版: ?elder=1 turns it on for the device (a cookie); the page is one size up with fewer items', async () => {
    const on = await get('/?elder=1');
    expect(on.body).toContain('<html lang="zh-CN" class="hy-elder">');
    expect(on.body).toContain('href="/?elder=0"');
    const cookie = on.cookies.find((c) => c.name === 'hy_elder');
    expect(cookie?.value).toBe('1');
    expect(on.headers['cache-control']).toBe('private, no-cache');
    // the cookie alone keeps it on (the member app's switch writes the same cookie)
    const again = await get('/', { cookie: 'hy_elder=1' });
    expect(again.body).toContain('class="hy-elder"');
    expect((await get('/')).body).not.toContain('class="hy-elder"');
  });

  it('speaks English when asked', async () => {
    const res = await get('/?lang=en');
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Member login');
    expect(res.body).toContain('Announcements');
  });
});

describe('the portal search (GET /search?q=)', () => {
  it('finds public items by the words of their title, newest first, and links to their public page', async () => {
    const res = await get(`/search?q=${encodeURIComponent('七月 主题党日')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('关于召开七月主题党日的公告');
    expect(res.body).toMatch(/href="\/p\/posts\/\d+"/);
    expect(res.body).toContain('“七月 主题党日”的搜索结果：1 条');
  });

  it('never finds what the portal does not show', async () => {
    for (const q of ['仅党员可见', '草稿', '已撤回']) {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.body, q).toContain('没有找到相关的公开内容');
    }
  });

  it('takes %, _ and markup literally', async () => {
    const res = await get(`/search?q=${encodeURIComponent('%<script>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('没有找到相关的公开内容');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;');
  });

  it('refuses words too long or with control characters with a 400 that says why in words', async () => {
    const long = await get(`/search?q=${encodeURIComponent('党'.repeat(51))}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('搜索词不能超过 50 个字');
    const nul = await get('/search?q=%00abc');
    expect(nul.statusCode).toBe(400);
  });
});
