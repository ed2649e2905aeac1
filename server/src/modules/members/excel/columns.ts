import {
  DUES_CATEGORY_LABELS,
  GENDER_LABELS,
  HARDSHIP_KIND_LABELS,
  labelsIn,
  MEMBER_FIELD_LABELS,
  MEMBER_STATUS_LABELS,
} from '../../../../../contracts/labels.ts';
import {
  DEGREES,
  type DuesCategory,
  EDUCATIONS,
  type MemberStatus,
  POSITIONS,
} from '../../../../../contracts/members/index.ts';

// the words in the cells are the labels of contracts/labels.ts; full members first, as admins list them
export const GENDER_ZH = labelsIn(GENDER_LABELS, 'zh');
export const STATUS_ZH = Object.fromEntries(
  (['full', 'probationary', 'candidate', 'activist', 'applicant'] as const).map((s) => [
    s,
    MEMBER_STATUS_LABELS[s].zh,
  ]),
) as Record<MemberStatus, string>;
export const DUES_ZH: Record<DuesCategory, string> = labelsIn(DUES_CATEGORY_LABELS, 'zh');
export const HARDSHIP_ZH = labelsIn(HARDSHIP_KIND_LABELS, 'zh');

/**
 * The member workbook's columns, in the order of the import template that admins fill in (the
 * national member-information field set). Template, import and export all read this one list.
 */
export const COLUMNS = [
  { key: 'name', header: '姓名', width: 10, note: '必填，最多 30 字。' },
  { key: 'gender', header: '性别', width: 6, note: '必填：男 或 女，须与身份证号一致。' },
  {
    key: 'ethnicity',
    header: '民族',
    width: 8,
    note: '必填：56 个民族之一（见“代码表”），如“汉族”“回族”。写“回”或民族代码“03”也可，导入时规范为“回族”并在导入结果中说明。',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    width: 21,
    note: '必填，18 位居民身份证号码（末位可为 X），系统核对校验位；港澳台居民居住证号码（81、82、83 开头）也可。15 位的旧号码导入时自动升级为 18 位，并在导入结果中说明。请保持本列为“文本”格式：数字格式会把末三位变成 0。同一身份证号只能登记一次；“更新已有党员”时，按身份证号找到要更新的党员。',
  },
  {
    key: 'birthDate',
    header: '出生日期',
    width: 12,
    note: '必填，日期如 1985-06-15（也可写 1985/6/15、1985年6月15日、19850615），须与身份证号一致。',
  },
  { key: 'education', header: '学历', width: 10, note: `必填：${EDUCATIONS.join('、')}。` },
  { key: 'degree', header: '学位', width: 8, note: `选填：${DEGREES.join('、')}。` },
  {
    key: 'status',
    header: '人员类别',
    width: 13,
    note: `必填：${Object.values(STATUS_ZH).join('、')}。`,
  },
  {
    key: 'joinedOn',
    header: '入党日期',
    width: 12,
    note: '正式党员和预备党员必填（被接收为预备党员之日），不得早于年满 18 周岁之日；其他人员不填。',
  },
  {
    key: 'fullOn',
    header: '转正日期',
    width: 12,
    note: '正式党员必填，须在入党日期一年之后；其他人员不填。',
  },
  {
    key: 'orgRef',
    header: '所在党支部',
    width: 30,
    note: '必填：党支部的党组织代码或全称（见“党支部代码”表），须是您管理范围内、本次导入所选党组织下的党支部。',
  },
  {
    key: 'positions',
    header: '党内职务',
    width: 12,
    note: `选填，可填多个，用顿号分隔：${POSITIONS.join('、')}。`,
  },
  { key: 'phone', header: '手机号', width: 14, note: '选填，11 位中国大陆手机号码。' },
  { key: 'workUnit', header: '工作单位', width: 24, note: '选填，最多 100 字。' },
  { key: 'mobile', header: '是否流动党员', width: 13, note: '选填：是 或 否，不填视为“否”。' },
  { key: 'mobileLocation', header: '外出地点', width: 18, note: '流动党员必填，如“广东省深圳市”。' },
  {
    key: 'duesCategory',
    header: '党费类别',
    width: 10,
    note: `选填：${Object.values(DUES_ZH).join('、')}。`,
  },
  {
    key: 'monthlyIncome',
    header: '月收入（元）',
    width: 13,
    note: '党费类别为“在职”或“离退休”时必填：税后月收入或离退休费，单位元，最多两位小数；系统据此按党费收缴规定计算缴纳标准。',
  },
  {
    key: 'postCode',
    header: '工作岗位',
    width: 24,
    note: '选填：全国党员管理信息系统的工作岗位名称（见“代码表”），也可填岗位代码。',
  },
  {
    key: 'homeAddress',
    header: '家庭住址',
    width: 30,
    note: '选填，最多 200 字。属于个人信息：加密保存，列表和导出中只显示开头几个字。',
  },
  {
    key: 'workStartedOn',
    header: '参加工作日期',
    width: 13,
    note: '选填，日期如 2008-07-01；不得晚于今天；1995 年起参加工作的，不得早于年满 16 周岁之日（劳动法第十五条）。',
  },
  {
    key: 'hardshipKind',
    header: '困难党员类别',
    width: 16,
    note: `选填：生活困难党员的困难类别（${Object.values(HARDSHIP_ZH).join('、')}）；不是困难党员不填。`,
  },
  {
    key: 'duesPaidUntil',
    header: '党费已交至',
    width: 11,
    note: '选填，只对新增的党员起作用：党费已交到的月份，如 2025-06，系统从下一个月起计算应交党费；不填则从入党当月和导入当月中较晚的一月起计算。最多预交 12 个月。导出的名册在此列给出按缴费记录连续交到的月份。',
  },
] as const;

