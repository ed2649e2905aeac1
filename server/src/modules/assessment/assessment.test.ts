import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemeView } from '../../../../contracts/assessment/scheme.ts';
import type { MonthState, OrgMonth, Rankings } from '../../../../contracts/assessment/scores.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../platform/time.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';

/**
 * The assessment over the demo district with the modules' real indicators: the department's
 * scheme and its checks, running, closing and reopening a month, adjustments, reproducibility,
 * and who may see what.
 */
let env: TestEnv;
let admin: Session;
let town: Session;
let town1: number;
let town2: number;
const month = addMonthsToMonth(shanghaiMonth(), -1);

beforeAll(async () => {
  env = await testEnv();
  admin = await login(env, 'admin');
  town = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
});
afterAll(() => env.close());

const api = (s: Session | null, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s?.headers ?? {} });
const count = async (sql: string, params: unknown[] = []) =>
  Number((await query<{ n: string }>(env, sql, params))[0].n);
const audits = (action: string) => count('select count(*) as n from audit_log where action = $1', [action]);
const snapshot = async (m: string) => ({
  scores: await query(env, 'select * from assessment_scores where month = $1 order by org_id', [m]),
  items: await query(env, 'select * from assessment_items where month = $1 order by org_id, key', [m]),
  values: await query(env, 'select * from assessment_values where month = $1 order by key, org_id', [m]),
});

describe('the scheme', () => {
  it('is the default one until the department sets its own: outcomes scored, weights adding up to 100', async () => {
    const res = await api(admin, 'GET', '/assessment/scheme');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<SchemeView>();
    expect(view.source).toBe('default');
    expect(view.scheme.items.length).toBeGreaterThan(3);
    expect(view.scheme.items.reduce((s, i) => s + i.weight, 0)).toBeCloseTo(100, 6);
    const basis = new Map(view.indicators.map((i) => [i.key, i.basis]));
    for (const i of view.scheme.items) expect(basis.get(i.key)).toBe('outcome');
    expect(view.warnings).toEqual([]);
  });

  it('refuses weights that do not add up and a negative target, naming the fields; nothing changes', async () => {
    const { scheme } = (await api(admin, 'GET', '/assessment/scheme')).json<SchemeView>();
    const before = await audits('assessment.scheme_changed');
    const bad = {
      ...scheme,
      items: scheme.items.map((i, n) => (n === 0 ? { ...i, weight: i.weight + 5 } : i)),
    };
    const res = await api(admin, 'PUT', '/assessment/scheme', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('各项权重之和须为 100');
    const negative = { ...scheme, items: scheme.items.map((i, n) => (n === 0 ? { ...i, target: -1 } : i)) };
    const neg = await api(admin, 'PUT', '/assessment/scheme', negative);
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.message).toContain('items.0.target');
    expect(await count('select count(*) as n from assessment_schemes')).toBe(0);
    expect(await audits('assessment.scheme_changed')).toBe(before);
  });

  it('is the department’s alone to change; a town admin may read it', async () => {
    const { scheme } = (await api(admin, 'GET', '/assessment/scheme')).json<SchemeView>();
    expect((await api(town, 'GET', '/assessment/scheme')).statusCode).toBe(200);
    expect((await api(town, 'PUT', '/assessment/scheme', scheme)).statusCode).toBe(403);
  });

  it('scoring member logins is saved but flagged with the 2024/2026 rules', async () => {
    const view = (await api(admin, 'GET', '/assessment/scheme')).json<SchemeView>();
    const login = view.indicators.find((i) => i.basis === 'activity');
    expect(login, 'an activity-based indicator (logins, study time) is offered').toBeTruthy();
    // the first scored item gives its weight to member logins
    const [first, ...rest] = view.scheme.items;
    const target = login!.measure === 'rate' ? 0.4 : 1;
    const items = [...rest, { key: login!.key, weight: first.weight, target, bonusPer: 0, bonusMax: 0 }];
    const res = await api(admin, 'PUT', '/assessment/scheme', { items, shown: [] });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<SchemeView>();
    expect(saved.source).toBe('department');
    expect(saved.warnings.map((w) => w.key)).toEqual([login!.key]);
    expect(saved.warnings[0].message).toContain('不得作为考核依据');
    expect(await audits('assessment.scheme_changed')).toBe(1);
    // back to the default's items for the rest of the file
    const back = await api(admin, 'PUT', '/assessment/scheme', view.scheme);
    expect(back.statusCode, back.body).toBe(200);
  });
});

