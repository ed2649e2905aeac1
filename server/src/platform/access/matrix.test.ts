import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../contracts/auth.ts';
import { makeUser } from '../../../test/fixtures.ts';
import { login, orgId, query, testEnv } from '../../../test/harness.ts';
import {
  joinMatrix,
  type MatrixPlaces,
  type MatrixProbe,
  type MatrixRequest,
  type Place,
  type RouteCase,
} from '../../../test/matrix.ts';
import { policyFor } from './index.ts';

/**
 * The authorization matrix: every API route × every role × a target inside the role's subtree,
 * outside it and above it (the district root), plus callers holding two roles in two places, plus
 * each module's probes (requests mixing inside and outside references). Each module states, in
 * its manifest's `matrix()`, the action every route must be registered under and how to make a
 * valid request; what is allowed is computed from that stated action, never from the route's own
 * declaration. A route registered without a case fails the first test, so no route ships without
 * someone deciding who may call it. After every refusal nothing may have been written.
 */

// with jobs: an accepted import is queued for the worker; its files go to a throw-away folder
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-matrix-'));
const env = await testEnv(
  // the grid sends many requests from one address: the per-address limits must not answer 429
  { loginRateLimitPerMinute: 100_000, messageRateLimitPerHour: 100_000, dataDir },
  // no scheduled jobs: a refused request must write nothing, and the study figures' recount (every
  // ten minutes) once wrote in the middle of a probe (CI, 2026-12-03)
  { withJobs: true, schedules: false },
);
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const villageBranchOf = async (town: number) =>
  (
    await query<{ id: number }>(
      env,
      "select id from orgs where path like (select path from orgs where id = $1) || '%' and kind = 'branch' and name like '%村%' order by id limit 1",
      [town],
    )
  )[0].id;
const town1 = await orgId(env, '中共青山区清河镇委员会');
const town2 = await orgId(env, '中共青山区石桥镇委员会');
const places: MatrixPlaces = {
  root: await orgId(env, '中共青山区委员会'),
  town1,
  town2,
  branch1: await villageBranchOf(town1),
  branch2: await villageBranchOf(town2),
};

// every module's cases: env.modules is allModules(config), the list the app under test was built from
const cases = joinMatrix(
  ...(await Promise.all(env.modules.map(async (m) => (await m.matrix?.()) ?? { routes: {} }))),
);

/**
 * Test-only, in this file's own database: every committed write to a table of the public schema
 * but `sessions` (login and the idle-deadline touch write there) leaves a row in
 * matrix_probe.writes naming the table, the verb and the rows changed. A rolled-back write leaves
 * nothing; a statement that changes no row is not a write.
 */
await env.database.pool.query(`
  create schema matrix_probe;
  create table matrix_probe.writes (id bigserial primary key, tbl text not null, op text not null, n int8 not null);
  create function matrix_probe.new_rows() returns trigger language plpgsql as $$
    declare n int8;
    begin
      select count(*) into n from new_rows;
      if n > 0 then insert into matrix_probe.writes (tbl, op, n) values (tg_table_name, tg_op, n); end if;
      return null;
    end $$;
  create function matrix_probe.old_rows() returns trigger language plpgsql as $$
    declare n int8;
    begin
      select count(*) into n from old_rows;
      if n > 0 then insert into matrix_probe.writes (tbl, op, n) values (tg_table_name, tg_op, n); end if;
      return null;
    end $$;
  create function matrix_probe.truncated() returns trigger language plpgsql as $$
    begin
      insert into matrix_probe.writes (tbl, op, n) values (tg_table_name, tg_op, 1);
      return null;
    end $$;
  do $$
    declare t text;
    begin
      for t in select c.relname from pg_class c join pg_namespace s on s.oid = c.relnamespace
                where s.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
                  and c.relname <> 'sessions'
      loop
        execute format('create trigger matrix_probe_i after insert on public.%I referencing new table as new_rows
                          for each statement execute function matrix_probe.new_rows()', t);
        execute format('create trigger matrix_probe_u after update on public.%I referencing new table as new_rows
                          for each statement execute function matrix_probe.new_rows()', t);
        execute format('create trigger matrix_probe_d after delete on public.%I referencing old table as old_rows
                          for each statement execute function matrix_probe.old_rows()', t);
        execute format('create trigger matrix_probe_t after truncate on public.%I
                          for each statement execute function matrix_probe.truncated()', t);
      end loop;
    end $$;
`);

