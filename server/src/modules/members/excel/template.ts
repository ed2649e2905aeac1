import { and, asc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import {
  DEGREES,
  EDUCATIONS,
  ETHNIC_GROUPS,
  ETHNICITIES,
  POSTS,
} from '../../../../../contracts/members/index.ts';
import type { Queryable } from '../../../db/client.ts';
import { authorize, scopePaths } from '../../../platform/access/index.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { findOrg, inSubtrees, orgs } from '../../../platform/tree/index.ts';
import { makeIdCard } from '../record/id-card.ts';
import {
  COL,
  COLUMNS,
  DUES_ZH,
  EXCEL_LAST_ROW,
  GENDER_ZH,
  HARDSHIP_ZH,
  HEADERS,
  NO,
  SHEET_BRANCHES,
  SHEET_CODES,
  SHEET_GUIDE,
  SHEET_MEMBERS,
  STATUS_ZH,
  YES,
} from './columns.ts';

/** The example row (fictitious, valid). An import skips a row with its ID number, so leaving it in is harmless. */
export const EXAMPLE = {
  name: '王建华（示例）',
  idNumber: makeIdCard('110105', '1985-06-15', 13, 'male'),
};

const DATE_KEYS = ['birthDate', 'joinedOn', 'fullOn', 'workStartedOn'] as const;
const TEXT_KEYS = ['idNumber', 'phone', 'orgRef', 'homeAddress', 'duesPaidUntil'] as const;
const RED = 'FFC00000';

type ValidatingSheet = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
};

const list = (title: string, items: readonly string[]): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${items.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: title,
  error: `请从下拉列表中选择：${items.join('、')}`,
});

/**
 * A drop-down list read from another sheet's column (Excel keeps an inline list under 255
 * characters: the 56 民族 fit, the 工作岗位 do not; the branches are the admin's own).
 */
const sheetList = (
  title: string,
  sheet: string,
  column: string,
  count: number,
  strict = true,
): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`'${sheet}'!$${column}$2:$${column}$${count + 1}`],
  showErrorMessage: strict,
  errorStyle: 'stop',
  errorTitle: title,
  error: `请从下拉列表中选择（见“${sheet}”表）`,
});

/** The code sheet's columns: what each list of the member sheet reads. */
const CODE_COLUMNS = { ethnicity: 'A', post: 'C' } as const;

/**
 * Column widths and formats, the header row and the drop-down lists down to `lastRow`: the same
 * for the template, the error workbook and the export, on an in-memory or a streaming sheet.
 * `extra` headers (the error column) follow the template's.
 */
export function layoutMemberSheet(
  ws: ExcelJS.Worksheet,
  opts: {
    lastRow: number;
    validations: boolean;
    extra?: { header: string; width: number }[];
    /** The workbook has the code sheet (addCodesSheet): 民族 and 工作岗位 get their lists from it. */
    codes?: boolean;
    /** How many branches the branch sheet lists ("代码 全称" in its column D): the branch column's list. */
    branches?: number;
  },
) {
  const extra = opts.extra ?? [];
  ws.columns = [
    ...COLUMNS.map((c) => ({
      key: c.key,
      width: c.width,
      style: (DATE_KEYS as readonly string[]).includes(c.key)
        ? { numFmt: 'yyyy-mm-dd' }
        : (TEXT_KEYS as readonly string[]).includes(c.key)
          ? { numFmt: '@' }
          : {},
    })),
    ...extra.map((e) => ({ width: e.width })),
  ];
  const header = ws.getRow(1);
  header.values = [...HEADERS, ...extra.map((e) => e.header)];
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RED } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  if (!opts.validations) return;
  const dv = (ws as ValidatingSheet).dataValidations;
  const range = (key: keyof typeof COL) => {
    const letter = ws.getColumn(COL[key]).letter;
    return `${letter}2:${letter}${opts.lastRow}`;
  };
  dv.add(range('gender'), list('性别', Object.values(GENDER_ZH)));
  dv.add(range('education'), list('学历', EDUCATIONS));
  dv.add(range('degree'), list('学位', DEGREES));
  dv.add(range('status'), list('人员类别', Object.values(STATUS_ZH)));
  dv.add(range('mobile'), list('是否流动党员', [YES, NO]));
  dv.add(range('duesCategory'), list('党费类别', Object.values(DUES_ZH)));
  dv.add(range('hardshipKind'), list('困难党员类别', Object.values(HARDSHIP_ZH)));
  dv.add(
    range('ethnicity'),
    opts.codes
      ? sheetList('民族', SHEET_CODES, CODE_COLUMNS.ethnicity, ETHNICITIES.length)
      : list('民族', ETHNICITIES),
  );
  if (opts.codes)
    dv.add(range('postCode'), sheetList('工作岗位', SHEET_CODES, CODE_COLUMNS.post, POSTS.length));
  // a code or a full name typed in is as good as a pick from the list: the list only helps
  if (opts.branches)
    dv.add(range('orgRef'), sheetList('所在党支部', SHEET_BRANCHES, 'D', opts.branches, false));
  // 15 characters is an old number, which the import upgrades (record/id-card.ts)
  const id = ws.getColumn(COL.idNumber).letter;
  dv.add(range('idNumber'), {
    type: 'custom',
    allowBlank: true,
    formulae: [`OR(LEN(${id}2)=18,LEN(${id}2)=15)`],
    showErrorMessage: true,
    errorTitle: '身份证号',
    error: '身份证号须为 18 位（末位可为 X；15 位旧号码导入时自动升级），请以文本格式填写',
  });
  dv.add(range('phone'), {
    type: 'textLength',
    operator: 'equal',
    allowBlank: true,
    formulae: [11],
    showErrorMessage: true,
    errorTitle: '手机号',
    error: '手机号须为 11 位',
  });
}

