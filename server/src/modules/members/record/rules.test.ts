import { describe, expect, it } from 'vitest';
import { makeIdCard } from './id-card.ts';
import {
  checkMember,
  type MemberInput,
  normalizeEthnicity,
  paidUntilProblem,
  sanctionProblems,
  tripProblems,
  workStartProblem,
} from './rules.ts';
import { shanghaiToday } from '../../../platform/time.ts';

const base = (over: Partial<MemberInput> = {}): MemberInput => ({
  name: '王小明',
  gender: 'male',
  ethnicity: '汉族',
  idNumber: makeIdCard('330106', '1980-05-01', 31, 'male'),
  birthDate: '1980-05-01',
  education: '大学本科',
  degree: '学士',
  status: 'full',
  joinedOn: '2005-07-01',
  fullOn: '2006-07-01',
  positions: [],
  phone: null,
  workUnit: null,
  mobile: false,
  mobileLocation: null,
  duesCategory: 'salaried',
  monthlyIncomeFen: 600_000,
  postCode: null,
  homeAddress: null,
  workStartedOn: null,
  hardshipKind: null,
  ...over,
});
const paths = (m: MemberInput) => checkMember(m, '2026-11-25').map((p) => p.path);

describe('a member record', () => {
  it('a consistent full member passes', () => {
    expect(paths(base())).toEqual([]);
  });
  it('birth date and gender must agree with the ID number', () => {
    expect(paths(base({ birthDate: '1980-05-02', gender: 'female' }))).toEqual(['birthDate', 'gender']);
  });
  it('joining before the 18th birthday is refused', () => {
    expect(paths(base({ joinedOn: '1998-04-30', fullOn: '1999-05-01' }))).toEqual(['joinedOn']);
  });
  it('full membership before the join date, or within the year of probation, is refused', () => {
    expect(paths(base({ fullOn: '2005-06-30' }))).toEqual(['fullOn']);
    expect(paths(base({ fullOn: '2006-06-30' }))).toEqual(['fullOn']);
  });
  it('status and dates must agree: an activist has no join date, a probationary member has one', () => {
    expect(paths(base({ status: 'activist', fullOn: null }))).toEqual(['joinedOn']);
    expect(paths(base({ status: 'probationary', joinedOn: null, fullOn: null }))).toEqual(['joinedOn']);
  });
  it('a mobile member needs where they work; a salaried member needs an income for dues', () => {
    expect(paths(base({ mobile: true, monthlyIncomeFen: null }))).toEqual([
      'mobileLocation',
      'monthlyIncomeFen',
    ]);
  });
  it('a wrong check digit is named on the ID field', () => {
    const id = base().idNumber;
    expect(paths(base({ idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }))).toEqual(['idNumber']);
  });
  it('today is the Shanghai date', () => {
    expect(shanghaiToday(new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-26');
  });
});

describe('民族: one of the 56 groups of GB/T 3304', () => {
  it('given a name on the list, it passes; given "回" typed in a form, it is refused under 民族', () => {
    expect(paths(base({ ethnicity: '回族' }))).toEqual([]);
    expect(paths(base({ ethnicity: '回' as MemberInput['ethnicity'] }))).toEqual(['ethnicity']);
  });
  it('given a record saved as "回" before the list was enforced, when another field is edited, then the old value is let stand', () => {
    const old = base({ ethnicity: '回' as MemberInput['ethnicity'] });
    expect(checkMember({ ...old, workUnit: '新单位' }, '2026-11-25', old)).toEqual([]);
  });
  it('given a spreadsheet cell "回", "03" or "HU", then it is 回族 with a note; "土" is 土族, never 土家族', () => {
    expect(normalizeEthnicity('回')).toEqual({ value: '回族', note: '民族“回”已按 GB/T 3304 规范为“回族”' });
    expect(normalizeEthnicity('03')?.value).toBe('回族');
    expect(normalizeEthnicity('HU')?.value).toBe('回族');
    expect(normalizeEthnicity('土')?.value).toBe('土族');
    expect(normalizeEthnicity('汉族')).toEqual({ value: '汉族', note: null });
    expect(normalizeEthnicity('穿青人')).toBeNull();
  });
});

describe('参加工作日期 (劳动法第十五条)', () => {
  it('given a start after 1995 before the 16th birthday, then it is refused, citing the Labour Law', () => {
    expect(workStartProblem('1990-03-01', '2006-02-28', '2026-11-25')?.zh).toContain('劳动法第十五条');
    expect(workStartProblem('1990-03-01', '2006-03-01', '2026-11-25')).toBeNull();
  });
  it('given a start before 1995 at 15, then it stands (the law did not apply yet)', () => {
    expect(workStartProblem('1960-03-01', '1975-09-01', '2026-11-25')).toBeNull();
  });
  it('given a start in the future or before birth, then it is refused', () => {
    expect(workStartProblem('1990-03-01', '2027-01-01', '2026-11-25')).not.toBeNull();
    expect(workStartProblem('1990-03-01', '1989-01-01', '2026-11-25')).not.toBeNull();
  });
  it('is checked with the record, under its field', () => {
    expect(paths(base({ workStartedOn: '1995-06-01' }))).toEqual(['workStartedOn']);
  });
});

describe('奖惩 (党章第四十一条)', () => {
  const full = { birthDate: '1980-05-01', joinedOn: '2005-07-01', status: 'full' };
  const today = '2026-11-25';
  it('given a full member, a warning after joining is recorded', () => {
    expect(sanctionProblems({ kind: 'discipline', on: '2020-01-01' }, full, today)).toEqual([]);
  });
  it('given an activist, a disciplinary sanction is refused: the five sanctions are for Party members', () => {
    const activist = { ...full, joinedOn: null, status: 'activist' };
    expect(
      sanctionProblems({ kind: 'discipline', on: '2020-01-01' }, activist, today).map((p) => p.path),
    ).toEqual(['kind']);
    expect(sanctionProblems({ kind: 'reward', on: '2020-01-01' }, activist, today)).toEqual([]);
  });
  it('given a sanction dated before the member joined, or in the future, then it is refused under its date', () => {
    expect(
      sanctionProblems({ kind: 'discipline', on: '2004-01-01' }, full, today).map((p) => p.path),
    ).toEqual(['on']);
    expect(sanctionProblems({ kind: 'reward', on: '2027-01-01' }, full, today).map((p) => p.path)).toEqual([
      'on',
    ]);
  });
});

describe('出国（境）', () => {
  it('given a return before the departure or in the future, then it is refused under the return date', () => {
    const m = { birthDate: '1980-05-01' };
    expect(tripProblems({ leftOn: '2024-05-01', returnedOn: '2024-04-30' }, m, '2026-11-25')[0].path).toBe(
      'returnedOn',
    );
    expect(tripProblems({ leftOn: '2026-11-01', returnedOn: '2026-12-01' }, m, '2026-11-25')[0].path).toBe(
      'returnedOn',
    );
    expect(tripProblems({ leftOn: '2026-12-01', returnedOn: null }, m, '2026-11-25')).toEqual([]);
  });
});

describe('党费已交至, given on arrival', () => {
  const m = { status: 'full', joinedOn: '2005-07-01' };
  it('given a month in the year ahead, it stands; more than 12 months ahead is refused', () => {
    expect(paidUntilProblem('2027-11', m, '2026-11-25', 12)).toBeNull();
    expect(paidUntilProblem('2027-12', m, '2026-11-25', 12)?.zh).toContain('最多预交 12 个月');
  });
  it('given a month before joining, or a person not yet a member, it is refused', () => {
    expect(paidUntilProblem('2005-06', m, '2026-11-25', 12)?.zh).toContain('早于入党月份');
    expect(
      paidUntilProblem('2026-10', { status: 'activist', joinedOn: null }, '2026-11-25', 12),
    ).not.toBeNull();
  });
});