type Mark = { write: number; audit: number };
async function mark(): Promise<Mark> {
  const [r] = await query<{ write: string; audit: string }>(
    env,
    'select (select coalesce(max(id), 0) from matrix_probe.writes) as write, (select coalesce(max(id), 0) from audit_log) as audit',
  );
  return { write: Number(r.write), audit: Number(r.audit) };
}
/**
 * Nothing written since `m`. `audited`: the refusal is one the issue asks to audit, so audit rows
 * of that action (`exactly` of them when given) are allowed and nothing else.
 */
async function expectNothingWrittenSince(m: Mark, audited?: { action: string; exactly?: number }) {
  const writes = await query<{ tbl: string; op: string; n: string }>(
    env,
    'select tbl, op, n from matrix_probe.writes where id > $1 order by id',
    [m.write],
  );
  expect(
    writes
      .filter((w) => !(audited && w.tbl === 'audit_log' && w.op === 'INSERT'))
      .map((w) => `${w.op} ${w.n} row(s) of ${w.tbl}`),
    'written after the refusal',
  ).toEqual([]);
  const audits = await query<{ action: string }>(
    env,
    'select action from audit_log where id > $1 order by id',
    [m.audit],
  );
  const actions = audits.map((a) => a.action);
  if (!audited) expect(actions, 'audit rows after the refusal').toEqual([]);
  else if (audited.exactly !== undefined)
    expect(actions, 'audit rows after the refusal').toEqual(Array(audited.exactly).fill(audited.action));
  else {
    expect(actions.length, 'audit rows after the refusal').toBeLessThanOrEqual(1);
    for (const a of actions) expect(a, 'audit row after the refusal').toBe(audited.action);
  }
}

const send = (req: MatrixRequest, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: req.method,
    url: req.url,
    payload: req.payload as string | object | Buffer | undefined,
    headers: { ...req.headers, ...headers },
  });

/** A new account holding `grants` (its home is the first one's org), signed in through the real route. */
async function caller(grants: readonly { role: Role; on: Place }[]) {
  const [first, ...more] = grants;
  const user = await makeUser(env, { orgId: places[first.on], role: first.role });
  for (const g of more)
    await query(env, 'insert into role_grants (user_id, role, org_id) values ($1, $2, $3)', [
      user.id,
      g.role,
      places[g.on],
    ]);
  return { self: { userId: user.id }, headers: (await login(env, user.username)).headers };
}

/** Does any of `roles` grant the route's stated action? ('public' and 'authenticated' need none.) */
const grants = (c: RouteCase, roles: Role[]) =>
  c.action === 'public' ||
  c.action === 'authenticated' ||
  policyFor(c.action).roles.some((r) => roles.includes(r));

/** Where each role is granted for the grid, and so what "inside" means for it. */
const GRANTED_ON: Record<Role, Place> = {
  dept_admin: 'root',
  org_admin: 'town1',
  secretary: 'branch1',
  member: 'branch1',
  station_manager: 'branch1',
};

/** The grid's callers: who they are, what they act on, and whether the stated action lets them. */
type Caller = {
  name: string;
  as: { role: Role; on: Place }[];
  target: Place;
  allowed: (c: RouteCase) => boolean;
};
const CALLERS: Caller[] = (Object.keys(GRANTED_ON) as Role[]).flatMap((role): Caller[] => {
  const as = [{ role, on: GRANTED_ON[role] }];
  const inside: Caller = {
    name: `${role} inside its subtree`,
    as,
    target: GRANTED_ON[role],
    allowed: (c) => grants(c, [role]),
  };
  // the district admin's subtree is everything: no outside, no ancestor
  if (role === 'dept_admin') return [inside];
  const elsewhere = (c: RouteCase) =>
    grants(c, [role]) && (!!c.untargeted || c.action === 'public' || c.action === 'authenticated');
  return [
    inside,
    { name: `${role} outside its subtree (town 2)`, as, target: 'town2', allowed: elsewhere },
    { name: `${role} above its subtree (the district root)`, as, target: 'root', allowed: elsewhere },
  ];
});
// one account, two roles in two places, acting where it holds the weaker one: only that one counts
for (const [strong, weak] of [
  [
    { role: 'secretary', on: 'branch1' },
    { role: 'member', on: 'branch2' },
  ],
  [
    { role: 'org_admin', on: 'town1' },
    { role: 'secretary', on: 'branch2' },
  ],
] as const) {
  CALLERS.push({
    name: `${strong.role} of ${strong.on} and ${weak.role} of ${weak.on}, in ${weak.on}`,
    as: [strong, weak],
    target: weak.on,
    allowed: (c) => (c.untargeted ? grants(c, [strong.role, weak.role]) : grants(c, [weak.role])),
  });
}

