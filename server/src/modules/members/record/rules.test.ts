import { describe, expect, it } from 'vitest';
import { makeIdCard } from './id-card.ts';
import { checkMember, type MemberInput } from './rules.ts';
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
