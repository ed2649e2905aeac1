import {
  CreateMember,
  DEGREES,
  EDUCATIONS,
  type MemberStatus,
  POSITIONS,
} from '../../../../../contracts/members/index.ts';
import { parseIdCard } from '../record/id-card.ts';
import { checkMember, type MemberInput } from '../record/rules.ts';
import { maskedPhone } from './masking.ts';
import { COL, type ColumnKey, DUES_ZH, GENDER_ZH, invert, LABELS, NO, STATUS_ZH, YES } from './columns.ts';

/**
 * One workbook row → one record's input, or every problem it has, each named by its column in
 * the words the error column shows ("身份证号：校验位不正确，请核对"). Pure: the branch look-up,
 * duplicates across rows and records already on file are the import job's part.
 */
export type RowInput = MemberInput & { orgRef: string };
export type RowProblem = { field: string; text: string };
export type ParsedRow = { input: RowInput; problems: RowProblem[] };

const GENDERS = invert(GENDER_ZH);
const STATUSES = invert(STATUS_ZH);
const DUES = invert(DUES_ZH);
const EDUCATION_SET = new Set<string>(EDUCATIONS);
const DEGREE_SET = new Set<string>(DEGREES);
const POSITION_SET = new Set<string>(POSITIONS);
const PHONE_RE = /^1[3-9]\d{9}$/;

type Plain = string | number | boolean | Date | null;
type CellObject = {
  formula?: string;
  sharedFormula?: string;
  error?: string;
  richText?: { text: string }[];
  text?: unknown;
};

/** A formula: the cell shows a computed value that the workbook, not the admin, decides. */
export function isFormula(v: unknown): boolean {
  return !!v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v);
}

/** What a cell holds, as one plain value: rich text joined, hyperlinks by their text, blanks as null. */
export function plainValue(v: unknown): Plain | { error: string } | { formula: true } {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as CellObject;
    if (isFormula(o)) return { formula: true };
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText)) return plainValue(o.richText.map((r) => r.text).join(''));
    if (o.text !== undefined) return plainValue(o.text);
  }
  return plainValue(String(v));
}

