import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { addMonthsToMonth as addMonths, shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { computeMonth } from './arrears-summary.ts';

// The arrears page reads figures kept per member (arrears-summary.ts) instead of computing every
// payment of a district. These tests hold the kept figures to the live computation, before and
// after every kind of write that changes what a member owes.

let env: TestEnv;
let town: Session;
let admin: Session;
let town1: number;
let town2: number;
let org: number;
const asOf = addMonths(shanghaiMonth(), -1);
const today = shanghaiToday();

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  admin = await login(env, 'admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  org = (await makeOrg(env, town1, 'branch', '欠缴汇总测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

async function payer(at: number, from: string, standardFen: number | null = 1500) {
  const m = await makeMember(env, at);
  await query(
    env,
    `update members set joined_on = '2010-07-01', full_on = '2011-07-02', dues_standard_fen = $2,
            dues_category = 'salaried', monthly_income_fen = 300000, dues_from_month = $3 where id = $1`,
    [m.id, standardFen, from],
  );
  return String(m.id);
}

const pay = (memberId: string, months: string[], amountFen = 1500) =>
  api(town, 'POST', '/dues/payments', { payments: months.map((month) => ({ memberId, month, amountFen })) });

type Report = {
  total: number;
  flaggedTotal: number;
  owedFenTotal: number;
  withoutStandard: number;
  items: unknown[];
};

async function report(s: Session, url: string): Promise<Report> {
  const res = await api(s, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The same page read from the kept figures and computed live (the month marked not complete). */
async function keptAndLive(s: Session, url: string) {
  const kept = await report(s, url);
  const [mark] = await query<{ started_at: string; completed_at: string }>(
    env,
    'delete from dues_arrears_months where month = $1 returning started_at, completed_at',
    [asOf],
  );
  expect(mark, 'the month is complete: the page read kept figures').toBeDefined();
  const live = await report(s, url);
  await query(env, 'insert into dues_arrears_months (month, started_at, completed_at) values ($1, $2, $3)', [
    asOf,
    mark.started_at,
    mark.completed_at,
  ]);
  return { kept, live };
}

const dirty = async (id: string) =>
  (await query(env, 'select 1 from dues_arrears_dirty where member_id = $1', [id])).length > 0;

describe('kept arrears', () => {
  it('the demo district computed as of the last completed month equals the live computation, page by page', async () => {
    expect(await query(env, 'select month from dues_arrears_months')).toEqual([{ month: asOf }]);
    for (const url of [
      '/dues/arrears?pageSize=50',
      '/dues/arrears?pageSize=50&page=3',
      '/dues/arrears?pageSize=20&minMonths=6',
      '/dues/arrears?pageSize=20&onlyFlagged=true',
      `/dues/arrears?pageSize=20&orgId=${town2}`,
    ]) {
      const { kept, live } = await keptAndLive(admin, url);
      expect(kept, url).toEqual(live);
      expect(kept.total, url).toBeGreaterThan(0);
    }
  });

  it('a payment, a relief approved by both, a standard changed, suspension and leaving each mark the member, and the next read counts them as the live computation does', async () => {
    const a = await payer(org, addMonths(asOf, -7));
    const b = await payer(org, addMonths(asOf, -7));
    const c = await payer(org, addMonths(asOf, -7));
    const d = await payer(org, addMonths(asOf, -7));
    const e = await payer(org, addMonths(asOf, -7));
    const none = await payer(org, addMonths(asOf, -3), null);
    for (const id of [a, b, c, d, e, none]) expect(await dirty(id), 'a new record is marked').toBe(true);
    let both = await keptAndLive(town, `/dues/arrears?orgId=${org}&pageSize=50`);
    expect(both.kept).toEqual(both.live);
    expect(both.kept.total).toBe(5);
    expect(both.kept.withoutStandard).toBe(1);
    expect(await dirty(a), 'read: the mark is gone').toBe(false);

    expect((await pay(a, [addMonths(asOf, -7), addMonths(asOf, -6)])).statusCode).toBe(201);
    const relief = await api(town, 'POST', '/dues/reliefs', {
      memberId: b,
      kind: 'exempt',
      fromMonth: addMonths(asOf, -7),
      reason: '重病住院，无收入',
      branchApprovedOn: today,
    });
    expect(relief.statusCode, relief.body).toBe(201);
    expect(
      (await api(town, 'POST', `/dues/reliefs/${relief.json().id}/approve`, { committeeApprovedOn: today }))
        .statusCode,
    ).toBe(200);
    await query(
      env,
      "insert into dues_standards (member_id, from_month, category, standard_fen) values ($1, $2, 'salaried', 3000)",
      [c, addMonths(asOf, -2)],
    );
    await query(env, "update members set party_standing = 'suspended', suspended_on = $2 where id = $1", [
      d,
      today,
    ]);
    await query(env, 'update members set left_at = now() where id = $1', [e]);
    for (const id of [a, b, c, d, e]) expect(await dirty(id), id).toBe(true);

    both = await keptAndLive(town, `/dues/arrears?orgId=${org}&pageSize=50`);
    expect(both.kept).toEqual(both.live);
    const ids = (both.kept.items as { memberId: string }[]).map((i) => i.memberId).sort();
    expect(ids).toEqual([a, c].sort());
  });

  it('a member moved to another town leaves the first town’s kept list at its next read', async () => {
    const m = await payer(org, addMonths(asOf, -4));
    const before = await report(town, `/dues/arrears?orgId=${town1}&pageSize=200`);
    expect((before.items as { memberId: string }[]).some((i) => i.memberId === m)).toBe(true);
    const other = (await makeOrg(env, town2, 'branch', '迁入测试党支部')).id;
    await query(
      env,
      'update members set org_id = $2, org_path = (select path from orgs where id = $2) where id = $1',
      [m, other],
    );
    const { kept, live } = await keptAndLive(town, `/dues/arrears?orgId=${town1}&pageSize=200`);
    expect(kept).toEqual(live);
    expect((kept.items as { memberId: string }[]).some((i) => i.memberId === m)).toBe(false);
  });

  it('a month turning over: until every member is computed as of it the page computes live; then it reads the kept figures', async () => {
    const next = addMonths(asOf, 1);
    const r = await computeMonth(env.database.db, next);
    expect(r.month).toBe(next);
    expect(await query(env, 'select month from dues_arrears_months')).toEqual([{ month: next }]);
    const stale = await query(env, 'select 1 from dues_arrears where as_of <> $1 limit 1', [next]);
    expect(stale).toEqual([]);
    // the kept rows are now as of the next month: asOf's page, no longer kept, is computed live and agrees
    await query(env, 'delete from dues_arrears_months where month = $1', [next]);
    const live = await report(admin, '/dues/arrears?pageSize=30');
    await computeMonth(env.database.db, asOf);
    const kept = await report(admin, '/dues/arrears?pageSize=30');
    expect(kept).toEqual(live);
  });
});
