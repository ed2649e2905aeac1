import {
  CreateMember,
  DEGREES,
  EDUCATIONS,
  type MemberStatus,
  POSITIONS,
} from '../../../../../contracts/members/index.ts';
import { isoDate, parseDateText } from '../../../../../contracts/dates.ts';
import { POSTS, postNamed } from '../../../../../contracts/members/codes.ts';
import { MAX_MONTHS_AHEAD } from '../dues/rules.ts';
import { parseIdCard, upgradeIdCard15 } from '../record/id-card.ts';
import { checkMember, type MemberInput, normalizeEthnicity, paidUntilProblem } from '../record/rules.ts';
import { maskedPhone } from './masking.ts';
import {
  COL,
  type ColumnKey,
  DUES_ZH,
  GENDER_ZH,
  HARDSHIP_ZH,
  invert,
  LABELS,
  NO,
  STATUS_ZH,
  YES,
} from './columns.ts';

/**
 * One workbook row → one record's input, or every problem it has, each named by its column in
 * the words the error column shows ("身份证号：校验位不正确，请核对"). Pure: the branch look-up,
 * duplicates across rows and records already on file are the import job's part.
 */
export type RowInput = MemberInput & { orgRef: string; duesPaidUntil: string | null };
export type RowProblem = { field: string; text: string };
export type ParsedCells = {
  input: RowInput;
  problems: RowProblem[];
  /** What was changed on the way in: a 15-digit ID number upgraded, "回" read as 回族. */
  notes: RowProblem[];
  /** Fields whose cell failed (the record's rules skip them). */
  failed: Set<string>;
  /** Fields whose cell was filled in. */
  given: Set<string>;
};
export type ParsedRow = ParsedCells;

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
  const cellsRead = parseCells(cells);
  return { ...cellsRead, problems: [...cellsRead.problems, ...checkRecord(cellsRead, today)] };
}

/** Excel may turn "2025-06" into a date, "202506" into a number: all are the month 2025-06. */
function monthOf(v: Plain): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  const s = String(v).trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 && Number(m[1]) >= 1900 ? `${m[1]}-${pad(month)}` : null;
  }
  if (typeof v === 'number') return fromSerial(v)?.slice(0, 7) ?? null;
  return null;
}

const HARDSHIPS = invert(HARDSHIP_ZH);
const POST_BY_NAME = new Map<string, string>(POSTS.map((p) => [p.name, p.code]));

/** 工作岗位 as typed: its name, its code, or both ("0111 公务员"). */
function postCodeOf(s: string): string | null {
  const v = s.replace(/\s+/g, ' ').trim();
  const byName = POST_BY_NAME.get(v.replace(/\s/g, ''));
  if (byName) return byName;
  const code = v.split(' ')[0];
  const hit = postNamed(code);
  if (!hit) return null;
  const rest = v.slice(code.length).trim();
  return !rest || rest === hit.name ? hit.code : null;
}

/**
 * The cells of one row, each read and checked on its own: the input, the cells' problems, what
 * the import changed on the way in (`notes`), and which fields the row gave (`given`: an update
 * leaves a field it left blank as it was). The record's own rules are `checkRecord`'s.
 */