/** The guide's general notes; error workbooks are kept `keepDays` days (IMPORT_ERRORS_KEEP_DAYS). */
const generalNotes = (keepDays: number) => [
  '1. 在“党员信息”表中从第 2 行起每行填写一名党员（含发展对象、入党积极分子、入党申请人）。第 2 行是示例，导入时自动跳过，可以删除。',
  '2. 不要修改、增加或删除表头，也不要调整列的顺序；可以从其他表格复制数据后“选择性粘贴 → 数值”到本表。',
  '3. 单元格请直接填写内容，不要使用公式；身份证号、手机号两列请保持“文本”格式。',
  '4. 导入时选择一个党组织，表中每行的“所在党支部”都须是该党组织下、您管理范围内的党支部：从下拉列表中选择，或填党组织代码、全称（见“党支部代码”表）。民族、工作岗位的可选项见“代码表”。',
  `5. 系统逐行核对（身份证号校验位、出生日期和性别与身份证号是否一致、入党时是否年满 18 周岁、转正是否满一年、同一身份证号是否重复或已登记等）。只要有一行有误，整个文件都不导入，并生成带“错误说明”列的文件（其中身份证号、手机号只显示部分数字，文件保留 ${keepDays} 天）：按其中的行号和说明在原文件中改正后重新导入即可。`,
  '6. 文件须为 .xlsx 格式，不超过 20 MB。',
  '7. 导入时可选择“更新已有党员”：身份证号已在您管理范围内登记的行，更新该党员的信息，其余行新增。系统先逐项列出每名党员将如何修改，您确认后才一次写入。更新时，空白的选填单元格保留原有内容；所在党支部须与该党员现在的党支部一致（调整党支部请办理组织关系转接）。身份证号在您管理范围之外已登记的行不能导入。',
];

/** The second sheet: what goes in each column, in words. */
export function addGuideSheet(wb: ExcelJS.Workbook, keepDays: number) {
  const ws = wb.addWorksheet(SHEET_GUIDE);
  ws.columns = [{ width: 16 }, { width: 10 }, { width: 90 }];
  const title = ws.addRow(['党员信息导入模板 填写说明']);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const line of generalNotes(keepDays)) {
    const row = ws.addRow([line]);
    row.alignment = { wrapText: false };
    row.commit();
  }
  ws.addRow([]).commit();
  const head = ws.addRow(['列名', '是否必填', '填写要求']);
  head.font = { bold: true };
  head.commit();
  for (const c of COLUMNS) {
    const row = ws.addRow([
      c.header,
      c.note.startsWith('必填') ? '必填' : c.note.includes('必填') ? '视情况' : '选填',
      c.note,
    ]);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
}