const registered = env.routes.map((r) => `${r.method} ${r.url}`).sort();

describe('authorization matrix', () => {
  it('every registered API route has a matrix case (add one in its module when you add a route)', () => {
    expect(registered.filter((k) => !cases.routes[k])).toEqual([]);
    expect(Object.keys(cases.routes).filter((k) => !registered.includes(k))).toEqual([]);
    expect(Object.keys(cases.probes ?? {}).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('the write probe sees committed writes, not rolled-back ones, empty ones or sessions', async () => {
    const before = await mark();
    const tx = await env.database.pool.connect();
    try {
      await tx.query('begin');
      await tx.query('update orgs set updated_at = updated_at where id = $1', [places.branch1]);
      await tx.query('rollback');
    } finally {
      tx.release();
    }
    await query(env, 'update orgs set updated_at = updated_at where false');
    await query(env, 'update sessions set last_seen_at = last_seen_at');
    await expectNothingWrittenSince(before);
    await query(env, 'update orgs set updated_at = updated_at where id = $1', [places.branch1]);
    expect(
      await query(env, 'select tbl, op, n::int from matrix_probe.writes where id > $1', [before.write]),
    ).toEqual([{ tbl: 'orgs', op: 'UPDATE', n: 1 }]);
  });

  it('every stated action is declared by a policy', () => {
    for (const c of Object.values(cases.routes))
      if (c.action !== 'public' && c.action !== 'authenticated')
        expect(() => policyFor(c.action)).not.toThrow();
  });

  for (const route of env.routes) {
    const key = `${route.method} ${route.url}`;
    const c = cases.routes[key];
    if (!c) continue;
    describe(key, () => {
      it(`is registered under ${c.action}`, () => {
        expect(route.access).toBe(c.action);
      });

      it(`anonymous: ${c.action === 'public' ? 'allowed' : 'refused with 401, nothing written'}`, async () => {
        const req = await c.make({ env, target: places.town1, self: { userId: 0 }, places });
        const before = await mark();
        const res = await send(req);
        if (c.action === 'public') {
          expect([401, 403]).not.toContain(res.statusCode);
          return;
        }
        expect(res.statusCode, res.body).toBe(401);
        await expectNothingWrittenSince(before);
      });

      for (const who of CALLERS) {
        const allowed = who.allowed(c);
        it(`${who.name}: ${allowed ? 'allowed' : 'refused with 403, nothing written'}`, async () => {
          const { self, headers } = await caller(who.as);
          const ctx = { env, target: places[who.target], self, places };
          const req = await c.make(ctx);
          const before = await mark();
          const res = await send(req, headers);
          if (allowed) {
            expect(res.statusCode, res.body).toBeLessThan(300);
            await c.settle?.(ctx, res);
          } else {
            expect(res.statusCode, res.body).toBe(403);
            await expectNothingWrittenSince(before, c.refusalAudit ? { action: c.refusalAudit } : undefined);
          }
        });
      }

      for (const probe of cases.probes?.[key] ?? []) probeTest(probe);
    });
  }
});

function probeTest(probe: MatrixProbe) {
  const refused = 'refused' in probe.expect ? probe.expect.refused : null;
  const status = refused ?? ('status' in probe.expect ? probe.expect.status : 0);
  const as = probe.as.map((g) => `${g.role} of ${g.on}`).join(' + ');
  it(`probe (${as}): ${probe.title}: ${refused ? `refused with ${refused}, nothing written` : `answers ${status}`}`, async () => {
    const { self, headers } = await caller(probe.as);
    const ctx = { env, self, places };
    const req = await probe.make(ctx);
    const before = await mark();
    const res = await send(req, headers);
    expect(res.statusCode, res.body).toBe(status);
    if (refused) {
      const audited = 'refused' in probe.expect ? probe.expect.audited : undefined;
      await expectNothingWrittenSince(before, audited ? { action: audited, exactly: 1 } : undefined);
    }
    await probe.check?.(ctx, res);
  });
}
