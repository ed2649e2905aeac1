import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../test/harness.ts';

let env: TestEnv;
let town: Session;
let town1: number;
let town2: number;
let village: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  [{ id: village }] = await query<{ id: number }>(
    env,
    "select id from orgs where parent_id = $1 and kind = 'general_branch' order by sort_order limit 1",
    [town1],
  );
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

describe('org tree for a town org_admin', () => {
  it('lists the town as its root and its villages lazily, in sort order, with child counts', async () => {
    const roots = (await api(town, 'GET', '/orgs/roots')).json();
    expect(roots.items.map((o: { id: string }) => o.id)).toEqual([String(town1)]);
    const kids = (await api(town, 'GET', `/orgs/${town1}/children`)).json();
    expect(kids.total).toBeGreaterThan(15);
    const orders = kids.items.map((o: { sortOrder: number }) => o.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(kids.items.find((o: { id: string }) => o.id === String(village)).childCount).toBeGreaterThan(1);
  });

  it('creates a branch under a village general branch, audited, and finds it by name', async () => {
    const res = await api(town, 'POST', '/orgs', {
      parentId: String(village),
      name: '青年党员党支部',
      code: 'QH-QN-01',
      kind: 'branch',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ parentId: String(village), kind: 'branch', depth: 3, childCount: 0 });
    const found = (await api(town, 'GET', `/orgs?q=${encodeURIComponent('青年党员')}`)).json();
    expect(found.items.map((o: { id: string }) => o.id)).toContain(created.id);
    const [entry] = await query<{ action: string; after: { name: string } }>(
      env,
      "select action, after from audit_log where target_type = 'org' and target_id = $1",
      [created.id],
    );
    expect(entry).toMatchObject({ action: 'org.created', after: { name: '青年党员党支部' } });
    // and the breadcrumb of the new branch starts at the top of the admin's scope
    const detail = (await api(town, 'GET', `/orgs/${created.id}`)).json();
    expect(detail.ancestors.map((a: { id: string }) => a.id)).toEqual([String(town1), String(village)]);
  });

  it('refuses a duplicate code with 409 naming the field, and a group under a general branch with 400', async () => {
    const dup = await api(town, 'POST', '/orgs', {
      parentId: String(village),
      name: '重复',
      code: 'HY000002',
      kind: 'branch',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('code');
    expect(dup.json().error.message).toContain('HY000002');
    const wrongKind = await api(town, 'POST', '/orgs', {
      parentId: String(village),
      name: '小组',
      code: 'QH-X-1',
      kind: 'group',
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.message).toContain('党总支下不能设立党小组');
  });

  it('renames an org and records only what changed', async () => {
    const o = await makeOrg(env, town1, 'branch', '旧名党支部');
    const res = await api(town, 'PATCH', `/orgs/${o.id}`, { name: '新名党支部' });
    expect(res.json().name).toBe('新名党支部');
    const [entry] = await query<{ before: object; after: object }>(
      env,
      "select before, after from audit_log where action = 'org.updated' and target_id = $1",
      [String(o.id)],
    );
    expect(entry).toEqual({ before: { name: '旧名党支部' }, after: { name: '新名党支部' } });
  });

  it('moves a subtree with all its descendants, and refuses a move under its own descendant', async () => {
    const a = await makeOrg(env, town1, 'general_branch');
    const b = await makeOrg(env, a.id, 'branch');
    const c = await makeOrg(env, b.id, 'group');
    const dest = await makeOrg(env, town1, 'committee');
    const cycle = await api(town, 'POST', `/orgs/${a.id}/move`, { parentId: String(b.id) });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details[0].path).toBe('parentId');
    const moved = await api(town, 'POST', `/orgs/${a.id}/move`, { parentId: String(dest.id), position: 0 });
    expect(moved.statusCode, moved.body).toBe(200);
    const [row] = await query<{ path: string; depth: number }>(
      env,
      'select path, depth from orgs where id = $1',
      [c.id],
    );
    expect(row.path).toBe(`${dest.path}${a.id}/${b.id}/${c.id}/`);
    expect(row.depth).toBe(5); // district 0 → town 1 → dest 2 → a 3 → b 4 → c 5
  });

  it('cannot move its own scope root away or into another town', async () => {
    expect((await api(town, 'POST', `/orgs/${town1}/move`, { parentId: String(town2) })).statusCode).toBe(
      403,
    );
    const mine = await makeOrg(env, town1, 'branch');
    expect((await api(town, 'POST', `/orgs/${mine.id}/move`, { parentId: String(town2) })).statusCode).toBe(
      403,
    );
    const [row] = await query<{ parent_id: number }>(env, 'select parent_id from orgs where id = $1', [
      mine.id,
    ]);
    expect(row.parent_id).toBe(town1);
  });

  it('reorders children only when given exactly the set of children', async () => {
    const p = await makeOrg(env, town1, 'general_branch');
    const x = await makeOrg(env, p.id, 'branch');
    const y = await makeOrg(env, p.id, 'branch');
    expect((await api(town, 'POST', `/orgs/${p.id}/reorder`, { childIds: [String(y.id)] })).statusCode).toBe(
      400,
    );
    expect(
      (await api(town, 'POST', `/orgs/${p.id}/reorder`, { childIds: [String(y.id), String(x.id)] }))
        .statusCode,
    ).toBe(200);
    const kids = (await api(town, 'GET', `/orgs/${p.id}/children`)).json();
    expect(kids.items.map((o: { id: string }) => o.id)).toEqual([String(y.id), String(x.id)]);
  });

  it('deletes only an empty org: sub-orgs or accounts make it a 409 that says what is there', async () => {
    const p = await makeOrg(env, town1, 'general_branch');
    await makeOrg(env, p.id, 'branch');
    const full = await api(town, 'DELETE', `/orgs/${p.id}`);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toContain('1 个下级党组织');
    const withUser = await makeOrg(env, town1, 'branch');
    await makeUser(env, { orgId: withUser.id });
    expect((await api(town, 'DELETE', `/orgs/${withUser.id}`)).statusCode).toBe(409);
    const empty = await makeOrg(env, town1, 'branch');
    expect((await api(town, 'DELETE', `/orgs/${empty.id}`)).statusCode).toBe(200);
    expect(await query(env, 'select 1 from orgs where id = $1', [empty.id])).toHaveLength(0);
  });

  it('counts a subtree by kind', async () => {
    const stats = (await api(town, 'GET', `/orgs/${town1}/stats`)).json();
    const [{ n }] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from orgs where path like $1 || '%' and id <> $2",
      [(await query<{ path: string }>(env, 'select path from orgs where id = $1', [town1]))[0].path, town1],
    );
    expect(stats.descendants).toBe(n);
    expect(stats.byKind.branch).toBeGreaterThan(10);
  });

  it('sees nothing of another town: detail, children, search and stats are refused', async () => {
    for (const url of [
      `/orgs/${town2}`,
      `/orgs/${town2}/children`,
      `/orgs?under=${town2}`,
      `/orgs/${town2}/stats`,
    ]) {
      const res = await api(town, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.message).toContain('无权访问');
    }
    const search = (await api(town, 'GET', `/orgs?q=${encodeURIComponent('石桥镇')}`)).json();
    expect(search.items.every((o: { name: string }) => !o.name.includes('石桥镇'))).toBe(true);
  });
});