export function parseCells(cells: readonly unknown[]): ParsedCells {
  const problems: RowProblem[] = [];
  const notes: RowProblem[] = [];
  const failed = new Set<string>();
  const given = new Set<string>();
  const fail = (key: string, text: string) => {
    problems.push({ field: LABELS[key], text });
    // the column's name and the record field's name, so later rules skip it either way
    failed.add(key === 'monthlyIncome' ? 'monthlyIncomeFen' : key);
  };

  /** The cell's plain value, or undefined after recording why it cannot be used. */
  const read = (key: ColumnKey): Plain | undefined => {
    const v = plainValue(cells[COL[key]]);
    if (v !== null) given.add(key === 'monthlyIncome' ? 'monthlyIncomeFen' : key);
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
    // the same reading as the web's date boxes (contracts/dates.ts)
    else if (typeof v === 'string') out = parseDateText(v);
    if (!out) fail(key, `“${v instanceof Date ? '' : String(v)}”不是有效日期，请填写如 1985-06-15`);
    return out;
  };

  const name = text('name', 30, true);
  const gender = choice('gender', GENDERS, true);
  let ethnicity = text('ethnicity', 20, true);
  if (ethnicity !== null) {
    const known = normalizeEthnicity(ethnicity);
    if (!known) {
      fail('ethnicity', `“${ethnicity}”不在 56 个民族名录（GB/T 3304）中，请按“代码表”填写，如“汉族”“回族”`);
      ethnicity = null;
    } else {
      if (known.note) notes.push({ field: LABELS.ethnicity, text: known.note });
      ethnicity = known.value;
    }
  }

  let idNumber = '';
  const rawId = read('idNumber');
  // a 15-digit number survives a number cell whole (Excel keeps 15 significant digits)
  const idText = typeof rawId === 'number' && /^\d{15}$/.test(String(rawId)) ? String(rawId) : rawId;
  if (typeof idText === 'number') {
    // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its last ones
    fail('idNumber', '单元格是数字格式，18 位号码的末几位已丢失；请将本列设为“文本”后重新填写');
  } else if (idText === null) fail('idNumber', '必填');
  else if (idText !== undefined) {
    idNumber = String(idText).replace(/\s+/g, '').toUpperCase();
    const upgraded = upgradeIdCard15(idNumber);
    if (upgraded) {
      idNumber = upgraded;
      notes.push({
        field: LABELS.idNumber,
        text: '15 位旧身份证号已按 GB 11643 升级为 18 位（出生年份前补“19”，末位补校验码），请核对',
      });
    }
  }

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

  let postCode: string | null = null;
  const rawPost = text('postCode', 100, false);
  if (rawPost !== null) {
    postCode = postCodeOf(rawPost);
    if (!postCode) fail('postCode', `“${rawPost}”不在工作岗位代码表中，请按“代码表”填写岗位名称或代码`);
  }
  // the address is personal data: a problem with it is told without echoing it
  const homeAddress = text('homeAddress', 200, false);
  const workStartedOn = date('workStartedOn', false);
  const hardshipKind = choice('hardshipKind', HARDSHIPS, false);

  let duesPaidUntil: string | null = null;
  const rawPaid = read('duesPaidUntil');
  if (rawPaid !== undefined && rawPaid !== null) {
    duesPaidUntil = monthOf(rawPaid);
    if (!duesPaidUntil)
      fail(
        'duesPaidUntil',
        `“${rawPaid instanceof Date ? '' : String(rawPaid)}”不是有效月份，请填写如 2025-06`,
      );
  }

  // the whole-record rules (checkRecord) see defaults in place of the cells that failed
  const idInfo = parseIdCard(idNumber);
  const input: RowInput = {
    name: name ?? '',
    gender: gender ?? (idInfo.ok ? idInfo.info.gender : 'male'),
    ethnicity: (ethnicity ?? '汉族') as RowInput['ethnicity'],
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
    postCode: postCode as RowInput['postCode'],
    homeAddress,
    workStartedOn,
    hardshipKind,
    orgRef: orgRef ?? '',
    duesPaidUntil,
  };
  return { input, problems, notes, failed, given };
}

/** Rules that compare fields skip a field whose cell failed, and the fields they lean on. */
const DEPENDS: Record<string, string[]> = {
  birthDate: ['idNumber'],
  gender: ['idNumber'],
  joinedOn: ['status', 'birthDate'],
  fullOn: ['status', 'joinedOn'],
  mobileLocation: ['mobile'],
  monthlyIncomeFen: ['duesCategory'],
  workStartedOn: ['birthDate'],
  duesPaidUntil: ['status', 'joinedOn'],
};

/**
 * The record's own rules (record/rules.ts) over a row's input, or over the record an update would
 * make (`record`: the stored record with the row's fields over it; `before`: as stored). Problems
 * are named by their column; a field whose cell already failed is not told twice.
 */
export function checkRecord(
  row: Pick<ParsedCells, 'input' | 'failed' | 'problems'>,
  today: string,
  update?: { record: MemberInput; before: MemberInput },
): RowProblem[] {
  const out: RowProblem[] = [];
  const failed = new Set(row.failed);
  const skip = (path: string) => failed.has(path) || (DEPENDS[path] ?? []).some((d) => failed.has(d));
  const record = update?.record ?? row.input;
  for (const p of checkMember(record, today, update?.before)) {
    if (skip(p.path)) continue;
    out.push({ field: LABELS[p.path] ?? p.path, text: withoutLabel(LABELS[p.path] ?? '', p.text.zh) });
    failed.add(p.path);
  }
  // "党费已交至" sets where a new member's dues start; an update leaves that as it is
  if (!update && row.input.duesPaidUntil && !skip('duesPaidUntil')) {
    const p = paidUntilProblem(row.input.duesPaidUntil, record, today, MAX_MONTHS_AHEAD);
    if (p) out.push({ field: LABELS.duesPaidUntil, text: p.zh });
  }
  // the contract is the last word on what a record may hold (lengths, enumerations)
  if (!row.problems.length && !out.length) {
    const { orgRef: _ref, duesPaidUntil: _paid, ...fields } = record as RowInput;
    const check = CreateMember.safeParse({ ...fields, orgId: '1' });
    if (!check.success) {
      for (const issue of check.error.issues) {
        const key = String(issue.path[0] ?? '');
        // a value saved before the contract's list existed is let stand on an update (民族 "回")
        if (
          update &&
          JSON.stringify(record[key as keyof MemberInput]) ===
            JSON.stringify(update.before[key as keyof MemberInput])
        )
          continue;
        out.push({ field: LABELS[key] ?? key, text: issue.message });
      }
    }
  }
  return out;
}

/** The error column's text: "身份证号：校验位不正确，请核对；入党日期：早于年满 18 周岁之日（…）". */
export function describeProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => `${p.field}：${p.text}`).join('；');
}
