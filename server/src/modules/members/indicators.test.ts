import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../test/fixtures.ts';
import { orgId, query, type TestEnv, testEnv } from '../../../test/harness.ts';
import type { IndicatorDef, IndicatorMonth } from '../../platform/module.ts';
import { shanghaiMonthRange } from '../../platform/time.ts';
import { membersIndicators } from './indicators.ts';

let env: TestEnv;
let A: number;
let B: number;
const ids: Record<string, number> = {};

const month = (m: string): IndicatorMonth => ({ month: m, ...shanghaiMonthRange(m) });
const SEPT = month('2026-09');
const def = (key: string): IndicatorDef => membersIndicators.find((d) => d.key === key)!;
const at = (s: string) => `${s}T10:00:00+08:00`;

/** The figures of a key for the two test branches, as { A, B } (absent: undefined). */
async function figures(key: string, m = SEPT, orgIds: number[] | null = [A, B]) {
  const rows = await def(key).compute(env.database.db, m, orgIds ?? undefined);
  const of = (o: number) => {
    const r = rows.find((x) => x.orgId === o);
    return r && (r.den === undefined ? r.num : `${r.num}/${r.den}`);
  };
  return { A: of(A), B: of(B), orgs: rows.map((r) => r.orgId).sort() };
}

/** A full member of `org`, complete unless told, created in 2025 and last changed in 2025. */
async function member(org: number, name: string, set: string, params: unknown[] = []) {
  const { id } = await makeMember(env, org, { name });
  await query(
    env,
    `update members set phone_enc = 'enc', work_unit = '青山区农机站', created_at = '2025-01-01T10:00:00+08:00',
                        record_updated_at = '2025-01-01T10:00:00+08:00' where id = $1`,
    [id],
  );
  if (set) await query(env, `update members set ${set} where id = $1`, [id, ...params]);
  ids[name] = id;
  return id;
}

async function loginOf(memberId: number, when: string, credential = 'password') {
  const [{ org_id }] = await query<{ org_id: number }>(env, 'select org_id from members where id = $1', [
    memberId,
  ]);
  const u = await makeUser(env, { orgId: org_id });
  await query(env, 'update members set user_id = $2 where id = $1', [memberId, u.id]);
  await query(
    env,
    `insert into audit_log (at, actor_id, action, target_type, target_id, org_id, after)
     values ($1, $2::int8, 'auth.login', 'user', $2::text, $3, $4)`,
    [at(when), u.id, org_id, JSON.stringify({ credential })],
  );
}

let letter = 0;
async function transfer(
  t: {
    to: number | null;
    from?: number | null;
    kind?: string;
    status: string;
    validUntil: string;
    decided?: string;
  },
  memberId?: number,
) {
  const mid = memberId ?? (await makeMember(env, B, { name: `转接${++letter}` })).id;
  await query(
    env,
    `insert into transfers (kind, status, member_id, from_org_id, from_org_name, to_org_id, to_org_name, letter_no,
                            issued_on, valid_until, dues_paid_until, reason, decided_at)
     values ($1, $2, $3, $4, '外单位党支部', $5, '接收党支部', $6, '2026-06-01', $7, '2026-05', '工作调动', $8)`,
    [
      t.kind ?? 'internal',
      t.status,
      mid,
      t.from ?? null,
      t.to,
      `T-IND-${process.pid}-${++letter}`,
      t.validUntil,
      t.decided ? at(t.decided) : null,
    ],
  );
}

