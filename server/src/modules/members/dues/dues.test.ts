import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { addMonthsToMonth as addMonths, shanghaiMonth, shanghaiToday } from '../../../platform/time.ts';
import { readWorkbook } from '../excel/test-workbooks.ts';
import { newMemberPayload } from '../record/matrix.ts';
import { duesStandard, duesStandardTable } from './rules.ts';

describe('dues rules as data', () => {
  it('the standard table shown to the UI is the rule the server computes with', () => {
    const table = duesStandardTable();
    for (const b of table.brackets) {
      const top = b.upToFen ?? b.overFen * 2;
      // at the top of a bracket and just above its bottom, the computed dues use the table's rate
      for (const income of [top, b.overFen + 1]) {
        expect(duesStandard(b.category, income), `${b.category} ${income}`).toBe(
          Math.min(Math.floor((income * Math.round(b.rate * 1000) + 500) / 1000), table.capFen),
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
let admin: Session;
let town1: number;
let town2: number;
let branch: number;
const thisMonth = shanghaiMonth();
const asOf = addMonths(thisMonth, -1); // the default: the last completed month
const today = shanghaiToday();

beforeAll(async () => {
  env = await testEnv();
  town = await login(env, 'town_admin');
  admin = await login(env, 'admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  branch = (await makeOrg(env, town1, 'branch', '党费测试党支部')).id;
});
afterAll(() => env.close());

const api = (s: Session, method: string, url: string, payload?: object) =>
  env.app.inject({ method: method as 'GET', url: `/api/v1${url}`, payload, headers: s.headers });

/** A full member of `org` with a dues standard, whose dues are counted from `from`. */
async function payer(
  org: number,
  { joinedOn = '2010-07-01', standardFen = 1500 as number | null, from = null as string | null } = {},
) {
  const m = await makeMember(env, org);
  await query(
    env,
    `update members set joined_on = $2, full_on = $2::date + interval '1 year 1 day', dues_standard_fen = $3,
            dues_category = $4, monthly_income_fen = $5, dues_from_month = $6 where id = $1`,
    // 3,000 yuan a month after tax: 0.5%, 15 yuan (the tests' usual standard)
    [
      m.id,
      joinedOn,
      standardFen,
      standardFen == null ? null : 'salaried',
      standardFen == null ? null : 300_000,
      from,
    ],
  );
  return String(m.id);
}

const pay = (memberId: string, months: string[], amountFen = 1500) =>
  api(town, 'POST', '/dues/payments', { payments: months.map((month) => ({ memberId, month, amountFen })) });

const paymentCount = async (ids: string[]) =>
  (
    await query<{ n: number }>(
      env,
      'select count(*)::int as n from dues_payments where member_id = any($1::int8[])',
      [ids],
    )
  )[0].n;

type Row = {
  memberId: string;
  monthsOwed: number;
  owedFen: number;
  since: string;
  flagged: boolean;
  longestRun: number;
};
async function arrearsOf(org: number, query = '') {
  const res = await api(town, 'GET', `/dues/arrears?orgId=${org}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const report = res.json();
  return { report, row: (id: string): Row | undefined => report.items.find((r: Row) => r.memberId === id) };
}

describe('recording dues payments', () => {
  it('records a batch, and refuses a batch with a month already paid, naming the row and recording none of it', async () => {
    const a = await payer(branch);
    const b = await payer(branch);
    const ok = await pay(a, [asOf]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await pay(b, [asOf])).json()).toEqual({ recorded: 1, totalFen: 1500, extraFen: 0, shortFen: 0 });

    const again = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: a, month: addMonths(asOf, -1), amountFen: 1500 }, // new
        { memberId: b, month: asOf, amountFen: 1500 }, // already paid
      ],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('dues_already_paid');
    expect(again.json().error.details).toEqual([
      { path: 'payments.1.month', message: expect.stringContaining(asOf) },
    ]);
    expect(await paymentCount([a, b])).toBe(2);
  });

  it('given a standard of 15 yuan, when 20 are paid the 5 are voluntary extra; when 10, the month still owes 5 and a later 5 tops it up', async () => {
    const a = await payer(branch);
    expect((await pay(a, [asOf], 2000)).json()).toMatchObject({ extraFen: 500, shortFen: 0 });
    const short = addMonths(asOf, -1);
    expect((await pay(a, [short], 1000)).json()).toMatchObject({ extraFen: 0, shortFen: 500 });
    const topUp = await pay(a, [short], 500);
    expect(topUp.statusCode, topUp.body).toBe(201);
    expect(topUp.json()).toMatchObject({ shortFen: 0 });
    const [{ amount_fen }] = await query<{ amount_fen: number }>(
      env,
      'select amount_fen from dues_payments where member_id = $1 and month = $2',
      [a, short],
    );
    expect(amount_fen).toBe(1500);
    // settled now: a third payment for it is refused
    expect((await pay(a, [short], 100)).statusCode).toBe(409);
  });

  it('refuses a batch with the same member and month twice, or a month before joining, naming the rows', async () => {
    const a = await payer(branch, { joinedOn: '2024-05-20' });
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

  it('refuses dues of a member whose Party standing is suspended (停止党籍)', async () => {
    const a = await payer(branch);
    await query(env, "update members set party_standing = 'suspended', suspended_on = $2 where id = $1", [
      a,
      today,
    ]);
    const res = await pay(a, [asOf]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('停止党籍');
  });

  it('refuses the whole batch when one member is in another town', async () => {
    const mine = await payer(branch);
    const theirs = await payer((await makeOrg(env, town2, 'branch')).id);
    const res = await api(town, 'POST', '/dues/payments', {
      payments: [
        { memberId: mine, month: asOf, amountFen: 1500 },
        { memberId: theirs, month: asOf, amountFen: 1500 },
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
    await pay(a, [thisMonth]);
    const entries = await query<{ after: { payments: { memberId: string }[] } }>(
      env,
      "select after from audit_log where action = 'dues.paid' and org_id = $1",
      [branch],
    );
    expect(entries.some((e) => e.after.payments.some((p) => p.memberId === a))).toBe(true);
  });
});

describe('arrears', () => {
  it('counts unsettled months from where counting starts, flags six in a row, and counts apart members without a standard', async () => {
    const org = (await makeOrg(env, town1, 'branch', '欠缴测试党支部')).id;
    const lapsed = await payer(org, { from: addMonths(asOf, -9) }); // paid three months, nothing since
    const gaps = await payer(org, { from: addMonths(asOf, -4) }); // paid some, missed some
    const never = await payer(org, { from: addMonths(asOf, -2) }); // nothing paid in three months
    const short = await payer(org, { from: addMonths(asOf, -1) }); // paid 10 of 15, then in full
    const over = await payer(org, { from: asOf }); // paid more than due
    const suspended = await payer(org, { from: addMonths(asOf, -8) }); // 停止党籍: not in arrears
    await query(env, "update members set party_standing = 'suspended', suspended_on = $2 where id = $1", [
      suspended,
      `${addMonths(asOf, -8)}-15`,
    ]);
    const noStandard = await payer(org, { standardFen: null, from: addMonths(asOf, -5) });
    expect(
      (await pay(lapsed, [addMonths(asOf, -9), addMonths(asOf, -8), addMonths(asOf, -7)])).statusCode,
    ).toBe(201);
    expect((await pay(gaps, [addMonths(asOf, -4), addMonths(asOf, -1)])).statusCode).toBe(201);
    expect((await pay(short, [addMonths(asOf, -1)], 1000)).statusCode).toBe(201);
    expect((await pay(short, [asOf], 1500)).statusCode).toBe(201);
    expect((await pay(over, [asOf], 5000)).statusCode).toBe(201);

    const { report, row } = await arrearsOf(org);
    expect(report.asOf).toBe(asOf);
    expect(row(lapsed)).toMatchObject({
      monthsOwed: 7,
      owedFen: 7 * 1500,
      since: addMonths(asOf, -6),
      longestRun: 7,
      flagged: true,
    });
    expect(row(gaps)).toMatchObject({
      monthsOwed: 3,
      since: addMonths(asOf, -3),
      longestRun: 2,
      flagged: false,
    });
    expect(row(never)).toMatchObject({
      monthsOwed: 3,
      owedFen: 4500,
      since: addMonths(asOf, -2),
      flagged: false,
    });
    // paid short: the month is owed, by the difference; something was paid, so it is no lapse
    expect(row(short)).toMatchObject({
      monthsOwed: 1,
      owedFen: 500,
      since: addMonths(asOf, -1),
      longestRun: 0,
    });
    expect(row(over)).toBeUndefined();
    expect(row(suspended)).toBeUndefined();
    expect(row(noStandard)).toBeUndefined();
    expect(report.withoutStandard).toBe(1);
    // the most owed first; pages carry the whole report's totals
    expect(report.items.map((r: Row) => r.monthsOwed)).toEqual([7, 3, 3, 1]);
    expect(report.total).toBe(4);
    expect(report.flaggedTotal).toBe(1);
    expect(report.owedFenTotal).toBe(7 * 1500 + 3 * 1500 + 4500 + 500);
    const second = (await api(town, 'GET', `/dues/arrears?orgId=${org}&pageSize=1&page=2`)).json();
    expect(second).toMatchObject({ total: 4, flaggedTotal: 1, withoutStandard: 1, page: 2, pageSize: 1 });
    expect(second.items).toEqual([report.items[1]]);
    const pastTheEnd = (await api(town, 'GET', `/dues/arrears?orgId=${org}&page=9`)).json();
    expect(pastTheEnd).toMatchObject({ items: [], total: 4, flaggedTotal: 1 });

    const flaggedOnly = (await arrearsOf(org, '&onlyFlagged=true')).report;
    expect(flaggedOnly.items.map((r: Row) => r.memberId)).toEqual([lapsed]);
    expect((await arrearsOf(org, '&minMonths=3')).report.total).toBe(3);

    // asking as of this month counts this month too
    expect((await arrearsOf(org, `&asOf=${thisMonth}`)).row(lapsed)?.monthsOwed).toBe(8);
    expect((await api(town, 'GET', `/dues/arrears?asOf=${addMonths(thisMonth, 1)}`)).statusCode).toBe(400);
  });

  it('given a member created this minute, then they owe nothing; given "dues paid until" at creation, counting starts the month after', async () => {
    const org = (await makeOrg(env, town1, 'branch')).id;
    const created = await api(town, 'POST', '/members', newMemberPayload(org));
    expect(created.statusCode, created.body).toBe(201);
    const fresh = created.json().id;
    const [{ dues_from_month }] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where id = $1',
      [fresh],
    );
    expect(dues_from_month).toBe(thisMonth);
    await query(env, 'update members set dues_standard_fen = 1500 where id = $1', [fresh]);
    expect((await arrearsOf(org, `&asOf=${thisMonth}`)).row(fresh)).toMatchObject({ monthsOwed: 1 });
    expect((await arrearsOf(org)).row(fresh)).toBeUndefined();

    const paidUntil = addMonths(thisMonth, -4);
    const withPaid = await api(town, 'POST', '/members', {
      ...newMemberPayload(org),
      duesPaidUntil: paidUntil,
    });
    expect(withPaid.statusCode, withPaid.body).toBe(201);
    const [{ dues_from_month: from }] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where id = $1',
      [withPaid.json().id],
    );
    expect(from).toBe(addMonths(paidUntil, 1));
    const future = await api(town, 'POST', '/members', {
      ...newMemberPayload(org),
      duesPaidUntil: addMonths(thisMonth, 13),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.map((d: { path: string }) => d.path)).toEqual(['duesPaidUntil']);
  });

  it('uses the standard that applied in each month (the history)', async () => {
    const org = (await makeOrg(env, town1, 'branch')).id;
    const m = await payer(org, { standardFen: 2000, from: addMonths(asOf, -3) });
    await query(
      env,
      `insert into dues_standards (member_id, from_month, category, standard_fen) values ($1, $2, 'salaried', 1000), ($1, $3, 'salaried', 2000)`,
      [m, addMonths(asOf, -3), addMonths(asOf, -1)],
    );
    // paid 1,000 for the first month (its standard then: settled), 1,000 for the last (short by 1,000)
    await pay(m, [addMonths(asOf, -3)], 1000);
    await pay(m, [asOf], 1000);
    expect((await arrearsOf(org)).row(m)).toMatchObject({
      monthsOwed: 3,
      owedFen: 1000 + 2000 + 1000,
      since: addMonths(asOf, -2),
      longestRun: 2,
    });
  });

  it('another town’s arrears are refused', async () => {
    expect((await api(town, 'GET', `/dues/arrears?orgId=${town2}`)).statusCode).toBe(403);
  });

  it('exports the whole list to Excel, with its totals, and audits it', async () => {
    const org = (await makeOrg(env, town1, 'branch', '导出测试党支部')).id;
    const a = await payer(org, { from: addMonths(asOf, -6) });
    const b = await payer(org, { from: asOf });
    const res = await api(town, 'GET', `/dues/arrears/export?orgId=${org}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('xlsx');
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain(asOf);
    expect(String(ws.getCell(2, 1).value)).toContain('欠缴 2 人');
    expect((ws.getRow(3).values as unknown[]).slice(1, 4)).toEqual([
      '姓名',
      '所在党支部',
      '党费标准（元/月）',
    ]);
    const names = await query<{ id: string; name: string }>(
      env,
      'select id::text, name from members where id = any($1::int8[])',
      [[a, b]],
    );
    expect(ws.getCell(4, 1).value).toBe(names.find((n) => n.id === a)?.name);
    expect(ws.getCell(4, 4).value).toBe(7);
    expect(ws.getCell(4, 8).value).toBe('是');
    expect(ws.getCell(5, 4).value).toBe(1);
    const [{ n }] = await query<{ n: number }>(
      env,
      "select count(*)::int as n from audit_log where action = 'dues.arrears_exported' and org_id = $1",
      [org],
    );
    expect(n).toBe(1);
  });
});

describe('少交、免交党费 and good reasons', () => {
  let org: number;
  beforeAll(async () => {
    org = (await makeOrg(env, town1, 'branch', '减免测试党支部')).id;
  });
  const relief = (memberId: string, body: object) =>
    api(town, 'POST', '/dues/reliefs', {
      memberId,
      reason: '重病住院，无收入',
      branchApprovedOn: today,
      ...body,
    });

  it('given a member eight months in arrears, when the branch agrees to an exemption, then they stay in arrears until the committee approves; then they drop out', async () => {
    const m = await payer(org, { from: addMonths(asOf, -7) });
    expect((await arrearsOf(org)).row(m)).toMatchObject({ monthsOwed: 8, flagged: true });
    const res = await relief(m, { kind: 'exempt', fromMonth: addMonths(asOf, -7) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'exempt', inEffect: false, can: { approve: true, end: true } });
    expect((await arrearsOf(org)).row(m)).toMatchObject({ monthsOwed: 8 });

    const approved = await api(town, 'POST', `/dues/reliefs/${res.json().id}/approve`, {
      committeeApprovedOn: today,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      inEffect: true,
      committeeApprovedOn: today,
      can: { approve: false },
    });
    expect((await arrearsOf(org)).row(m)).toBeUndefined();
    // approving twice is refused
    expect(
      (await api(town, 'POST', `/dues/reliefs/${res.json().id}/approve`, { committeeApprovedOn: today }))
        .statusCode,
    ).toBe(409);

    // the exemption ends: the months after it are owed again
    const ended = await api(town, 'POST', `/dues/reliefs/${res.json().id}/end`, {
      toMonth: addMonths(asOf, -4),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await arrearsOf(org)).row(m)).toMatchObject({
      monthsOwed: 4,
      since: addMonths(asOf, -3),
      flagged: false,
    });
    const audited = await query<{ action: string }>(
      env,
      "select action from audit_log where target_type = 'member' and target_id = $1 and action like 'dues.relief%' order by id",
      [m],
    );
    expect(audited.map((a) => a.action)).toEqual([
      'dues.relief_recorded',
      'dues.relief_approved',
      'dues.relief_ended',
    ]);
  });

  it('given a reduction to 5 yuan approved by both, then a month owes 5 yuan, and paying 5 settles it', async () => {
    const m = await payer(org, { from: addMonths(asOf, -2) });
    const res = await relief(m, {
      kind: 'reduced',
      amountFen: 500,
      fromMonth: addMonths(asOf, -2),
      committeeApprovedOn: today,
    });
    expect(res.statusCode, res.body).toBe(201);
    await pay(m, [addMonths(asOf, -2)], 500);
    expect((await arrearsOf(org)).row(m)).toMatchObject({
      monthsOwed: 2,
      owedFen: 1000,
      since: addMonths(asOf, -1),
    });
    const sheet = (await api(town, 'GET', `/dues/sheet?orgId=${org}&month=${addMonths(asOf, -2)}`)).json();
    expect(sheet.items.find((r: { memberId: string }) => r.memberId === m)).toMatchObject({
      standardFen: 1500,
      dueFen: 500,
      relief: 'reduced',
      paidFen: 500,
      state: 'paid',
    });
  });

  it('given seven unpaid months of which three are excused by illness, then all seven are owed but the run without good reason is four: not flagged', async () => {
    const m = await payer(org, { from: addMonths(asOf, -6) });
    expect((await arrearsOf(org)).row(m)).toMatchObject({ monthsOwed: 7, flagged: true });
    const res = await relief(m, {
      kind: 'excused',
      reasonKind: 'illness',
      fromMonth: addMonths(asOf, -6),
      toMonth: addMonths(asOf, -4),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().inEffect).toBe(true);
    expect((await arrearsOf(org)).row(m)).toMatchObject({
      monthsOwed: 7,
      owedFen: 7 * 1500,
      longestRun: 4,
      flagged: false,
    });
  });

  it('refuses a relief naming the field: a reduction without its amount, an overlap with another', async () => {
    const m = await payer(org, { from: addMonths(asOf, -2) });
    const bad = await relief(m, { kind: 'reduced', fromMonth: asOf });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'amountFen' })]);
    expect(bad.json().error.message).toMatch(/^每月应交金额：/);
    expect((await relief(m, { kind: 'exempt', fromMonth: addMonths(asOf, -2) })).statusCode).toBe(201);
    const overlap = await relief(m, { kind: 'excused', reasonKind: 'hardship', fromMonth: asOf });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.details[0].path).toBe('fromMonth');
    const [{ n }] = await query<{ n: number }>(
      env,
      'select count(*)::int as n from dues_reliefs where member_id = $1',
      [m],
    );
    expect(n).toBe(1);
  });

  it('lists the current reliefs of the scope; another town’s member is refused', async () => {
    const current = (await api(town, 'GET', `/dues/reliefs?orgId=${org}`)).json();
    const all = (await api(town, 'GET', `/dues/reliefs?orgId=${org}&show=all`)).json();
    // two ended before this month: listed with all, not among the current
    expect(all.total - current.total).toBe(2);
    const list = all;
    expect(list.items[0]).toMatchObject({ orgName: '减免测试党支部' });
    const outsider = await payer((await makeOrg(env, town2, 'branch')).id);
    expect((await relief(outsider, { kind: 'exempt', fromMonth: asOf })).statusCode).toBe(403);
  });
});

describe('the month’s collection sheet', () => {
  it('shows each member’s month as paid, paid more, paid short, unpaid, exempt or not due, finds by name, and counts the settled', async () => {
    const org = (await makeOrg(env, town1, 'branch', '收缴表测试党支部')).id;
    const paid = await payer(org, { from: addMonths(asOf, -3) });
    const over = await payer(org, { from: addMonths(asOf, -3) });
    const short = await payer(org, { from: addMonths(asOf, -3) });
    const unpaid = await payer(org, { from: addMonths(asOf, -3) });
    const later = await payer(org, { from: thisMonth }); // "dues paid until" last month
    const applicant = await makeMember(env, org, { status: 'applicant' });
    await pay(paid, [asOf]);
    await pay(over, [asOf], 2500);
    await pay(short, [asOf], 700);
    await query(env, "update members set name = '欧阳收缴' where id = $1", [unpaid]);
    const res = await api(town, 'GET', `/dues/sheet?orgId=${org}&month=${asOf}`);
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json();
    const state = (id: string) => sheet.items.find((r: { memberId: string }) => r.memberId === id)?.state;
    expect([paid, over, short, unpaid, later].map(state)).toEqual([
      'paid',
      'overpaid',
      'underpaid',
      'unpaid',
      'not_due',
    ]);
    expect(state(String(applicant.id))).toBeUndefined();
    expect(sheet).toMatchObject({ total: 5, settledTotal: 2, month: asOf, orgName: '收缴表测试党支部' });
    const found = (await api(town, 'GET', `/dues/sheet?orgId=${org}&month=${asOf}&q=阳收`)).json();
    expect(found.items.map((r: { memberId: string }) => r.memberId)).toEqual([unpaid]);
    expect((await api(town, 'GET', `/dues/sheet?orgId=${town1}&month=${asOf}`)).statusCode).toBe(400);
  });
});

describe('the standard: the department’s figures, its history, the yearly window', () => {
  it('a new member’s standard uses the department’s fixed amounts and cap, and starts the history', async () => {
    expect(
      (
        await api(admin, 'PUT', '/settings/members.duesFixedAmounts', {
          value: { farmer: 80, student: 20, relief: 20 },
        })
      ).statusCode,
    ).toBe(200);
    const org = (await makeOrg(env, town1, 'branch')).id;
    const farmer = await api(town, 'POST', '/members', { ...newMemberPayload(org), duesCategory: 'farmer' });
    expect(farmer.statusCode, farmer.body).toBe(201);
    expect(farmer.json().duesStandardFen).toBe(80);
    const rich = await api(town, 'POST', '/members', {
      ...newMemberPayload(org),
      duesCategory: 'salaried',
      monthlyIncomeFen: 8_000_000,
    });
    expect(rich.json().duesStandardFen).toBe(100_000); // 2% of 80,000 is 1,600: capped at 1,000
    const history = await query<{ from_month: string; standard_fen: number }>(
      env,
      'select from_month, standard_fen from dues_standards where member_id = $1',
      [farmer.json().id],
    );
    expect(history).toEqual([{ from_month: thisMonth, standard_fen: 80 }]);
    const table = (await api(town, 'GET', '/dues/standard-table')).json();
    expect(table.fixed.find((f: { category: string }) => f.category === 'farmer').amountFen).toBe(80);
    expect(table).toMatchObject({ capFen: 100_000, window: { open: false } });
    await api(admin, 'PUT', '/settings/members.duesFixedAmounts', {
      value: { farmer: 50, student: 20, relief: 20 },
    });
    // the department's figures changed: an edit of another field leaves the standard as it was
    const edited = await api(town, 'PATCH', `/members/${farmer.json().id}`, {
      workUnit: '清河镇农技站',
      version: farmer.json().version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().duesStandardFen).toBe(80);
  });

  it('outside the window, a standard is changed only with the reason; the earlier months keep the old one', async () => {
    const org = (await makeOrg(env, town1, 'branch')).id;
    const m = await payer(org, { from: addMonths(asOf, -2) });
    // an edit of the income outside the window is refused, naming the field
    const [{ version }] = await query<{ version: number }>(env, 'select version from members where id = $1', [
      m,
    ]);
    const edit = await api(town, 'PATCH', `/members/${m}`, { monthlyIncomeFen: 900_000, version });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details[0].path).toBe('monthlyIncomeFen');
    const body = {
      memberId: m,
      fromMonth: asOf,
      category: 'salaried',
      basis: 'annual_salary',
      incomeFen: 24_000_000,
    };
    const noReason = await api(town, 'POST', '/dues/standards', body);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
    const set = await api(town, 'POST', '/dues/standards', { ...body, reason: '改为年薪制' });
    expect(set.statusCode, set.body).toBe(201);
    // 240,000 a year: 20,000 a month at 2%
    expect(set.json()).toMatchObject({
      fromMonth: asOf,
      basis: 'annual_salary',
      baseFen: 2_000_000,
      standardFen: 40_000,
    });
    const history = await query<{ from_month: string; standard_fen: number }>(
      env,
      'select from_month, standard_fen from dues_standards where member_id = $1 order by from_month',
      [m],
    );
    expect(history).toEqual([
      { from_month: addMonths(asOf, -2), standard_fen: 1500 },
      { from_month: asOf, standard_fen: 40_000 },
    ]);
    expect((await arrearsOf(org)).row(m)).toMatchObject({ monthsOwed: 3, owedFen: 1500 * 2 + 40_000 });
    const dues = (await api(town, 'GET', `/dues/members/${m}`)).json();
    expect(dues).toMatchObject({
      standardFen: 40_000,
      basis: 'annual_salary',
      fromMonth: addMonths(asOf, -2),
    });
    expect(dues.months.map((d: { month: string }) => d.month)).toEqual([
      thisMonth,
      asOf,
      addMonths(asOf, -1),
      addMonths(asOf, -2),
    ]);
    const [{ reason }] = await query<{ reason: string }>(
      env,
      "select after->>'reason' as reason from audit_log where action = 'dues.standard_set' and target_id = $1",
      [m],
    );
    expect(reason).toBe('改为年薪制');

    // in the window the department opened, an edit recalculates without a reason
    await api(admin, 'PUT', '/settings/members.duesRecalcWindow', { value: { from: today, to: today } });
    const [{ version: v2 }] = await query<{ version: number }>(
      env,
      'select version from members where id = $1',
      [m],
    );
    const inWindow = await api(town, 'PATCH', `/members/${m}`, { monthlyIncomeFen: 14_400_000, version: v2 });
    expect(inWindow.statusCode, inWindow.body).toBe(200);
    expect(inWindow.json().duesStandardFen).toBe(24_000); // still 年薪制: 12,000 a month at 2%
    await api(admin, 'PUT', '/settings/members.duesRecalcWindow', { value: { from: null, to: null } });
  });
});

describe('a member’s own payment history', () => {
  it('shows the member their months, what was paid, voluntary extra and what is owed', async () => {
    const org = (await makeOrg(env, town1, 'branch')).id;
    const m = await payer(org, { from: addMonths(asOf, -2) });
    const user = await makeUser(env, { orgId: org, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [user.id, m]);
    await pay(m, [addMonths(asOf, -2)], 2000);
    await pay(m, [asOf], 1500);
    const self = await login(env, user.username);
    const res = await api(self, 'GET', '/me/dues?months=12');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine.months.map((d: { month: string; state: string }) => [d.month, d.state])).toEqual([
      [thisMonth, 'pending'],
      [asOf, 'paid'],
      [addMonths(asOf, -1), 'unpaid'],
      [addMonths(asOf, -2), 'overpaid'],
    ]);
    expect(mine).toMatchObject({ paidFen: 3500, extraFen: 500, owedFen: 1500, can: { manage: false } });
    // the branch's view of someone else's dues is not theirs
    expect((await api(self, 'GET', `/dues/members/${m}`)).statusCode).toBe(403);
  });

  it('owes only completed months, as the arrears count them: this month and months paid ahead are pending', async () => {
    const org = (await makeOrg(env, town1, 'branch')).id;
    const m = await payer(org, { from: addMonths(asOf, -2) });
    const user = await makeUser(env, { orgId: org, role: 'member' });
    await query(env, 'update members set user_id = $1 where id = $2', [user.id, m]);
    await pay(m, [addMonths(asOf, -2)]);
    // this month paid short, and the month after next paid ahead, the one between left open
    await pay(m, [thisMonth], 1000);
    await pay(m, [addMonths(thisMonth, 2)], 1500);
    const self = await login(env, user.username);
    const mine = (await api(self, 'GET', '/me/dues?months=12')).json();
    expect(mine.thisMonth).toBe(thisMonth);
    expect(
      mine.months.map((d: { month: string; state: string; shortFen: number }) => [
        d.month,
        d.state,
        d.shortFen,
      ]),
    ).toEqual([
      [addMonths(thisMonth, 2), 'paid', 0],
      [addMonths(thisMonth, 1), 'pending', 1500],
      [thisMonth, 'pending', 500],
      [asOf, 'unpaid', 1500],
      [addMonths(asOf, -1), 'unpaid', 1500],
      [addMonths(asOf, -2), 'paid', 0],
    ]);
    // the member is told what the branch's arrears list says of them
    const listed = (await arrearsOf(org)).row(m);
    expect(listed).toMatchObject({ monthsOwed: 2, owedFen: 3000 });
    expect(mine.owedFen).toBe(listed!.owedFen);
    // and the branch's view of the member reads the same
    const branchView = (await api(town, 'GET', `/dues/members/${m}`)).json();
    expect(branchView.months).toEqual(mine.months);
    expect(branchView.owedFen).toBe(3000);
  });
});
