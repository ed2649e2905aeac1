import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { COL } from './columns.ts';
import { importWorkbook, multipartBody, readWorkbook, sampleRow } from './test-workbooks.ts';

/**
 * Issue 12, section 7: an import that updates the records already on file in the importer's scope,
 * after a preview of every change, written whole on confirmation or not at all.
 */
let env: TestEnv;
let dataDir: string;
let town: Session;
let town2Admin: Session;
let town1: number;
let town2: number;

async function branchIn(parent: number, name?: string) {
  const b = await makeOrg(env, parent, 'branch', name);
  const [row] = await query<{ code: string; name: string }>(
    env,
    'select code, name from orgs where id = $1',
    [b.id],
  );
  return { id: b.id, ...row };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-update-import-'));
  env = await testEnv({ dataDir }, { withJobs: true });
  town = await login(env, 'town_admin');
  town2Admin = await login(env, 'town2_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = (s: Session, url: string) =>
  env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });
const post = (s: Session, url: string) =>
  env.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: {}, headers: s.headers });

async function upload(s: Session, org: number, rows: unknown[][], mode: 'create' | 'update') {
  const { payload, headers } = await multipartBody({ orgId: String(org), mode }, [
    { name: '更新.xlsx', body: await importWorkbook(rows) },
  ]);
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/members/imports',
    payload,
    headers: { ...s.headers, ...headers },
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
}

