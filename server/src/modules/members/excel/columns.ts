import {
  DUES_CATEGORY_LABELS,
  GENDER_LABELS,
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

/**
 * The member workbook's columns, in the order of the import template that admins fill in (the
 * national member-information field set). Template, import and export all read this one list.
 */
export const COLUMNS = [
  { key: 'name', header: '姓名', width: 10, note: '必填，最多 30 字。' },
  { key: 'gender', header: '性别', width: 6, note: '必填：男 或 女，须与身份证号一致。' },
  { key: 'ethnicity', header: '民族', width: 8, note: '必填，如“汉族”“回族”。' },
  {
    key: 'idNumber',
    header: '身份证号',
    width: 21,
    note: '必填，18 位居民身份证号码（末位可为 X），系统核对校验位。请保持本列为“文本”格式：数字格式会把末三位变成 0。同一身份证号只能登记一次。',
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
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const HEADERS: string[] = COLUMNS.map((c) => c.header);
/** 1-based column number of each key, as exceljs counts. */
export const COL = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i + 1])) as Record<ColumnKey, number>;

/** The error workbook's extra column, after the template's. */
export const ERROR_HEADER = '错误说明';

export const SHEET_MEMBERS = '党员信息';
export const SHEET_GUIDE = '填写说明';
export const SHEET_BRANCHES = '党支部代码';

/** How far down the template's drop-down lists reach. */
export const TEMPLATE_ROWS = 10_000;

/** A record's field (as checkMember and the contracts name it) → the column header it came from. */
export const LABELS: Record<string, string> = {
  ...MEMBER_FIELD_LABELS,
  orgRef: MEMBER_FIELD_LABELS.orgId,
  // the template asks for yuan; the record keeps fen
  monthlyIncomeFen: '月收入（元）',
  monthlyIncome: '月收入（元）',
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
