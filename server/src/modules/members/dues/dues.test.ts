import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { duesStandard } from './rules.ts';
import { addMonthsToMonth as addMonths, shanghaiMonth } from '../../../platform/time.ts';
import { duesStandardTable } from './rules.ts';

describe('dues rules as data', () => {
  it('the standard table shown to the UI is the rule the server computes with', () => {
    const table = duesStandardTable();
    for (const b of table.brackets) {
      const top = b.upToFen ?? b.overFen * 2;
      // at the top of a bracket and just above its bottom, the computed dues use the table's rate
      for (const income of [top, b.overFen + 1]) {
        expect(duesStandard(b.category, income), `${b.category} ${income}`).toBe(
          Math.floor((income * Math.round(b.rate * 1000) + 500) / 1000),
        );
      }
    }
    expect(table.brackets.filter((b) => b.category === 'salaried').map((b) => b.rate)).toEqual([
      0.005, 0.01, 0.015, 0.02,
    ]);
    expect(table.fixed.map((f) => f.category)).toEqual(['farmer', 'student', 'relief']);
  });
});

let env: TestEnv;
let town: Session;
let town1: number;
let town2: number;
let branch: number;

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  branch = (await makeOrg(env, town1, 'branch', '党费测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

/** A full member of `org` with a dues standard, who joined on `joinedOn`. */
async function payer(org: number, joinedOn = '2010-07-01', standardFen: number | null = 1500) {
  const m = await makeMember(env, org);
  await query(env, 'update members set joined_on = $2, dues_standard_fen = $3 where id = $1', [
    m.id,
    joinedOn,
    standardFen,
  ]);
  return String(m.id);
}

const paymentCount = async (ids: string[]) =>
  (
    await query<{ n: number }>(
      env,
      'select count(*)::int as n from dues_payments where member_id = any($1::int8[])',
      [ids],
    )
  )[0].n;

describe('recording dues payments', () => {
  it('records a batch, and refuses a batch with a month already paid, naming the row and recording none of it', async () => {
    const a = await payer(branch);
    const b = await payer(branch);
    const month = addMonths(shanghaiMonth(new Date()), -1);
    const ok = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: a, month, amountFen: 1500 },
        { memberId: b, month, amountFen: 1500 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ recorded: 2, totalFen: 3000 });

    const again = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: a, month: addMonths(month, -1), amountFen: 1500 }, // new
        { memberId: b, month, amountFen: 1500 }, // already paid
      ],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('dues_already_paid');
    expect(again.json().error.details).toEqual([
      { path: 'payments.1.month', message: expect.stringContaining(month) },
    ]);
    expect(await paymentCount([a, b])).toBe(2);
  });

  it('refuses a batch with the same member and month twice, or a month before joining, naming the rows', async () => {
    const a = await payer(branch, '2024-05-20');
    const dup = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: a, month: '2025-01', amountFen: 100 },
        { memberId: a, month: '2025-01', amountFen: 100 },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0].path).toBe('payments.1.month');
    const early = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: a, month: '2024-05', amountFen: 100 }, // the join month itself is owed
        { memberId: a, month: '2024-04', amountFen: 100 },
      ],
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.map((d: { path: string }) => d.path)).toEqual(['payments.1.month']);
    expect(await paymentCount([a])).toBe(0);
  });

  it('refuses the whole batch when one member is in another town', async () => {
    const mine = await payer(branch);
    const theirs = await payer((await makeOrg(env, town2, 'branch')).id);
    const res = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: mine, month: '2026-01', amountFen: 1500 },
        { memberId: theirs, month: '2026-01', amountFen: 1500 },
      ],
    });
    expect(res.statusCode).toBe(403);
    expect(await paymentCount([mine, theirs])).toBe(0);
    // the answer does not name the other town's member: ids are sequential, names would leak
    const [{ name }] = await query<{ name: string }>(env, 'select name from members where id = $1', [theirs]);
    expect(res.json().error.message).not.toContain(name);
    expect(res.json().error.message).toContain('第 2 行');
  });

  it('audits each branch’s collection', async () => {
    const a = await payer(branch);
    await api(town, 'POST', '/dues/payments', {
      payments: [{ memberId: a, month: '2026-02', amountFen: 1500 }],
    });
    const entries = await query<{ after: { payments: { memberId: string }[] } }>(
      env,
      "select after from audit_log where action = 'dues.paid' and org_id = $1",
      [branch],
    );
    expect(entries.some((e) => e.after.payments.some((p) => p.memberId === a))).toBe(true);
  });
});