/** Polls the import as the page does, until it has settled (finished, or waiting for confirmation). */
async function settled(s: Session, id: string) {
  for (let i = 0; i < 300; i++) {
    const job = (await get(s, `/members/imports/${id}`)).json();
    if (['done', 'failed', 'previewed', 'cancelled'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`import ${id} did not settle`);
}

/**
 * A row for a record already on file, as an update file carries it: the required cells as on file
 * (its own ID number, name, birth date, gender), the optional ones blank (kept), then `over`.
 */
async function rowFor(
  member: { id: number; idNumber: string },
  branchCode: string,
  over: Record<string, unknown> = {},
) {
  const [m] = await query<{
    name: string;
    birth_date: string;
    gender: string;
    joined_on: string;
    full_on: string;
  }>(
    env,
    `select name, to_char(birth_date, 'YYYY-MM-DD') as birth_date, gender, to_char(joined_on, 'YYYY-MM-DD') as joined_on,
            to_char(full_on, 'YYYY-MM-DD') as full_on from members where id = $1`,
    [member.id],
  );
  return sampleRow(branchCode, {
    name: m.name,
    idNumber: member.idNumber,
    birthDate: new Date(`${m.birth_date}T00:00:00Z`),
    gender: m.gender === 'male' ? '男' : '女',
    joinedOn: new Date(`${m.joined_on}T00:00:00Z`),
    fullOn: new Date(`${m.full_on}T00:00:00Z`),
    degree: null,
    phone: null,
    workUnit: null,
    mobile: null,
    duesCategory: null,
    monthlyIncome: null,
    ...over,
  });
}

const record = async (id: number) =>
  (
    await query<{
      name: string;
      work_unit: string | null;
      post_code: string | null;
      version: number;
      ethnicity: string;
    }>(env, 'select name, work_unit, post_code, version, ethnicity from members where id = $1', [id])
  )[0];

describe('an import that updates records on file', () => {
  it('given 3 members on file and a new one, shows every change per field first, writes nothing, and on confirmation writes them all with their history', async () => {
    const b = await branchIn(town1);
    const members = await Promise.all([1, 2, 3].map(() => makeMember(env, b.id, { phone: '13800001111' })));
    const before = await Promise.all(members.map((m) => record(m.id)));
    const rows = [
      await rowFor(members[0], b.code, {
        name: '张更新',
        workUnit: '清河镇卫生院',
        postCode: '事业单位专业技术岗位',
      }),
      await rowFor(members[1], b.code, { workUnit: '清河镇中心小学', phone: '13900002222' }),
      await rowFor(members[2], b.code, { workUnit: null, ethnicity: '回', hardshipKind: '因病致困' }),
      sampleRow(b.code, { duesPaidUntil: '2026-06' }),
    ];
    const id = await upload(town, b.id, rows, 'update');
    const job = await settled(town, id);
    expect(job).toMatchObject({ status: 'previewed', mode: 'update', createdCount: 1, updatedCount: 3 });
    expect(job.can).toEqual({ confirm: true, cancel: true });
    expect(job.notes).toContainEqual({ row: 4, field: '民族', text: '民族“回”已按 GB/T 3304 规范为“回族”' });
    // nothing written yet
    expect(await Promise.all(members.map((m) => record(m.id)))).toEqual(before);
    expect((await query(env, 'select 1 from members where org_id = $1', [b.id])).length).toBe(3);

    const preview = (await get(town, `/members/imports/${id}/preview`)).json();
    expect(preview.total).toBe(3);
    const byMember = new Map(
      preview.items.map((r: { memberId: string; changes: unknown[] }) => [Number(r.memberId), r.changes]),
    );
    expect(byMember.get(members[0].id)).toEqual(
      expect.arrayContaining([
        { field: 'name', before: before[0].name, after: '张更新' },
        { field: 'workUnit', before: null, after: '清河镇卫生院' },
        { field: 'postCode', before: null, after: '0131' },
      ]),
    );
    // personal data masked in the preview as everywhere it is listed
    expect(byMember.get(members[1].id)).toContainEqual({
      field: 'phone',
      before: '138****1111',
      after: '139****2222',
    });
    // a blank cell keeps what is on file: the third record's work unit is not in its changes
    expect((byMember.get(members[2].id) as { field: string }[]).map((c) => c.field).sort()).toEqual([
      'ethnicity',
      'hardshipKind',
    ]);

    const confirmed = await post(town, `/members/imports/${id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(202);
    const done = await settled(town, id);
    expect(done).toMatchObject({ status: 'done', createdCount: 1, updatedCount: 3 });
    expect(await record(members[0].id)).toMatchObject({
      name: '张更新',
      work_unit: '清河镇卫生院',
      post_code: '0131',
    });
    expect((await record(members[2].id)).ethnicity).toBe('回族');
    expect((await record(members[2].id)).version).toBe(before[2].version + 1);
    const history = await query<{ source: string; changes: Record<string, unknown> }>(
      env,
      "select source, changes from member_history where member_id = $1 and source = 'import'",
      [members[1].id],
    );
    expect(history).toHaveLength(1);
    expect(history[0].changes).toMatchObject({ phone: ['138****1111', '139****2222'] });
    // the new member's dues start the month after 党费已交至
    const [created] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where org_id = $1 and id <> all($2)',
      [b.id, members.map((m) => m.id)],
    );
    expect(created.dues_from_month).toBe('2026-07');
    const [audit] = await query<{ after: { updated: number; imported: number } }>(
      env,
      "select after from audit_log where action = 'member.imported' and target_id = $1",
      [id],
    );
    expect(audit.after).toMatchObject({ updated: 3, imported: 1 });
  });

  it('given a record edited after the preview, confirming writes nothing at all', async () => {
    const b = await branchIn(town1);
    const [m1, m2] = await Promise.all([makeMember(env, b.id), makeMember(env, b.id)]);
    const id = await upload(
      town,
      b.id,
      [
        await rowFor(m1, b.code, { workUnit: '新单位甲' }),
        await rowFor(m2, b.code, { workUnit: '新单位乙' }),
      ],
      'update',
    );
    expect((await settled(town, id)).status).toBe('previewed');
    // someone edits the second record meanwhile
    await query(env, "update members set work_unit = '他人刚改的' where id = $1", [m2.id]);
    expect((await post(town, `/members/imports/${id}/confirm`)).statusCode).toBe(202);
    const job = await settled(town, id);
    expect(job.status).toBe('failed');
    expect(job.message).toContain('预览之后有党员的信息被修改');
    expect((await record(m1.id)).work_unit).not.toBe('新单位甲');
    expect((await record(m2.id)).work_unit).toBe('他人刚改的');
  });

  it('refuses rows on file elsewhere without saying where, and a row that would move a member to another branch', async () => {
    const b = await branchIn(town1);
    const other = await branchIn(town1);
    const [mine, moved] = await Promise.all([makeMember(env, b.id), makeMember(env, other.id)]);
    const theirs = await makeMember(env, town2);
    const id = await upload(
      town,
      town1,
      [
        await rowFor(mine, b.code, { workUnit: '可以更新' }),
        await rowFor(theirs, b.code),
        await rowFor(moved, b.code, { workUnit: '想调到别的支部' }),
      ],
      'update',
    );
    const job = await settled(town, id);
    expect(job).toMatchObject({ status: 'failed', errorCount: 2 });
    const ws = (await readWorkbook((await get(town, `/members/imports/${id}/errors`)).rawPayload))
      .worksheets[0];
    const err = (r: number) => String(ws.getRow(r).getCell(COL.duesPaidUntil + 1).value ?? '');
    expect(err(2)).toBe('');
    expect(err(3)).toBe('身份证号：已在本系统其他党组织登记，同一人不能重复登记');
    expect(err(3)).not.toContain('石桥');
    expect(err(4)).toContain(`该党员现在“${other.name}”，导入不能调整所在党支部`);
    expect((await record(mine.id)).work_unit).not.toBe('可以更新');
  });

  it('a standard on file changes only in the yearly window (as on the form): outside it the row is refused, pointing to the dues page', async () => {
    const b = await branchIn(town1);
    const m = await makeMember(env, b.id);
    await query(env, "update members set dues_category = 'farmer', dues_standard_fen = 50 where id = $1", [
      m.id,
    ]);
    const id = await upload(
      town,
      b.id,
      [await rowFor(m, b.code, { duesCategory: '在职', monthlyIncome: 6000 })],
      'update',
    );
    const job = await settled(town, id);
    expect(job).toMatchObject({ status: 'failed', errorCount: 1 });
    const ws = (await readWorkbook((await get(town, `/members/imports/${id}/errors`)).rawPayload))
      .worksheets[0];
    expect(String(ws.getRow(2).getCell(COL.duesPaidUntil + 1).value)).toContain(
      '请在该党员的“党费”页中“调整党费标准”',
    );
  });

  it('in create mode, a row whose ID number is on file in scope is still refused, saying where', async () => {
    const b = await branchIn(town1, '新增模式党支部');
    const m = await makeMember(env, b.id);
    const id = await upload(town, b.id, [await rowFor(m, b.code)], 'create');
    const job = await settled(town, id);
    expect(job.status).toBe('failed');
    const ws = (await readWorkbook((await get(town, `/members/imports/${id}/errors`)).rawPayload))
      .worksheets[0];
    expect(String(ws.getRow(2).getCell(COL.duesPaidUntil + 1).value)).toBe(
      '身份证号：已登记在“新增模式党支部”，同一人不能重复登记',
    );
  });

  it('a discarded preview writes nothing, and only its starter may confirm or discard it', async () => {
    const b = await branchIn(town1);
    const m = await makeMember(env, b.id);
    const id = await upload(town, b.id, [await rowFor(m, b.code, { workUnit: '不会写入' })], 'update');
    expect((await settled(town, id)).status).toBe('previewed');
    const admin = await login(env, 'admin');
    expect((await post(admin, `/members/imports/${id}/confirm`)).statusCode).toBe(403);
    const cancelled = await post(town, `/members/imports/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await post(town, `/members/imports/${id}/confirm`)).statusCode).toBe(409);
    expect((await record(m.id)).work_unit).not.toBe('不会写入');
    const [row] = await query<{ file_path: string }>(
      env,
      'select file_path from member_imports where id = $1',
      [id],
    );
    expect(row.file_path).toBe('');
  });
});

describe('notes on what an import changed on the way in', () => {
  it('an old 15-digit ID number is stored as its 18 digits, and the import says so', async () => {
    const b = await branchIn(town1);
    const row = sampleRow(b.code);
    const id18 = String(row[COL.idNumber - 1]);
    row[COL.idNumber - 1] = id18.slice(0, 6) + id18.slice(8, 17);
    const id = await upload(town, b.id, [row], 'create');
    const job = await settled(town, id);
    expect(job.status, job.message).toBe('done');
    expect(job.notes).toEqual([
      {
        row: 2,
        field: '身份证号',
        text: '15 位旧身份证号已按 GB 11643 升级为 18 位（出生年份前补“19”，末位补校验码），请核对',
      },
    ]);
    expect(
      (await query(env, 'select 1 from members where id_number_index = $1', [env.pii.blindIndex('id', id18)]))
        .length,
    ).toBe(1);
    // a new member with no "党费已交至" counts from the later of joining and arriving
    const [m] = await query<{ dues_from_month: string }>(
      env,
      'select dues_from_month from members where org_id = $1',
      [b.id],
    );
    expect(m.dues_from_month).toBe(shanghaiToday(new Date()).slice(0, 7));
  });
});

describe('the list of past imports', () => {
  it('shows who, when, the counts and the outcome, within the caller’s scope only', async () => {
    const b = await branchIn(town1);
    const id = await upload(town, b.id, [sampleRow(b.code), sampleRow(b.code)], 'create');
    await settled(town, id);
    const list = (await get(town, '/members/imports?pageSize=50')).json();
    const mine = list.items.find((j: { id: string }) => j.id === id);
    expect(mine).toMatchObject({
      status: 'done',
      mode: 'create',
      createdCount: 2,
      updatedCount: 0,
      errorCount: 0,
    });
    expect(mine.createdByName).toBeTruthy();
    expect(mine.orgName).toBe(b.name);
    const theirs = (await get(town2Admin, '/members/imports?pageSize=200')).json();
    expect(theirs.items.some((j: { id: string }) => j.id === id)).toBe(false);
    expect((await get(town2Admin, `/members/imports?orgId=${town1}`)).statusCode).toBe(403);
  });
});

describe('the export, with the national fields', () => {
  it('has them as columns (the address masked) and 奖惩 and 出国（境） as sheets of their own', async () => {
    const b = await branchIn(town1);
    const id = await upload(
      town,
      b.id,
      [
        sampleRow(b.code, {
          postCode: '公务员',
          homeAddress: '青山区清河镇幸福路 9 号',
          hardshipKind: '因灾致困',
        }),
      ],
      'create',
    );
    expect((await settled(town, id)).status).toBe('done');
    const [m] = await query<{ id: number }>(env, 'select id from members where org_id = $1', [b.id]);
    const send = (url: string, payload: object) =>
      env.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers: town.headers });
    expect(
      (
        await send(`/members/${m.id}/sanctions`, {
          kind: 'reward',
          title: '优秀共产党员',
          on: '2021-06-30',
          issuedBy: '中共青山区委员会',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await send(`/members/${m.id}/trips`, { destination: '新加坡', purpose: '探亲', leftOn: '2024-02-01' }))
        .statusCode,
    ).toBe(201);
    const res = await get(town, `/members/export?orgId=${b.id}`);
    expect(res.statusCode).toBe(200);
    const wb = await readWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '奖惩情况', '出国（境）情况']);
    const row = wb.worksheets[0].getRow(2);
    expect(row.getCell(COL.postCode).value).toBe('公务员');
    expect(row.getCell(COL.homeAddress).value).toBe('青山区清河镇****');
    expect(row.getCell(COL.hardshipKind).value).toBe('因灾致困');
    const sanction = wb.getWorksheet('奖惩情况')!.getRow(2).values as unknown[];
    expect(sanction.slice(1, 2)).toEqual([wb.worksheets[0].getRow(2).getCell(1).value]);
    expect(String(sanction[2])).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(sanction).toContain('优秀共产党员');
    expect(wb.getWorksheet('出国（境）情况')!.getRow(2).values).toContain('新加坡');
  });
});