/**
 * The code lists the member sheet's drop-downs read: 民族 (GB/T 3304) with their codes, 工作岗位 with
 * theirs, and the 困难党员 kinds. An admin may also type a 民族 or 岗位 code: the import reads both.
 */
export function addCodesSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(SHEET_CODES, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '民族', width: 12 },
    { header: '民族代码', width: 10 },
    { header: '工作岗位', width: 44 },
    { header: '岗位代码', width: 10 },
    { header: '困难党员类别', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  const hardships = Object.values(HARDSHIP_ZH);
  const rows = Math.max(ETHNIC_GROUPS.length, POSTS.length, hardships.length);
  for (let i = 0; i < rows; i++) {
    const g = ETHNIC_GROUPS[i];
    const p = POSTS[i];
    ws.addRow([
      g?.name ?? null,
      g?.code ?? null,
      p?.name ?? null,
      p?.code ?? null,
      hardships[i] ?? null,
    ]).commit();
  }
}

type BranchRow = { code: string; name: string; parent: string | null };

/** What the branch column's list offers: the code, which the import reads, and the name, which people do. */
export const branchOption = (b: { code: string; name: string }) => `${b.code} ${b.name}`;

export async function branchesIn(db: Queryable, where: SQL, limit = 30_000): Promise<BranchRow[]> {
  const parent = alias(orgs, 'parent');
  return db
    .select({ code: orgs.code, name: orgs.name, parent: parent.name })
    .from(orgs)
    .leftJoin(parent, eq(parent.id, orgs.parentId))
    .where(and(eq(orgs.kind, 'branch'), where))
    .orderBy(asc(orgs.path))
    .limit(limit);
}

/**
 * The import template: the headers in the order admins know, one filled example row, drop-down
 * lists for every enumeration, the fill-in guide, and the branches (code and full name) that the
 * importer may fill in, from `orgId`'s subtree or the whole scope.
 */
export async function buildTemplate(ctx: Ctx, orgId?: number): Promise<Buffer> {
  const actor = actorOf(ctx);
  let where: SQL;
  if (orgId) {
    const org = await findOrg(ctx.db, orgId);
    if (!org) throw notFound({ zh: '党组织', en: 'Organization' });
    authorize(actor, 'member.manage', org.path);
    where = inSubtrees([org.path]);
  } else where = inSubtrees(scopePaths(actor, 'member.manage'));
  const branches = await branchesIn(ctx.db, where);

  const wb = new ExcelJS.Workbook();
  wb.creator = '红云智慧党建平台';
  wb.created = ctx.now();
  const ws = wb.addWorksheet(SHEET_MEMBERS, { views: [{ state: 'frozen', ySplit: 1 }] });
  // the lists and checks reach the sheet's last row: wherever an admin types, they are there
  layoutMemberSheet(ws, {
    lastRow: EXCEL_LAST_ROW,
    validations: true,
    codes: true,
    branches: branches.length,
  });
  const example = ws.addRow([
    EXAMPLE.name,
    '男',
    '汉族',
    EXAMPLE.idNumber,
    new Date(Date.UTC(1985, 5, 15)),
    '大学本科',
    '学士',
    '正式党员',
    new Date(Date.UTC(2008, 6, 1)),
    new Date(Date.UTC(2009, 6, 1)),
    branches[0] ? branchOption(branches[0]) : '（党支部的党组织代码）',
    '组织委员',
    '13912345678',
    '青山区人民医院',
    '否',
    '',
    '在职',
    6500,
    '事业单位专业技术岗位',
    '青山区清河镇幸福路 1 号',
    new Date(Date.UTC(2007, 6, 1)),
    '',
    '',
  ]);
  example.font = { italic: true, color: { argb: 'FF808080' } };

  addGuideSheet(wb, ctx.config.importErrorsKeepDays);

  const list = wb.addWorksheet(SHEET_BRANCHES, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '党组织代码', width: 18 },
    { header: '党支部全称', width: 40 },
    { header: '上级党组织', width: 40 },
    { header: '下拉选项（代码 全称）', width: 50 },
  ];
  list.getRow(1).font = { bold: true };
  for (const b of branches) list.addRow([b.code, b.name, b.parent ?? '', branchOption(b)]);
  if (!branches.length) list.addRow(['', '（您的管理范围内还没有党支部）', '']);
  addCodesSheet(wb);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