describe('arrears', () => {
  it('counts unpaid months from the first on record, flags six in a row, and leaves out members without a standard', async () => {
    const org = (await makeOrg(env, town1, 'branch', '欠缴测试党支部')).id;
    const asOf = addMonths(shanghaiMonth(new Date()), -1); // the default: the last completed month
    const lapsed = await payer(org); // paid three months long ago, nothing since
    const gaps = await payer(org); // paid some, missed some
    const never = await payer(org); // nothing on record: counted from January
    const recent = await payer(org, `${addMonths(asOf, -1)}-15`); // joined last month-but-one
    const noStandard = await payer(org, '2010-07-01', null);
    const pay = (memberId: string, months: string[]) =>
      api(town, 'POST', '/dues/payments', {
        payments: months.map((month) => ({ memberId, month, amountFen: 1500 })),
      });
    expect(
      (await pay(lapsed, [addMonths(asOf, -9), addMonths(asOf, -8), addMonths(asOf, -7)])).statusCode,
    ).toBe(201);
    expect((await pay(gaps, [addMonths(asOf, -4), addMonths(asOf, -1)])).statusCode).toBe(201);

    const res = await api(town, 'GET', `/dues/arrears?orgId=${org}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.asOf).toBe(asOf);
    const row = (id: string) => report.items.find((r: { memberId: string }) => r.memberId === id);

    expect(row(lapsed)).toMatchObject({
      monthsOwed: 7,
      owedFen: 7 * 1500,
      since: addMonths(asOf, -6),
      flagged: true,
    });
    expect(row(gaps)).toMatchObject({ monthsOwed: 3, since: addMonths(asOf, -3), flagged: false });
    const sinceJanuary = Number(asOf.slice(5, 7));
    expect(row(never)).toMatchObject({
      monthsOwed: sinceJanuary,
      since: `${asOf.slice(0, 4)}-01`,
      flagged: sinceJanuary >= 6,
    });
    const joinedFrom = [addMonths(asOf, -1), `${asOf.slice(0, 4)}-01`].sort()[1];
    expect(row(recent)).toMatchObject({ since: joinedFrom, flagged: false });
    expect(row(noStandard)).toBeUndefined();
    // the most owed first
    expect(report.items[0].monthsOwed).toBeGreaterThanOrEqual(report.items.at(-1).monthsOwed);
    // pages carry the whole report's totals
    expect(report.total).toBe(report.items.length);
    expect(report.flaggedTotal).toBe(report.items.filter((r: { flagged: boolean }) => r.flagged).length);
    expect(report.owedFenTotal).toBe(
      report.items.reduce((s: number, r: { owedFen: number }) => s + r.owedFen, 0),
    );
    const second = (await api(town, 'GET', `/dues/arrears?orgId=${org}&pageSize=1&page=2`)).json();
    expect(second).toMatchObject({
      total: report.total,
      flaggedTotal: report.flaggedTotal,
      page: 2,
      pageSize: 1,
    });
    expect(second.items).toEqual([report.items[1]]);

    const flaggedOnly = (await api(town, 'GET', `/dues/arrears?orgId=${org}&minMonths=7`)).json();
    expect(flaggedOnly.items.map((r: { memberId: string }) => r.memberId)).toContain(lapsed);
    expect(flaggedOnly.items.map((r: { memberId: string }) => r.memberId)).not.toContain(gaps);

    // asking as of this month counts this month too
    const thisMonth = shanghaiMonth(new Date());
    const now = (await api(town, 'GET', `/dues/arrears?orgId=${org}&asOf=${thisMonth}`)).json();
    expect(now.items.find((r: { memberId: string }) => r.memberId === lapsed).monthsOwed).toBe(8);
    expect((await api(town, 'GET', `/dues/arrears?asOf=${addMonths(thisMonth, 1)}`)).statusCode).toBe(400);
  });

  it('another town’s arrears are refused', async () => {
    expect((await api(town, 'GET', `/dues/arrears?orgId=${town2}`)).statusCode).toBe(403);
  });
});