describe('a month', () => {
  it('is computed in full the first time, then only for orgs written to; the same inputs give identical rows', async () => {
    const first = await api(admin, 'POST', `/assessment/months/${month}/compute`, { full: false });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<MonthState>().lastRun?.mode).toBe('full');
    const a = await snapshot(month);
    expect(a.scores.length).toBe(await count('select count(*) as n from orgs'));
    const again = await api(admin, 'POST', `/assessment/months/${month}/compute`, { full: false });
    expect(again.json<MonthState>().lastRun).toMatchObject({ mode: 'incremental' });
    const full = await api(admin, 'POST', `/assessment/months/${month}/compute`, { full: true });
    expect(full.json<MonthState>().lastRun?.mode).toBe('full');
    expect(await snapshot(month)).toEqual(a);
    expect(await audits('assessment.computed')).toBe(3);
  });

  it('after a write, rewrites only the orgs above it, and gives the rows a full run gives', async () => {
    const now = shanghaiMonth();
    expect((await api(admin, 'POST', `/assessment/months/${now}/compute`, { full: true })).statusCode).toBe(
      200,
    );
    const [branch] = await query<{ id: string; path: string }>(
      env,
      `select id, path from orgs where kind = 'branch' and path like (select path from orgs where id = $1) || '%' order by id limit 1`,
      [town1],
    );
    const post = await api(admin, 'POST', '/posts', {
      orgId: String(branch.id),
      kind: 'announcement',
      title: '关于召开组织生活会的通知',
      body: '<p>定于本月底召开组织生活会。</p>',
      visibility: 'public',
    });
    expect(post.statusCode, post.body).toBe(201);
    expect((await api(admin, 'POST', `/posts/${post.json().id}/publish`)).statusCode).toBe(200);
    const before = await snapshot(now);
    const run = await api(admin, 'POST', `/assessment/months/${now}/compute`, { full: false });
    expect(run.json<MonthState>().lastRun).toMatchObject({ mode: 'incremental' });
    const after = await snapshot(now);
    const key = 'openness.announcements';
    const sum = (rows: Record<string, unknown>[], id: string) =>
      Number(rows.find((r) => String(r.org_id) === id && r.key === key)?.num ?? 0);
    // the branch and every org above it count one announcement more; the rows of the others stand
    for (const id of branch.path.split('/').filter(Boolean))
      expect(sum(after.items, id), id).toBe(sum(before.items, id) + 1);
    const outside = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => !branch.path.split('/').includes(String(r.org_id)));
    expect(outside(after.items)).toEqual(outside(before.items));
    expect((await api(admin, 'POST', `/assessment/months/${now}/compute`, { full: true })).statusCode).toBe(
      200,
    );
    expect(await snapshot(now)).toEqual(after);
  });

  it('ranks a town’s orgs by score and says how many 党支部 recorded nothing', async () => {
    const res = await api(town, 'GET', `/assessment/months/${month}/rankings`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Rankings>();
    expect(r.org.orgId).toBe(String(town1));
    expect(r.org.units).toBeGreaterThan(0);
    const scored = r.children.filter((c) => c.score != null);
    expect(scored.length).toBeGreaterThan(1);
    expect(scored.map((c) => c.rank)).toEqual([...scored.map((c) => c.rank)].sort((x, y) => x! - y!));
    for (let i = 1; i < scored.length; i++)
      expect(scored[i - 1].score!).toBeGreaterThanOrEqual(scored[i].score!);
    // the town's score is the mean of its 党支部's
    const { rows } = await env.database.pool.query(
      `select round(avg(s.score::numeric), 2)::float8 as mean from assessment_scores s join orgs o on o.id = s.org_id
        where s.month = $1 and s.unit and o.path like (select path from orgs where id = $2) || '%'`,
      [month, town1],
    );
    expect(r.org.score).toBe(rows[0].mean);
  });

  it('is seen only in the admin’s subtree', async () => {
    expect((await api(town, 'GET', `/assessment/months/${month}/rankings?orgId=${town2}`)).statusCode).toBe(
      403,
    );
    expect((await api(town, 'GET', `/assessment/months/${month}/orgs/${town2}`)).statusCode).toBe(403);
    expect((await api(town, 'POST', `/assessment/months/${month}/compute`, { full: true })).statusCode).toBe(
      403,
    );
  });

  it('takes an adjustment only with a reason, and the score shows it at once', async () => {
    const unit = (
      await query<{ org_id: string; score: number }>(
        env,
        `select s.org_id, s.score from assessment_scores s join orgs o on o.id = s.org_id
          where s.month = $1 and s.unit and o.path like (select path from orgs where id = $2) || '%' order by o.id limit 1`,
        [month, town1],
      )
    )[0];
    const noReason = await api(admin, 'POST', `/assessment/months/${month}/adjustments`, {
      orgId: String(unit.org_id),
      points: 3,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('reason');
    const res = await api(admin, 'POST', `/assessment/months/${month}/adjustments`, {
      orgId: String(unit.org_id),
      points: 3,
      reason: '获评县级"五星支部"',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<OrgMonth>();
    expect(after.org.score).toBeCloseTo(unit.score + 3, 6);
    expect(after.adjustments.map((a) => [a.points, a.reason])).toEqual([[3, '获评县级"五星支部"']]);
    expect(await audits('assessment.adjusted')).toBe(1);
  });

  it('once closed, is not recomputed or adjusted until reopened with a reason', async () => {
    expect((await api(admin, 'POST', `/assessment/months/${month}/close`)).statusCode).toBe(200);
    const before = await snapshot(month);
    const again = await api(admin, 'POST', `/assessment/months/${month}/compute`, { full: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已关闭');
    const adj = await api(admin, 'POST', `/assessment/months/${month}/adjustments`, {
      orgId: String(town1),
      points: 1,
      reason: '补充加分',
    });
    expect(adj.statusCode).toBe(409);
    expect(await snapshot(month)).toEqual(before);
    const noReason = await api(admin, 'POST', `/assessment/months/${month}/reopen`, {});
    expect(noReason.statusCode).toBe(400);
    const reopened = await api(admin, 'POST', `/assessment/months/${month}/reopen`, {
      reason: '补录漏报的组织生活',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json<MonthState>().state).toBe('open');
    expect(await audits('assessment.month_reopened')).toBe(1);
  });

  it('refuses a month that has not come yet', async () => {
    const res = await api(
      admin,
      'POST',
      `/assessment/months/${addMonthsToMonth(shanghaiMonth(), 1)}/compute`,
      {
        full: true,
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('尚未到来');
  });
});