/** The columns of the template before the national fields were added (issue 12): a file on it is told how to move. */
export const OLD_COLUMN_COUNT = 18;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const HEADERS: string[] = COLUMNS.map((c) => c.header);
/** 1-based column number of each key, as exceljs counts. */
export const COL = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i + 1])) as Record<ColumnKey, number>;

/** The error workbook's extra column, after the template's. */
export const ERROR_HEADER = '错误说明';

export const SHEET_MEMBERS = '党员信息';
export const SHEET_GUIDE = '填写说明';
export const SHEET_BRANCHES = '党支部代码';
export const SHEET_CODES = '代码表';
/** The export's sheets of the records kept with each member. */
export const SHEET_SANCTIONS = '奖惩情况';
export const SHEET_TRIPS = '出国（境）情况';

/**
 * How far down the error workbook's drop-down lists reach (the rows it echoes, at least this many).
 * The template's reach the sheet's last row (EXCEL_LAST_ROW): wherever an admin types, the list is there.
 */
export const TEMPLATE_ROWS = 10_000;
/** Excel's last row: the template's lists and checks cover the whole sheet. */
export const EXCEL_LAST_ROW = 1_048_576;

/** A record's field (as checkMember and the contracts name it) → the column header it came from. */
export const LABELS: Record<string, string> = {
  ...MEMBER_FIELD_LABELS,
  orgRef: MEMBER_FIELD_LABELS.orgId,
  // the template asks for yuan; the record keeps fen
  monthlyIncomeFen: '月收入（元）',
  monthlyIncome: '月收入（元）',
  duesPaidUntil: '党费已交至',
};

export const YES = '是';
export const NO = '否';

/** Header text as people type it: spaces dropped, half-width brackets accepted for full-width ones. */
export function normalizeHeader(v: string): string {
  return v.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

export const invert = <K extends string>(m: Record<K, string>): Map<string, K> =>
  new Map(Object.entries(m).map(([k, v]) => [v as string, k as K]));

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** attachment; filename="…"; filename*=UTF-8''… (RFC 6266): Chinese names survive every browser. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