beforeAll(async () => {
  env = await testEnv();
  const town = await orgId(env, '中共青山区清河镇委员会');
  A = (await makeOrg(env, town, 'branch', '指标测试甲支部')).id;
  B = (await makeOrg(env, town, 'branch', '指标测试乙支部')).id;

  // branch A at the end of September 2026
  const a1 = await member(
    A,
    '甲一',
    `photo = 'p.jpg', record_updated_at = $2, dues_standard_fen = 1000,
                                     dues_category = 'salaried', dues_from_month = '2026-07'`,
    [at('2026-09-10')],
  );
  await query(
    env,
    `insert into dues_payments (member_id, month, amount_fen) values ($1, '2026-07', 1000), ($1, '2026-08', 1000)`,
    [a1],
  );
  await loginOf(a1, '2026-09-15');
  // no phone; changed in March (the history), a standard recorded only in October, a login only in October
  const a2 = await member(
    A,
    '甲二',
    `phone_enc = null, dues_standard_fen = 1000, dues_category = 'salaried',
                                     dues_from_month = '2026-10'`,
  );
  await query(
    env,
    `insert into member_history (member_id, at, source, changes) values ($1, $2, 'edit', '{}')`,
    [a2, at('2026-03-01')],
  );
  await query(
    env,
    `insert into dues_standards (member_id, from_month, category, standard_fen, recorded_at)
     values ($1, '2026-10', 'salaried', 1000, $2)`,
    [a2, at('2026-10-05')],
  );
  await loginOf(a2, '2026-10-02');
  // changed only after the month (and in 2025 by the history), no standard
  const a3 = await member(A, '甲三', 'record_updated_at = $2', [at('2026-10-20')]);
  await query(
    env,
    `insert into member_history (member_id, at, source, changes) values ($1, $2, 'edit', '{}')`,
    [a3, at('2025-11-01')],
  );
  // created after the month; gone out of the deployment before its end; out of the Party before it
  await member(A, '甲四', 'created_at = $2', [at('2026-10-03')]);
  await member(A, '甲五', 'left_at = $2', [at('2026-08-15')]);
  // died in August, recorded in October: out of the Party at the end of September all the same
  await member(
    A,
    '甲七',
    `party_standing = 'left', left_how = 'death', left_on = '2026-08-01', left_at = $2`,
    [at('2026-10-05')],
  );
  // in B now, but moved from A by a transfer accepted in October: A's at the end of September
  const a6 = await member(
    B,
    '甲六',
    `photo = 'p.jpg', dues_standard_fen = 1000, dues_category = 'salaried',
                                     dues_from_month = '2026-09', record_updated_at = $2`,
    [at('2026-10-10')],
  );
  await query(env, `insert into dues_payments (member_id, month, amount_fen) values ($1, '2026-09', 1000)`, [
    a6,
  ]);
  await transfer({ from: A, to: B, status: 'accepted', validUntil: '2026-10-30', decided: '2026-10-10' }, a6);
  await loginOf(a6, '2026-09-20');

  // branch B
  const b1 = await member(
    B,
    '乙一',
    `photo = 'p.jpg', record_updated_at = $2, dues_standard_fen = 800,
                                     dues_category = 'salaried', dues_from_month = '2026-09'`,
    [at('2026-09-05')],
  );
  await query(
    env,
    `insert into dues_standards (member_id, from_month, category, standard_fen, recorded_at)
     values ($1, '2026-09', 'salaried', 800, $2)`,
    [b1, at('2026-02-01')],
  );
  await query(env, `insert into dues_payments (member_id, month, amount_fen) values ($1, '2026-09', 800)`, [
    b1,
  ]);
  await member(
    B,
    '乙二',
    `status = 'activist', joined_on = null, full_on = null, created_at = $2, record_updated_at = $2`,
    [at('2025-05-01')],
  );

  // transfers to A: in time, late, left to run out, cancelled in time (never due), handled in August
  await transfer({ from: B, to: A, status: 'accepted', validUntil: '2026-10-15', decided: '2026-09-10' });
  await transfer({ from: B, to: A, status: 'accepted', validUntil: '2026-09-20', decided: '2026-09-25' });
  await transfer({ from: B, to: A, status: 'pending', validUntil: '2026-09-25' });
  await transfer({ from: B, to: A, status: 'cancelled', validUntil: '2026-09-28', decided: '2026-09-05' });
  await transfer({ from: B, to: A, status: 'accepted', validUntil: '2026-09-10', decided: '2026-08-20' });
  // to B: returned in time; an out-of-platform letter A completed, an arrival B registered
  await transfer({ from: A, to: B, status: 'returned', validUntil: '2026-09-30', decided: '2026-09-03' });
  await transfer({
    from: A,
    to: null,
    kind: 'outgoing',
    status: 'accepted',
    validUntil: '2026-10-30',
    decided: '2026-09-12',
  });
  await transfer({
    from: null,
    to: B,
    kind: 'incoming',
    status: 'accepted',
    validUntil: '2026-10-30',
    decided: '2026-09-15',
  });
}, 120_000);
afterAll(() => env?.close());

