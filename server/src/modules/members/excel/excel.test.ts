import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMember, makeOrg, makeUser } from '../../../../test/fixtures.ts';
import { login, orgId, query, type Session, type TestEnv, testEnv } from '../../../../test/harness.ts';
import {
  COL,
  ERROR_HEADER,
  HEADERS,
  SHEET_BRANCHES,
  SHEET_CODES,
  SHEET_GUIDE,
  SHEET_MEMBERS,
} from './columns.ts';
import { parseRow } from './rows.ts';
import {
  importWorkbook,
  multipartBody,
  readWorkbook,
  sampleRow,
  validationsOf,
  withoutValidations,
} from './test-workbooks.ts';
import { bind } from '../../../platform/pii/index.ts';
import { DUPLICATES_ELSEWHERE_PER_DAY } from '../record/store.ts';

let env: TestEnv;
let dataDir: string;
let town: Session;
let town2Admin: Session;
let town1: number;
let town2: number;
let branch: { id: number; code: string; name: string };
let town2Branch: { code: string };
let town1Code: string;

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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-excel-'));
  env = await testEnv({ dataDir }, { withJobs: true });
  town = await login(env, 'town_admin');
  town2Admin = await login(env, 'town2_admin');
  town1 = await orgId(env, '中共青山区清河镇委员会');
  town2 = await orgId(env, '中共青山区石桥镇委员会');
  branch = await branchIn(town1, '导入测试党支部');
  town2Branch = await branchIn(town2);
  [{ code: town1Code }] = await query<{ code: string }>(env, 'select code from orgs where id = $1', [town1]);
});
afterAll(async () => {
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = (s: Session, url: string) =>
  env.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });

async function upload(s: Session, org: number | null, file: Buffer | null, name = '党员信息.xlsx') {
  const { payload, headers } = await multipartBody(
    org ? { orgId: String(org) } : {},
    file ? [{ name, body: file }] : [],
  );
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/members/imports',
    payload,
    headers: { ...s.headers, ...headers },
  });
}

