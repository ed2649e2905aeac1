import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';

let env: TestEnv;
let admin: Session;
let root: { id: number; path: string };
/** The demo month with the most activities held (the demo is dated around the day it was seeded). */
let month: string;

beforeAll(async () => {
  env = await testEnv();
  admin = await login(env, 'admin');
  [root] = await query<{ id: number; path: string }>(
    env,
    'select id, path from orgs where parent_id is null',
  );
  [{ month }] = await query<{ month: string }>(
    env,
    `select to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month from activities
      where status = 'held' group by 1 order by count(*) desc, 1 limit 1`,
  );
});
afterAll(() => env.close());

type Row = { orgId: string; heldTotal: number; expected: number; present: number };
const monthly = async (orgId: number) => {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/v1/activities/monthly?orgId=${orgId}&month=${month}`,
    headers: admin.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Row[]; total: Row };
};

/** Held in the month anywhere below each child of `parent`, counted straight from the records. */
const heldBelow = (parent: number) =>
  query<{ id: string; held: number; expected: number }>(
    env,
    `select k.id::text, count(a.id)::int as held,
            coalesce(sum((select count(*) from activity_attendees t where t.activity_id = a.id and t.expected)), 0)::int as expected
       from orgs k
       left join activities a on a.org_path like k.path || '%' and a.status = 'held'
            and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') = $2
      where k.parent_id = $1
      group by k.id
     union all
     -- the parent's own activities, a row of their own when there are any
     select k.id::text, count(a.id)::int,
            coalesce(sum((select count(*) from activity_attendees t where t.activity_id = a.id and t.expected)), 0)::int
       from orgs k join activities a on a.org_path = k.path and a.status = 'held'
            and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') = $2
      where k.id = $1
      group by k.id`,
    [parent, month],
  );

describe('the superior’s monthly view: each activity counted under the child of the org it lies below', () => {
  it('at the district: each town holds what its branches (two levels down and more) held, the total their sum', async () => {
    const view = await monthly(root.id);
    const want = await heldBelow(root.id);
    expect(
      want.reduce((n, r) => n + r.held, 0),
      'the demo holds activities that month',
    ).toBeGreaterThan(0);
    expect(view.items.map((r) => [r.orgId, r.heldTotal, r.expected]).sort()).toEqual(
      want.map((r) => [r.id, r.held, r.expected]).sort(),
    );
    expect(view.total.heldTotal).toBe(want.reduce((n, r) => n + r.held, 0));
  });

  it('a town: its branches and general branches, each with its own subtree', async () => {
    const [town] = await query<{ id: number }>(
      env,
      `select k.parent_id as id from activities a join orgs k on a.org_path like k.path || '%'
        where a.status = 'held' and k.parent_id in (select id from orgs where parent_id = $1)
        group by k.parent_id order by count(*) desc limit 1`,
      [root.id],
    );
    const view = await monthly(town.id);
    const want = await heldBelow(town.id);
    expect(view.items.map((r) => [r.orgId, r.heldTotal]).sort()).toEqual(
      want.map((r) => [r.id, r.held]).sort(),
    );
  });

  for (const groups of [false, true])
    it(`a branch asked for is its own row${groups ? ', beside its 党小组 (whose own rows follow)' : ''}`, async () => {
      const [branch] = await query<{ id: number; held: number }>(
        env,
        `select a.org_id as id, count(*)::int as held from activities a join orgs o on o.id = a.org_id
          where o.kind = 'branch' and a.status = 'held'
            and to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') = $1
            and ${groups ? '' : 'not '}exists (select 1 from orgs g where g.parent_id = o.id)
          group by a.org_id order by count(*) desc limit 1`,
        [month],
      );
      expect(branch, 'the demo has such a branch that held activities that month').toBeDefined();
      const view = await monthly(branch.id);
      const want = await heldBelow(branch.id);
      expect(view.items[0]).toMatchObject({ orgId: String(branch.id), heldTotal: branch.held });
      expect(view.items.map((r) => [r.orgId, r.heldTotal]).sort()).toEqual(
        want.map((r) => [r.id, r.held]).sort(),
      );
      if (!groups) expect(view.items).toHaveLength(1);
      expect(view.total.heldTotal).toBe(want.reduce((n, r) => n + r.held, 0));
    });
});