describe('members indicators', () => {
  it('record quality as of the month end, each record in the org that held it then', async () => {
    // A holds 甲一, 甲二, 甲三, 甲六 (moved out in October); not 甲四 (created after), 甲五 (left), 甲七 (died)
    expect(await figures('members.record_complete')).toMatchObject({ A: '3/4', B: '2/2' });
    expect(await figures('members.photo')).toMatchObject({ A: '2/4', B: '1/2' });
    // 甲一 in September, 甲二 by the March history; 甲三 and 甲六 only after the month · 乙一 yes, 乙二 in 2025
    expect(await figures('members.record_updated')).toMatchObject({ A: '2/4', B: '1/2' });
    // admitted only: 甲一 (standard before the history), 甲六 · 甲二 recorded in October, 甲三 none · 乙一
    expect(await figures('members.dues_standard')).toMatchObject({ A: '2/4', B: '1/1' });
    // October: 甲四 is held, 甲六 is B's, 甲三's and 甲六's changes count
    expect(await figures('members.record_updated', month('2026-10'))).toMatchObject({ A: '4/4', B: '2/3' });
  });

  it('the orgIds filter reads only those orgs, following the records that moved out since', async () => {
    expect(await figures('members.record_complete', SEPT, [A])).toEqual({
      A: '3/4',
      B: undefined,
      orgs: [A],
    });
    expect(await figures('members.photo', SEPT, [B])).toEqual({ A: undefined, B: '1/2', orgs: [B] });
    expect(await def('members.photo').compute(env.database.db, SEPT, [])).toEqual([]);
    // without a filter: every org, the test branches among them with the same figures
    expect(await figures('members.record_complete', SEPT, null)).toMatchObject({ A: '3/4', B: '2/2' });
  });

  it('records: what falls short first, with what is missing', async () => {
    const recs = await def('members.record_complete').records(env.database.db, A, SEPT, 10);
    expect(recs.map((r) => [r.title, r.counted])).toEqual([
      ['甲二', false],
      ['甲三', true],
      ['甲六', true],
      ['甲一', true],
    ]);
    expect(recs[0].note).toBe('缺少：手机号');
    expect(recs[0].href).toBe(`/members/${ids.甲二}`);
    const photos = await def('members.photo').records(env.database.db, A, SEPT, 2);
    expect(photos.map((r) => [r.title, r.counted, r.note])).toEqual([
      ['甲三', false, '缺少照片'],
      ['甲二', false, '缺少照片'],
    ]);
    const dues = await def('members.dues_standard').records(env.database.db, B, SEPT, 10);
    expect(dues.map((r) => [r.title, r.counted])).toEqual([['乙一', true]]);
  });

  it('dues arrears: members owing as of the month, every org with members counted', async () => {
    // 甲一 paid July and August, not September; 甲六 (now B's) and 乙一 paid September
    const f = await figures('members.dues_arrears');
    expect(f).toMatchObject({ A: 1, B: 0 });
    expect(await figures('members.dues_arrears', month('2026-08'))).toMatchObject({ A: 0 });
    const recs = await def('members.dues_arrears').records(env.database.db, A, SEPT, 10);
    expect(recs).toEqual([
      { title: '甲一', at: null, counted: false, note: '欠缴 1 个月，共 10.00 元', href: '/dues' },
    ]);
  });

  it('transfers handled in time, given to the receiving org, each in one month', async () => {
    expect(await figures('members.transfers_in_time')).toEqual({ A: '1/3', B: '1/1', orgs: [A, B].sort() });
    // August: the one handled then; October: 甲六's transfer to B
    expect(await figures('members.transfers_in_time', month('2026-08'))).toMatchObject({ A: '1/1' });
    expect(await figures('members.transfers_in_time', month('2026-10'))).toMatchObject({
      A: undefined,
      B: '1/1',
    });
    expect(await figures('members.transfers_in_time', SEPT, [B])).toEqual({
      A: undefined,
      B: '1/1',
      orgs: [B],
    });
    const recs = await def('members.transfers_in_time').records(env.database.db, A, SEPT, 10);
    expect(recs.map((r) => [r.counted, r.note, r.at === null])).toEqual([
      [false, '逾期 5 天接收（有效期至 2026-09-20）', false],
      [false, '介绍信 2026-09-25 到期，未在有效期内办理', true],
      [true, '介绍信有效期内接收', false],
    ]);
  });

  it('transfers completed online, given to the org that completed them', async () => {
    expect(await figures('members.transfers_online')).toEqual({ A: 3, B: 1, orgs: [A, B].sort() });
    expect(await figures('members.transfers_online', month('2026-10'))).toMatchObject({ A: undefined, B: 1 });
    expect(await figures('members.transfers_online', SEPT, [A])).toEqual({ A: 3, B: undefined, orgs: [A] });
    const recs = await def('members.transfers_online').records(env.database.db, A, SEPT, 10);
    expect(recs.map((r) => r.note)).toEqual(['系统内转接', '转出系统外，回执已收到', '系统内转接']);
    expect(recs.every((r) => r.counted)).toBe(true);
  });

  it("members' logins: Party members held at the month end who signed in in the month", async () => {
    expect(def('members.logins').basis).toBe('activity');
    // A: 甲一 and 甲六 in September, 甲二 only in October, 甲三 no account · B: 乙一 no account, 乙二 not a member yet
    expect(await figures('members.logins')).toMatchObject({ A: '2/4', B: '0/1' });
    expect(await figures('members.logins', month('2026-10'))).toMatchObject({ A: '1/4' });
    const recs = await def('members.logins').records(env.database.db, A, SEPT, 10);
    expect(recs.map((r) => [r.title, r.counted, r.note])).toEqual([
      ['甲三', false, '本月未登录'],
      ['甲二', false, '本月未登录'],
      ['甲六', true, '本月登录 1 次'],
      ['甲一', true, '本月登录 1 次'],
    ]);
  });
});
