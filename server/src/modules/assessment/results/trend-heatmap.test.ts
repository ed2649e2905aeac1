import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heatmap, Trend } from '../../../../../contracts/assessment/scores.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';

/**
 * The dashboard's trend and heat map over the demo district, two months computed: every figure
 * against the kept rows (assessment_scores, assessment_items), the caller's scope, bad parameters.
 */
let env: TestEnv;
let admin: Session;
let town: Session;
let root: number;
let town1: number;
let town2: number;
const month = addMonthsToMonth(shanghaiMonth(), -1);
const before = addMonthsToMonth(month, -1);

beforeAll(async () => {
  env = await testEnv();
  admin = await login(env, 'admin');
  town = await login(env, 'town_admin');
  root = Number((await query<{ id: string }>(env, 'select id from orgs where parent_id is null'))[0].id);
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  for (const m of [before, month]) {
    const res = await api(admin, `/assessment/months/${m}/compute`, 'POST', { full: true });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => env.close());

const api = (s: Session, url: string, method = 'GET', payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

/** Each org's score by month, as kept. */
async function scoresOf(ids: string[], months: string[]) {
  const rows = await query<{ org_id: string; month: string; score: number | null }>(
    env,
    'select org_id, month, score from assessment_scores where org_id = any($1::int8[]) and month = any($2::text[])',
    [ids, months],
  );
  const by = new Map(rows.map((r) => [`${r.org_id}:${r.month}`, r.score]));
  return (id: string) => months.map((m) => by.get(`${id}:${m}`) ?? null);
}

const childrenOf = async (id: number) =>
  (
    await query<{ id: string }>(
      env,
      `select id from orgs where parent_id = $1 and kind <> 'group' order by id`,
      [id],
    )
  ).map((r) => String(r.id));

describe('the trend', () => {
  it('gives the town and each of its children their kept score for each month, oldest first', async () => {
    const res = await api(town, `/assessment/months/${month}/trend?months=2`);
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json<Trend>();
    expect(t.months).toEqual([before, month]);
    expect(t.org.orgId).toBe(String(town1));
    const ids = t.children.map((c) => c.orgId);
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual(await childrenOf(town1));
    const kept = await scoresOf([t.org.orgId, ...ids], t.months);
    expect(t.org.scores).toEqual(kept(t.org.orgId));
    for (const c of t.children) expect(c.scores, c.name).toEqual(kept(c.orgId));
    // both months were computed: every child with 党支部 below has a score in each
    expect(t.org.scores.every((s) => typeof s === 'number')).toBe(true);
    expect(t.children.filter((c) => c.scores.every((s) => s != null)).length).toBeGreaterThan(1);
  });

  it('reaches back 12 months by default, null where a month was never computed', async () => {
    const res = await api(admin, `/assessment/months/${month}/trend`);
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json<Trend>();
    expect(t.org.orgId).toBe(String(root));
    expect(t.months).toHaveLength(12);
    expect(t.months[0]).toBe(addMonthsToMonth(month, -11));
    const kept = await scoresOf([String(root)], [before, month]);
    expect(t.org.scores.slice(10)).toEqual(kept(String(root)));
    expect(t.org.scores.slice(0, 10)).toEqual(Array(10).fill(null));
    expect(t.children.map((c) => c.orgId)).toContain(String(town1));
  });

  it('is refused outside the caller’s subtree; a bad month, count or org is a 400, no such org a 404', async () => {
    expect((await api(town, `/assessment/months/${month}/trend?orgId=${town2}`)).statusCode).toBe(403);
    expect((await api(town, `/assessment/months/${month}/trend?orgId=${root}`)).statusCode).toBe(403);
    for (const q of ['months=1', 'months=25', 'months=x', 'orgId=abc', 'foo=1'])
      expect((await api(admin, `/assessment/months/${month}/trend?${q}`)).statusCode, q).toBe(400);
    expect((await api(admin, '/assessment/months/2026-13/trend')).statusCode).toBe(400);
    expect((await api(admin, `/assessment/months/${month}/trend?orgId=999999999`)).statusCode).toBe(404);
  });
});

type ItemRow = {
  org_id: string;
  key: string;
  num: string;
  den: string | null;
  points: number | null;
  met: number | null;
};

describe('the heat map', () => {
  async function check(h: Heatmap, m: string) {
    const [state] = await query<{ scheme: { items: { key: string; weight: number; target: number }[] } }>(
      env,
      'select scheme from assessment_months where month = $1',
      [m],
    );
    expect(h.columns.map((c) => [c.key, c.weight, c.target])).toEqual(
      state.scheme.items.map((i) => [i.key, i.weight, i.target]),
    );
    for (const c of h.columns) expect(c.label).not.toBe(c.key);
    const ids = h.rows.map((r) => r.orgId);
    const rows = await query<ItemRow>(
      env,
      'select * from assessment_items where month = $1 and org_id = any($2::int8[])',
      [m, ids],
    );
    const item = new Map(rows.map((r) => [`${r.org_id}:${r.key}`, r]));
    const scores = await query<{ org_id: string; score: number | null; unit: boolean }>(
      env,
      'select org_id, score, unit from assessment_scores where month = $1 and org_id = any($2::int8[])',
      [m, ids],
    );
    const score = new Map(scores.map((s) => [String(s.org_id), s]));
    let units = 0;
    let above = 0;
    for (const r of h.rows) {
      expect(r.score, r.name).toBe(score.get(r.orgId)?.score);
      expect(r.unit, r.name).toBe(score.get(r.orgId)?.unit);
      expect(r.cells).toHaveLength(h.columns.length);
      if (r.unit) {
        units++;
        // the weights of the items that apply count as 100 (scheme/rules.ts): points = weight × value × scale
        const applicable = h.columns.reduce(
          (s, c) => s + (item.get(`${r.orgId}:${c.key}`)?.points != null ? c.weight : 0),
          0,
        );
        h.columns.forEach((c, i) => {
          const kept = item.get(`${r.orgId}:${c.key}`)!;
          const cell = r.cells[i];
          expect(cell.points, `${r.name} ${c.key}`).toBe(kept.points);
          expect(cell.num).toBe(Number(kept.num));
          if (kept.points == null) {
            expect(cell.value).toBeNull();
            return;
          }
          expect(cell.value).toBeGreaterThanOrEqual(0);
          expect(cell.value).toBeLessThanOrEqual(1);
          // the default scheme gives no extra points
          expect(c.weight * cell.value! * (100 / applicable)).toBeCloseTo(kept.points, 1);
        });
      } else {
        above++;
        for (const [i, c] of h.columns.entries()) {
          const kept = item.get(`${r.orgId}:${c.key}`);
          const [{ n }] = await query<{ n: number }>(
            env,
            `select count(*)::int as n from assessment_items i
               join assessment_scores s on s.month = i.month and s.org_id = i.org_id and s.unit
               join orgs o on o.id = i.org_id
              where i.month = $1 and i.key = $2 and i.points is not null and o.id <> $3
                and o.path like (select path from orgs where id = $3) || '%'`,
            [m, c.key, r.orgId],
          );
          const cell = r.cells[i];
          expect(cell.met, `${r.name} ${c.key}`).toBe(kept?.met ?? null);
          expect(cell.of).toBe(n);
          expect(cell.num).toBe(kept ? Number(kept.num) : 0);
          expect(cell.value).toBe(n > 0 ? kept!.met! / n : null);
        }
      }
    }
    return { units, above };
  }

  it('crosses a town’s branches with the month’s scored items: each cell as the branch was scored', async () => {
    for (const m of [before, month]) {
      const res = await api(town, `/assessment/months/${m}/heatmap`);
      expect(res.statusCode, res.body).toBe(200);
      const h = res.json<Heatmap>();
      expect(h.month).toBe(m);
      expect(h.org.orgId).toBe(String(town1));
      expect(h.computedAt).not.toBeNull();
      expect([...h.rows.map((r) => r.orgId)].sort((a, b) => Number(a) - Number(b))).toEqual(
        await childrenOf(town1),
      );
      const { units } = await check(h, m);
      expect(units).toBeGreaterThan(1);
      // some cell says something: not every value null
      expect(h.rows.some((r) => r.cells.some((c) => c.value != null))).toBe(true);
    }
  });

  it('crosses the district’s towns with the items: the share of their branches on target', async () => {
    const res = await api(admin, `/assessment/months/${month}/heatmap?orgId=${root}`);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json<Heatmap>();
    const { above } = await check(h, month);
    expect(above).toBeGreaterThan(1);
    expect(h.rows.map((r) => r.orgId)).toContain(String(town2));
  });

  it('has columns but no figures in a month never computed', async () => {
    const m = addMonthsToMonth(month, -6);
    const res = await api(town, `/assessment/months/${m}/heatmap`);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json<Heatmap>();
    expect(h.computedAt).toBeNull();
    expect(h.columns.length).toBeGreaterThan(0);
    expect(h.rows.every((r) => r.score == null && r.cells.every((c) => c.value == null))).toBe(true);
  });

  it('is refused outside the caller’s subtree; bad parameters are a 400', async () => {
    expect((await api(town, `/assessment/months/${month}/heatmap?orgId=${town2}`)).statusCode).toBe(403);
    for (const q of ['orgId=abc', 'months=3'])
      expect((await api(admin, `/assessment/months/${month}/heatmap?${q}`)).statusCode, q).toBe(400);
    expect((await api(admin, '/assessment/months/202611/heatmap')).statusCode).toBe(400);
    expect((await api(admin, `/assessment/months/${month}/heatmap?orgId=999999999`)).statusCode).toBe(404);
  });
});
