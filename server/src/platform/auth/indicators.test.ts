import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorMonth } from '../module.ts';
import { shanghaiMonthRange } from '../time.ts';
import { authIndicators } from './indicators.ts';

let env: TestEnv;
let A: number;
let B: number;

const month = (m: string): IndicatorMonth => ({ month: m, ...shanghaiMonthRange(m) });
const SEPT = month('2026-09');
const adminLogins = authIndicators.find((d) => d.key === 'auth.admin_logins')!;
const at = (s: string) => `${s}T10:00:00+08:00`;

async function figures(m = SEPT, orgIds: number[] | null = [A, B]) {
  const rows = await adminLogins.compute(env.database.db, m, orgIds ?? undefined);
  const of = (o: number) => {
    const r = rows.find((x) => x.orgId === o);
    return r && `${r.num}/${r.den}`;
  };
  return { A: of(A), B: of(B), orgs: rows.map((r) => r.orgId).sort() };
}

/** An account with `role` on `org`, granted on `granted`, and its logins (day, credential). */
async function admin(org: number, role: string, granted: string, logins: [string, string][]) {
  const u = await makeUser(env, { orgId: org, role });
  await query(env, 'update role_grants set created_at = $2 where user_id = $1', [u.id, at(granted)]);
  await query(env, 'update users set display_name = $2 where id = $1', [u.id, u.username]);
  for (const [day, credential] of logins)
    await query(
      env,
      `insert into audit_log (at, actor_id, action, target_type, target_id, org_id, after)
       values ($1, $2::int8, 'auth.login', 'user', $2::text, $3, $4)`,
      [at(day), u.id, org, JSON.stringify({ credential })],
    );
  return u.username;
}

let names: Record<string, string>;

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  A = (await makeOrg(env, town, 'branch')).id;
  B = (await makeOrg(env, town, 'branch')).id;
  names = {
    // signed in twice in September
    sec: await admin(A, 'secretary', '2026-01-01', [
      ['2026-09-03', 'password'],
      ['2026-09-20', 'password'],
    ]),
    // only with a study card: a card session acts as a member
    card: await admin(A, 'org_admin', '2026-01-01', [['2026-09-05', 'study_card']]),
    // a member's role: not an admin
    member: await admin(A, 'member', '2026-01-01', [['2026-09-05', 'password']]),
    // signed in only in October
    late: await admin(B, 'secretary', '2026-01-01', [['2026-10-02', 'password']]),
    // granted only in October: not expected in September
    newcomer: await admin(B, 'org_admin', '2026-10-05', [['2026-10-06', 'password']]),
  };
}, 120_000);
afterAll(() => env?.close());

describe('auth indicators', () => {
  it('admins holding a role on the org by the month end who signed in with a password', async () => {
    expect(adminLogins.basis).toBe('activity');
    expect(await figures()).toEqual({ A: '1/2', B: '0/1', orgs: [A, B].sort() });
    expect(await figures(month('2026-10'))).toMatchObject({ A: '0/2', B: '2/2' });
    // August: granted already, no login
    expect(await figures(month('2026-08'))).toMatchObject({ A: '0/2', B: '0/1' });
  });

  it('the orgIds filter', async () => {
    expect(await figures(SEPT, [B])).toEqual({ A: undefined, B: '0/1', orgs: [B] });
    expect(await adminLogins.compute(env.database.db, SEPT, [])).toEqual([]);
    expect(await figures(SEPT, null)).toMatchObject({ A: '1/2', B: '0/1' });
  });

  it('records: who did not sign in first', async () => {
    const recs = await adminLogins.records(env.database.db, A, SEPT, 10);
    expect(recs).toEqual([
      {
        title: `${names.card}（党组织管理员）`,
        at: null,
        counted: false,
        note: '本月未登录',
        href: '/users',
      },
      {
        title: `${names.sec}（书记）`,
        at: new Date(at('2026-09-20')).toISOString(),
        counted: true,
        note: '本月登录 2 次',
        href: '/users',
      },
    ]);
  });
});