describe('the export fills 党费已交至 from the payment records', () => {
  it('given a member who paid three months in a row from where dues start, then a gap, the column says the third; someone not yet a member has none', async () => {
    const b = await branchIn(town1);
    const payer = await makeMember(env, b.id, { name: '党费已交' });
    await query(env, "update members set dues_from_month = '2025-01' where id = $1", [payer.id]);
    for (const month of ['2025-01', '2025-02', '2025-03', '2025-05'])
      await query(env, 'insert into dues_payments (member_id, month, amount_fen) values ($1, $2, 300)', [
        payer.id,
        month,
      ]);
    const fresh = await makeMember(env, b.id, { name: '党费未交' });
    await query(env, "update members set dues_from_month = '2025-01' where id = $1", [fresh.id]);
    await makeMember(env, b.id, { name: '入党积极', status: 'activist' });
    const res = await get(town, `/members/export?orgId=${b.id}`);
    expect(res.statusCode).toBe(200);
    const sheet = (await readWorkbook(res.rawPayload)).worksheets[0];
    const byName = new Map<string, unknown>();
    for (let r = 2; r <= sheet.rowCount; r++)
      byName.set(String(sheet.getRow(r).getCell(1).value), sheet.getRow(r).getCell(COL.duesPaidUntil).value);
    expect(byName.get('党费已交')).toBe('2025-03');
    // nothing paid from the first month: paid up to the month before it
    expect(byName.get('党费未交')).toBe('2024-12');
    expect(byName.get('入党积极')).toBeNull();
  });
});