export function isBlankRow(cells: readonly unknown[], columns: number): boolean {
  for (let c = 1; c <= columns; c++) if (plainValue(cells[c]) !== null) return false;
  return true;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2199 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel keeps dates as day numbers since 1899-12-30; exceljs gives them as UTC midnights. */
function fromSerial(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 120_000) return null;
  const t = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Strips the field's own name from a message that starts with it: "身份证号校验位…" → "校验位…". */
function withoutLabel(label: string, text: string): string {
  if (!text.startsWith(label)) return text;
  const rest = text.slice(label.length);
  return rest.startsWith('中') ? text : rest;
}

export function parseRow(cells: readonly unknown[], today: string): ParsedRow {
  const problems: RowProblem[] = [];
  const failed = new Set<string>();
  const fail = (key: string, text: string) => {
    problems.push({ field: LABELS[key], text });
    // the column's name and the record field's name, so later rules skip it either way
    failed.add(key === 'monthlyIncome' ? 'monthlyIncomeFen' : key);
  };

  /** The cell's plain value, or undefined after recording why it cannot be used. */
  const read = (key: ColumnKey): Plain | undefined => {
    const v = plainValue(cells[COL[key]]);
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      if ('formula' in v) fail(key, '单元格中是公式，请改为直接填写内容（复制后“选择性粘贴 → 数值”）');
      else fail(key, `单元格显示错误值 ${v.error}，请填写正确内容`);
      return undefined;
    }
    return v;
  };

  const text = (key: ColumnKey, max: number, required: boolean): string | null => {
    const v = read(key);
    if (v === undefined) return null;
    if (v === null) {
      if (required) fail(key, '必填');
      return null;
    }
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    if (s.length > max) {
      fail(key, `最多 ${max} 字，现有 ${s.length} 字`);
      return null;
    }
    return s;
  };

  const choice = <T>(key: ColumnKey, map: Map<string, T>, required: boolean): T | null => {
    const s = text(key, 50, required);
    if (s === null) return null;
    const hit = map.get(s.replace(/\s+/g, ''));
    if (hit === undefined) {
      fail(key, `“${s}”不是可选项，须为 ${[...map.keys()].join('、')} 之一`);
      return null;
    }
    return hit;
  };

  const date = (key: ColumnKey, required: boolean): string | null => {
    const v = read(key);
    if (v === undefined) return null;
    if (v === null) {
      if (required) fail(key, '必填');
      return null;
    }
    let out: string | null = null;
    if (v instanceof Date) out = v.toISOString().slice(0, 10);
    else if (typeof v === 'number')
      out = /^\d{8}$/.test(String(v))
        ? isoDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100)
        : fromSerial(v);
    else if (typeof v === 'string') {
      const m =
        /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v) ??
        /^(\d{4})(\d{2})(\d{2})$/.exec(v);
      if (m) out = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    if (!out) fail(key, `“${v instanceof Date ? '' : String(v)}”不是有效日期，请填写如 1985-06-15`);
    return out;
  };

  const name = text('name', 30, true);
  const gender = choice('gender', GENDERS, true);
  const ethnicity = text('ethnicity', 20, true);

  let idNumber = '';
  const rawId = read('idNumber');
  if (typeof rawId === 'number') {
    // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its last ones
    fail('idNumber', '单元格是数字格式，18 位号码的末几位已丢失；请将本列设为“文本”后重新填写');
  } else if (rawId === null) fail('idNumber', '必填');
  else if (rawId !== undefined) idNumber = String(rawId).replace(/\s+/g, '').toUpperCase();

  const birthDate = date('birthDate', true);
  const rawEducation = text('education', 20, true);
  if (rawEducation !== null && !EDUCATION_SET.has(rawEducation))
    fail('education', `“${rawEducation}”不是可选项，须为 ${EDUCATIONS.join('、')} 之一`);
  const rawDegree = text('degree', 10, false);
  if (rawDegree !== null && !DEGREE_SET.has(rawDegree))
    fail('degree', `“${rawDegree}”不是可选项，须为 ${DEGREES.join('、')} 之一`);
  const status = choice<MemberStatus>('status', STATUSES, true);
  const joinedOn = date('joinedOn', false);
  const fullOn = date('fullOn', false);
  const orgRef = text('orgRef', 100, true);

  const positions: string[] = [];
  const rawPositions = text('positions', 100, false);
  if (rawPositions) {
    for (const p of rawPositions.split(/[、,，;；/\s]+/).filter(Boolean)) {
      if (!POSITION_SET.has(p)) fail('positions', `“${p}”不是可选职务，须为 ${POSITIONS.join('、')}`);
      else if (!positions.includes(p)) positions.push(p);
    }
  }

  let phone: string | null = null;
  const rawPhone = read('phone');
  if (rawPhone !== undefined && rawPhone !== null) {
    const s = String(rawPhone).replace(/[\s-]/g, '');
    if (PHONE_RE.test(s)) phone = s;
    // the number is echoed masked: the error workbook that shows this text is kept for days
    else fail('phone', `“${maskedPhone(String(rawPhone))}”不是有效的手机号，须为 11 位中国大陆手机号码`);
  }

  const workUnit = text('workUnit', 100, false);
  let mobile = false;
  const rawMobile = read('mobile');
  if (typeof rawMobile === 'boolean') mobile = rawMobile;
  else if (rawMobile !== undefined && rawMobile !== null) {
    const s = String(rawMobile).trim();
    if (s === YES) mobile = true;
    else if (s !== NO) fail('mobile', `“${s}”不是可选项，须为 ${YES} 或 ${NO}`);
  }
  const mobileLocation = text('mobileLocation', 100, false);
  const duesCategory = choice('duesCategory', DUES, false);

  let monthlyIncomeFen: number | null = null;
  const rawIncome = read('monthlyIncome');
  if (rawIncome !== undefined && rawIncome !== null) {
    const s = String(rawIncome).replace(/[,，\s元]/g, '');
    const yuan = typeof rawIncome === 'number' ? rawIncome : /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
    if (!Number.isFinite(yuan) || yuan < 0)
      fail('monthlyIncomeFen', `“${String(rawIncome)}”须为以元计的金额`);
    else if (Math.round(yuan * 100) !== Math.round(yuan * 100 * 1000) / 1000)
      fail('monthlyIncomeFen', '最多两位小数（元、角、分）');
    else if (yuan > 1_000_000) fail('monthlyIncomeFen', '超过 1,000,000 元，请核对');
    else monthlyIncomeFen = Math.round(yuan * 100);
  }

  // the whole-record rules, with the fields that failed above left out of what they compare
  const idInfo = parseIdCard(idNumber);
  const input: RowInput = {
    name: name ?? '',
    gender: gender ?? (idInfo.ok ? idInfo.info.gender : 'male'),
    ethnicity: ethnicity ?? '',
    idNumber,
    birthDate: birthDate ?? (idInfo.ok ? idInfo.info.birthDate : '1900-01-01'),
    education: (rawEducation ?? EDUCATIONS[0]) as RowInput['education'],
    degree: rawDegree as RowInput['degree'],
    status: status ?? 'full',
    joinedOn,
    fullOn,
    positions: positions as RowInput['positions'],
    phone,
    workUnit,
    mobile,
    mobileLocation,
    duesCategory,
    monthlyIncomeFen,
    orgRef: orgRef ?? '',
  };
  const depends: Record<string, string[]> = {
    birthDate: ['idNumber'],
    gender: ['idNumber'],
    joinedOn: ['status', 'birthDate'],
    fullOn: ['status', 'joinedOn'],
    mobileLocation: ['mobile'],
    monthlyIncomeFen: ['duesCategory'],
  };
  const reported = new Set(failed);
  for (const p of checkMember(input, today)) {
    if (reported.has(p.path) || (depends[p.path] ?? []).some((d) => failed.has(d))) continue;
    problems.push({ field: LABELS[p.path] ?? p.path, text: withoutLabel(LABELS[p.path] ?? '', p.text.zh) });
    failed.add(p.path);
  }
  // the contract is the last word on what a record may hold (lengths, enumerations)
  if (!problems.length) {
    const { orgRef: _ref, ...fields } = input;
    const check = CreateMember.safeParse({ ...fields, orgId: '1' });
    if (!check.success) {
      for (const issue of check.error.issues) {
        const key = String(issue.path[0] ?? '');
        problems.push({ field: LABELS[key] ?? key, text: issue.message });
      }
    }
  }
  return { input, problems };
}

/** The error column's text: "身份证号：校验位不正确，请核对；入党日期：早于年满 18 周岁之日（…）". */
export function describeProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => `${p.field}：${p.text}`).join('；');
}