/** Polls the import as the page does, until it has finished. */
async function finished(s: Session, id: string) {
  for (let i = 0; i < 300; i++) {
    const job = (await get(s, `/members/imports/${id}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`import ${id} did not finish`);
}

async function importRows(rows: unknown[][], org = branch.id) {
  const res = await upload(town, org, await importWorkbook(rows));
  expect(res.statusCode, res.body).toBe(202);
  return finished(town, res.json().id);
}

const countIn = async (org: number) =>
  (await query<{ n: number }>(env, 'select count(*)::int as n from members where org_id = $1', [org]))[0].n;
const importRowsCount = async () =>
  (await query<{ n: number }>(env, 'select count(*)::int as n from member_imports'))[0].n;
const cellText = (ws: ExcelJS.Worksheet, row: number, col: number) => {
  const v = ws.getRow(row).getCell(col).value;
  return v == null ? '' : String(v);
};

describe('the import template', () => {
  it('opens in Excel terms: the headers in order, a valid example row, drop-down lists, the guide and the branch codes', async () => {
    const res = await get(town, `/members/import-template?orgId=${town1}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('党员信息导入模板.xlsx')}`,
    );
    // the lists reach the sheet's last row: read as Excel keeps them (a range each), not cell by cell
    const wb = await readWorkbook(withoutValidations(res.rawPayload));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEET_MEMBERS,
      SHEET_GUIDE,
      SHEET_BRANCHES,
      SHEET_CODES,
    ]);
    const ws = wb.getWorksheet(SHEET_MEMBERS)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(HEADERS).toEqual([
      '姓名',
      '性别',
      '民族',
      '身份证号',
      '出生日期',
      '学历',
      '学位',
      '人员类别',
      '入党日期',
      '转正日期',
      '所在党支部',
      '党内职务',
      '手机号',
      '工作单位',
      '是否流动党员',
      '外出地点',
      '党费类别',
      '月收入（元）',
      '工作岗位',
      '家庭住址',
      '参加工作日期',
      '困难党员类别',
      '党费已交至',
    ]);
    // the example row is a record the importer would accept
    expect(parseRow(ws.getRow(2).values as unknown[], '2026-11-25').problems).toEqual([]);
    const lists = validationsOf(res.rawPayload);
    const at = (col: number) => {
      const letter = ws.getColumn(col).letter;
      return lists.find((v) => v.sqref === `${letter}2:${letter}1048576`);
    };
    expect(at(COL.gender)).toMatchObject({ type: 'list', formula: '"男,女"' });
    expect(at(COL.status)?.formula).toBe('"正式党员,预备党员,发展对象,入党积极分子,入党申请人"');
    expect(at(COL.mobile)?.formula).toBe('"是,否"');
    expect(at(COL.duesCategory)?.formula).toBe('"在职,离退休,农民,学生,困难党员"');
    expect(at(COL.education)?.formula).toContain('大学本科');
    expect(at(COL.degree)?.formula).toContain('学士');
    // 民族 and 工作岗位 from the code sheet, the branch column from the branch sheet
    expect(at(COL.ethnicity)?.formula).toBe(`'${SHEET_CODES}'!$A$2:$A$57`);
    expect(at(COL.postCode)?.formula).toMatch(new RegExp(`^'${SHEET_CODES}'!\\$C\\$2:\\$C\\$\\d+$`));
    expect(at(COL.orgRef)?.formula).toMatch(new RegExp(`^'${SHEET_BRANCHES}'!\\$D\\$2:\\$D\\$\\d+$`));
    expect(at(COL.hardshipKind)?.formula).toContain('因病致困');
    // an ID number of 18 characters, or an old one of 15 (the import upgrades it)
    expect(at(COL.idNumber)).toMatchObject({ type: 'custom', formula: 'OR(LEN(D2)=18,LEN(D2)=15)' });
    const guide = wb.getWorksheet(SHEET_GUIDE)!;
    const guideText = JSON.stringify(guide.getSheetValues());
    for (const h of HEADERS) expect(guideText).toContain(h);
    const branchSheet = wb.getWorksheet(SHEET_BRANCHES)!;
    const codes = branchSheet.getColumn(1).values;
    expect(codes).toContain(branch.code);
    expect(codes).not.toContain(town2Branch.code);
    expect(branchSheet.getColumn(4).values).toContain(`${branch.code} ${branch.name}`);
    const codeSheet = wb.getWorksheet(SHEET_CODES)!;
    expect(codeSheet.getColumn(1).values).toContain('回族');
    expect(codeSheet.getColumn(3).values).toContain('公务员');
  });

  it('lists only branches the admin manages', async () => {
    expect((await get(town, `/members/import-template?orgId=${town2}`)).statusCode).toBe(403);
  });
});

describe('importing a workbook', () => {
  it('imports a few hundred good rows: members exist with encrypted ID numbers, history and one audit entry', async () => {
    const target = await branchIn(town1);
    const rows = Array.from({ length: 300 }, (_, i) => sampleRow(i % 2 ? target.code : target.name));
    const job = await importRows(rows, town1);
    expect(job).toMatchObject({ status: 'done', total: 300, processed: 300, errorCount: 0 });
    expect(job.errorWorkbookUrl).toBeNull();
    expect(await countIn(target.id)).toBe(300);
    const stored = await query<{ id: number; id_number_enc: string; dues_standard_fen: number }>(
      env,
      'select id, id_number_enc, dues_standard_fen from members where org_id = $1 order by id',
      [target.id],
    );
    const ids = new Set(rows.map((r) => r[COL.idNumber - 1]));
    for (const m of stored.slice(0, 20)) {
      expect(m.id_number_enc).not.toMatch(/\d{17}/);
      expect(ids.has(env.pii.decrypt(m.id_number_enc, bind('members', 'id_number', m.id)))).toBe(true);
      expect(m.dues_standard_fen).toBeGreaterThan(0);
    }
    const history = await query<{ n: number }>(
      env,
      "select count(*)::int as n from member_history where source = 'import' and member_id = any($1)",
      [stored.map((m) => m.id)],
    );
    expect(history[0].n).toBe(300);
    const audit = await query<{ after: { imported: number; fileName: string } }>(
      env,
      "select after from audit_log where action = 'member.imported' and target_id = $1",
      [job.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ imported: 300, fileName: '党员信息.xlsx' });
  });

  it('one bad row: nothing is imported, and the error workbook explains exactly that row', async () => {
    const target = await branchIn(town1);
    const rows = Array.from({ length: 40 }, () => sampleRow(target.code));
    const bad = rows[16];
    const id = String(bad[COL.idNumber - 1]);
    bad[COL.idNumber - 1] = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const birthYear = Number(id.slice(6, 10));
    bad[COL.joinedOn - 1] = new Date(Date.UTC(birthYear + 16, 0, 1));
    bad[COL.fullOn - 1] = new Date(Date.UTC(birthYear + 18, 0, 1));
    const job = await importRows(rows, target.id);
    expect(job).toMatchObject({ status: 'failed', total: 40, errorCount: 1 });
    expect(job.message).toContain('未导入任何数据');
    expect(await countIn(target.id)).toBe(0);
    expect(job.errorWorkbookUrl).toBe(`/api/v1/members/imports/${job.id}/errors`);

    const res = await env.app.inject({ method: 'GET', url: job.errorWorkbookUrl, headers: town.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('党员信息-错误说明.xlsx')}`,
    );
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0];
    const errorCol = HEADERS.length + 1;
    expect(cellText(ws, 1, errorCol)).toBe(ERROR_HEADER);
    const explained = [];
    for (let r = 2; r <= 41; r++) if (cellText(ws, r, errorCol)) explained.push(r);
    expect(explained).toEqual([18]); // the 17th data row
    expect(cellText(ws, 18, errorCol)).toMatch(
      /^身份证号：校验位不正确，请核对；入党日期：早于年满 18 周岁之日（\d{4}-\d{2}-\d{2}）$/,
    );
    // the rows are the ones uploaded (personal numbers masked), and the bad one is highlighted
    expect(cellText(ws, 18, COL.idNumber)).toBe(
      `${id.slice(0, 4)}**********${String(bad[COL.idNumber - 1]).slice(-4)}`,
    );
    expect(ws.getRow(18).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.getRow(17).getCell(1).fill?.type ?? 'none').not.toBe('pattern');
  });

  it('explains every kind of bad row: formulas, duplicates, records on file, phones, branches out of reach', async () => {
    const target = await branchIn(town1);
    const onFile = await makeMember(env, town2);
    const birth = `${onFile.idNumber.slice(6, 10)}-${onFile.idNumber.slice(10, 12)}-${onFile.idNumber.slice(12, 14)}`;
    const twin = sampleRow(target.code);
    const rows = [
      sampleRow(target.code), // row 2: good
      sampleRow(target.code, { monthlyIncome: { formula: 'R2*2', result: 9000 } }),
      twin,
      [...twin],
      sampleRow(target.code, {
        idNumber: onFile.idNumber,
        birthDate: new Date(`${birth}T00:00:00Z`),
        gender: '男',
      }),
      sampleRow(target.code, { phone: '1234567' }),
      sampleRow(town2Branch.code),
      sampleRow('不存在的党支部'),
      sampleRow(target.code, { idNumber: Number('110108198506150000') }),
      sampleRow(town1Code),
    ];
    const job = await importRows(rows, town1);
    expect(job).toMatchObject({ status: 'failed', errorCount: 9 });
    expect(await countIn(target.id)).toBe(0);
    const ws = (await readWorkbook((await get(town, `/members/imports/${job.id}/errors`)).rawPayload))
      .worksheets[0];
    const err = (r: number) => cellText(ws, r, HEADERS.length + 1);
    expect(err(2)).toBe('');
    expect(err(3)).toContain('月收入（元）：单元格中是公式');
    expect(err(4)).toBe('身份证号：在本文件中重复出现（第 4、5 行），同一人只能登记一次');
    expect(err(5)).toBe(err(4));
    expect(err(6)).toBe('身份证号：已在本系统其他党组织登记，同一人不能重复登记');
    expect(err(7)).toContain('手机号：“*****67”不是有效的手机号');
    expect(err(8)).toContain(`所在党支部：“${town2Branch.code}”不在您的管理范围内`);
    expect(err(9)).toContain('所在党支部：找不到党组织代码或全称为“不存在的党支部”的党支部');
    expect(err(10)).toContain('身份证号：单元格是数字格式');
    expect(err(11)).toContain('不是党支部，党员须编入党支部');
  });

  it('an import is held to the same daily bound on ID numbers on record out of reach as the form', async () => {
    const target = await branchIn(town1);
    const prober = await makeUser(env, { orgId: town1, role: 'org_admin' });
    const s = await login(env, prober.username);
    const others = await Promise.all(
      Array.from({ length: DUPLICATES_ELSEWHERE_PER_DAY + 1 }, () => makeMember(env, town2)),
    );
    const rows = others.map((o) =>
      sampleRow(target.code, {
        idNumber: o.idNumber,
        birthDate: new Date(
          `${o.idNumber.slice(6, 10)}-${o.idNumber.slice(10, 12)}-${o.idNumber.slice(12, 14)}T00:00:00Z`,
        ),
        gender: '男',
      }),
    );
    const res = await upload(s, target.id, await importWorkbook(rows));
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(s, res.json().id);
    expect(job.status).toBe('failed');
    expect(job.message).toContain('超过每天可核对的次数');
    expect(job.errorWorkbookUrl).toBeNull(); // no row-by-row answer to the question
    expect(await countIn(target.id)).toBe(0);
  });

  it('refuses a branch elsewhere in the scope than the org chosen for the import', async () => {
    const chosen = await branchIn(town1);
    const elsewhere = await branchIn(town1);
    const job = await importRows([sampleRow(elsewhere.code)], chosen.id);
    const ws = (await readWorkbook((await get(town, `/members/imports/${job.id}/errors`)).rawPayload))
      .worksheets[0];
    expect(cellText(ws, 2, HEADERS.length + 1)).toContain(`不在本次导入所选的“${chosen.name}”之下`);
  });

  it('refuses bad uploads at once with a 4xx that names the problem, and stores nothing', async () => {
    const before = await importRowsCount();
    const good = await importWorkbook([sampleRow(branch.code)]);
    const cases: [
      string,
      () => Promise<{ statusCode: number; json: () => { error: { message: string } } }>,
      number,
      string,
    ][] = [
      [
        'not a workbook',
        () => upload(town, branch.id, Buffer.from('姓名,性别\n张三,男\n'), 'a.xlsx'),
        400,
        '不是 Excel 工作簿（.xlsx）',
      ],
      [
        'legacy .xls',
        () =>
          upload(
            town,
            branch.id,
            Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
            'a.xls',
          ),
        400,
        '.xls',
      ],
      ['a broken zip', () => upload(town, branch.id, good.subarray(0, 300)), 400, '无法作为 Excel 工作簿'],
      [
        'over 20 MB',
        () => upload(town, branch.id, Buffer.concat([good, Buffer.alloc(21 * 1024 * 1024)])),
        413,
        '20 MB',
      ],
      [
        'the wrong template',
        async () =>
          upload(
            town,
            branch.id,
            await importWorkbook([sampleRow(branch.code)], ['姓名', '性别', '身份证号']),
          ),
        400,
        '应依次为“姓名、性别、民族、身份证号',
      ],
      ['no file', () => upload(town, branch.id, null), 400, '请选择要导入的 .xlsx 文件'],
      ['no org', () => upload(town, null, good), 400, 'orgId'],
      [
        'JSON instead of a form',
        () =>
          env.app.inject({
            method: 'POST',
            url: '/api/v1/members/imports',
            payload: { orgId: String(branch.id) },
            headers: town.headers,
          }),
        400,
        'multipart/form-data',
      ],
      [
        'two files',
        async () => {
          const { payload, headers } = await multipartBody({ orgId: String(branch.id) }, [
            { name: 'a.xlsx', body: good },
            { name: 'b.xlsx', body: good },
          ]);
          return env.app.inject({
            method: 'POST',
            url: '/api/v1/members/imports',
            payload,
            headers: { ...town.headers, ...headers },
          });
        },
        400,
        '一次只能导入一个文件',
      ],
    ];
    for (const [what, send, status, says] of cases) {
      const res = await send();
      expect(res.statusCode, what).toBe(status);
      expect(res.json().error.message, what).toContain(says);
    }
    expect(await importRowsCount()).toBe(before);
  });
});

