import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorDef, IndicatorMonth } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { opennessIndicators } from './indicators.ts';
import { makeAlbum, makeAlbumPhoto, makePost } from './test-fixtures.ts';

const M: IndicatorMonth = { month: '2026-09', ...shanghaiMonthRange('2026-09') };
const at = (s: string) => new Date(`${s}+08:00`).toISOString();

let env: TestEnv;
let a: number;
let b: number;

const def = (key: string): IndicatorDef => opennessIndicators.find((d) => d.key === key)!;
const values = async (key: string, orgIds = [a, b]) =>
  (await def(key).compute(env.database.db, M, orgIds)).sort((x, y) => x.orgId - y.orgId);
const recordsOf = (key: string, org: number) => def(key).records(env.database.db, org, M, 50);

async function message(
  org: number,
  createdAt: string,
  dueAt: string,
  answeredAt: string | null,
  status = 'open',
) {
  await query(
    env,
    `insert into messages (org_id, org_path, author_kind, author_name, phone_enc, body, status, created_at, due_at, first_answered_at)
     values ($1, '', 'public', '群众', 'x', $2, $3, $4, $5, $6)`,
    [org, `留言内容 ${createdAt}`, status, at(createdAt), at(dueAt), answeredAt && at(answeredAt)],
  );
}

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  a = (await makeOrg(env, town, 'branch', '公开测试第一支部')).id;
  b = (await makeOrg(env, town, 'branch', '公开测试第二支部')).id;
  await query(env, `update orgs set created_at = '2026-01-01' where id in ($1, $2)`, [a, b]);
  // A: introduction filled; B: a page without an introduction
  await query(
    env,
    `insert into org_pages (org_id, introduction, introduction_filled, updated_at) values ($1, '<p>简介</p>', true, $3), ($2, '', false, $3)`,
    [a, b, at('2026-03-01T09:00:00')],
  );

  // posts: A two updates in September (one withdrawn), one in August, an announcement on the
  // month's last evening and a draft; B one update on the first morning
  await makePost(env, a, { title: '九月动态', publishedAt: at('2026-09-12T10:00:00') });
  await makePost(env, a, { title: '撤回的动态', publishedAt: at('2026-09-15T10:00:00'), withdrawn: true });
  await makePost(env, a, { title: '八月动态', publishedAt: at('2026-08-31T23:00:00') });
  await makePost(env, a, { kind: 'announcement', title: '九月公告', publishedAt: at('2026-09-30T23:30:00') });
  await makePost(env, a, { kind: 'announcement', title: '草稿', published: false });
  await makePost(env, b, { title: 'B的动态', publishedAt: at('2026-09-01T00:10:00') });

  // messages: A one answered in time, one late, one never; one of August; B one closed unanswered
  await message(a, '2026-09-01T10:00:00', '2026-09-08T23:59:59', '2026-09-03T10:00:00', 'answered');
  await message(a, '2026-09-10T10:00:00', '2026-09-17T23:59:59', '2026-09-20T10:00:00', 'answered');
  await message(a, '2026-09-28T10:00:00', '2026-10-12T23:59:59', null);
  await message(a, '2026-08-20T10:00:00', '2026-08-27T23:59:59', '2026-08-21T10:00:00', 'answered');
  await message(b, '2026-09-05T10:00:00', '2026-09-11T23:59:59', null, 'closed');

  // album photos: two in A in September, one in A in October, none in B
  const album = await makeAlbum(env, a);
  for (const when of ['2026-09-02T10:00:00', '2026-09-03T10:00:00', '2026-10-01T10:00:00']) {
    const id = await makeAlbumPhoto(env, album);
    await query(env, 'update album_photos set created_at = $2 where id = $1', [id, at(when)]);
  }
});
afterAll(() => env.close());

describe('工作动态 and 组织公告', () => {
  it('published in the month and not withdrawn, per org; August’s and the draft are not counted', async () => {
    expect(await values('openness.updates')).toEqual([
      { orgId: a, num: 1 },
      { orgId: b, num: 1 },
    ]);
    expect(await values('openness.announcements')).toEqual([{ orgId: a, num: 1 }]);
    expect(await values('openness.updates', [b])).toEqual([{ orgId: b, num: 1 }]);
  });

  it('records: the withdrawn one not counted; a month without any says so', async () => {
    const recs = await recordsOf('openness.updates', a);
    expect(recs.map((r) => [r.title, r.counted])).toEqual([
      ['撤回的动态', false],
      ['九月动态', true],
    ]);
    expect(await recordsOf('openness.announcements', b)).toEqual([
      { title: '本月未发布组织公告', at: null, counted: false, href: `/org-page?orgId=${b}` },
    ]);
  });
});

describe('组织主页维护', () => {
  it('1 of 1 when the introduction is filled and an update came in the month, else 0 of 1', async () => {
    expect(await values('openness.page_kept')).toEqual([
      { orgId: a, num: 1, den: 1 },
      { orgId: b, num: 0, den: 1 },
    ]);
    // August: A's introduction, but its update came on the 31st: kept up; B nothing
    const aug = { month: '2026-08', ...shanghaiMonthRange('2026-08') };
    expect(await def('openness.page_kept').compute(env.database.db, aug, [a, b])).toEqual(
      expect.arrayContaining([
        { orgId: a, num: 1, den: 1 },
        { orgId: b, num: 0, den: 1 },
      ]),
    );
  });

  it('records say what B missed: the introduction', async () => {
    expect((await recordsOf('openness.page_kept', b)).map((r) => [r.title, r.counted])).toEqual([
      ['组织简介', false],
      ['本月工作动态', true],
    ]);
  });

  it('without orgIds: every org but 党小组, including the two', async () => {
    const all = await def('openness.page_kept').compute(env.database.db, M);
    expect(all.find((v) => v.orgId === b)).toEqual({ orgId: b, num: 0, den: 1 });
    const [{ n }] = await query<{ n: number }>(
      env,
      `select count(*)::int as n from orgs where kind <> 'group'`,
    );
    expect(all).toHaveLength(n);
  });
});

describe('留言按期答复率', () => {
  it('received in the month, answered by the deadline fixed on arrival', async () => {
    expect(await values('openness.messages_answered')).toEqual([
      { orgId: a, num: 1, den: 3 },
      { orgId: b, num: 0, den: 1 },
    ]);
    expect(await values('openness.messages_answered', [a])).toEqual([{ orgId: a, num: 1, den: 3 }]);
  });

  it('records: late and unanswered ones counted:false, with why', async () => {
    expect((await recordsOf('openness.messages_answered', a)).map((r) => [r.counted, r.note])).toEqual([
      [false, '未答复（答复期限 2026-10-12）'],
      [false, '逾期 3 天答复'],
      [true, '按期答复（2026-09-03）'],
    ]);
    expect((await recordsOf('openness.messages_answered', b)).map((r) => r.note)).toEqual(['未答复即关闭']);
  });
});

describe('支部相册照片', () => {
  it('photos added in the month to the org’s albums', async () => {
    expect(await values('openness.photos')).toEqual([{ orgId: a, num: 2 }]);
    expect(await recordsOf('openness.photos', a)).toHaveLength(2);
    expect((await recordsOf('openness.photos', b))[0]).toMatchObject({ counted: false });
  });
});