describe('exporting the list', () => {
  it('gives the filtered list in the template columns, ID numbers and phones masked, and records who took it', async () => {
    const target = await branchIn(town1);
    await importRows(
      Array.from({ length: 25 }, () => sampleRow(target.code)),
      town1,
    );
    await makeMember(env, target.id, { status: 'activist' });
    const res = await get(town, `/members/export?orgId=${target.id}&status=full`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.actualRowCount).toBe(26);
    for (let r = 2; r <= 26; r++) {
      expect(cellText(ws, r, COL.idNumber)).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      expect(cellText(ws, r, COL.phone)).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(cellText(ws, r, COL.orgRef)).toBe(target.name);
      expect(cellText(ws, r, COL.status)).toBe('正式党员');
    }
    const audit = await query<{ after: { rows: number; filter: Record<string, string> } }>(
      env,
      "select after from audit_log where action = 'member.exported' order by id desc limit 1",
    );
    expect(audit[0].after).toEqual({ rows: 25, filter: { orgId: String(target.id), status: 'full' } });
  });
});

describe('scope', () => {
  it('an admin of one town can neither import into nor export another town', async () => {
    const file = await importWorkbook([sampleRow(town2Branch.code)]);
    expect((await upload(town, town2, file)).statusCode).toBe(403);
    expect((await get(town, `/members/export?orgId=${town2}`)).statusCode).toBe(403);
    // nor follow another town's import
    const theirs = await upload(town2Admin, town2, file);
    expect(theirs.statusCode, theirs.body).toBe(202);
    expect((await get(town, `/members/imports/${theirs.json().id}`)).statusCode).toBe(403);
    await finished(town2Admin, theirs.json().id);
  });
});
