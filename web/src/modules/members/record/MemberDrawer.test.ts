import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../../contracts/members/record.ts';
import { bodyOf, changesOf } from './MemberDrawer.tsx';
import { initialValuesOf, type MemberFormValues } from './MemberFields.tsx';

// A record as the server shows it to a secretary: ID and phone masked.
const member: Member = {
  id: '7',
  name: '李红',
  gender: 'female',
  ethnicity: '汉族',
  idNumber: '3301**********0024',
  birthDate: '1968-05-12',
  education: '高中',
  degree: null,
  status: 'full',
  joinedOn: '1995-07-01',
  fullOn: '1996-07-01',
  orgId: '41',
  orgName: '石桥村党支部',
  positions: ['组织委员'],
  phone: '138****5678',
  workUnit: '清河镇农技站',
  mobile: false,
  mobileLocation: null,
  duesCategory: 'salaried',
  monthlyIncomeFen: 456_000,
  duesStandardFen: 2280,
  hasPhoto: false,
  studyCardNo: null,
  recordUpdatedAt: '2026-01-05T02:00:00.000Z',
  createdAt: '2020-01-05T02:00:00.000Z',
  version: 3,
  postCode: '0131',
  homeAddress: '青山区清河****',
  workStartedOn: '2008-07-01',
  hardshipKind: null,
  can: { edit: true, revealPii: false, transfer: true, manageCard: true, advance: false },
  standing: {
    standing: 'normal',
    leftHow: null,
    leftOn: null,
    suspendedOn: null,
    lostContactOn: null,
    lostContactReason: null,
    foundOn: null,
    abroadKind: null,
    abroadSince: null,
  },
};
const form = (patch: Partial<MemberFormValues>): MemberFormValues => ({
  ...initialValuesOf(member),
  ...patch,
});

describe('editing a record sends only what changed', () => {
  it('sends the new work unit alone, never the masked ID and phone numbers it was shown', () => {
    expect(changesOf(member, form({ workUnit: '清河镇人民政府' }))).toEqual({ workUnit: '清河镇人民政府' });
  });
  it('sends nothing when the form was saved unchanged', () => {
    expect(changesOf(member, form({}))).toEqual({});
  });
  it('sends a full new phone number when one was typed over the masked one', () => {
    expect(changesOf(member, form({ phone: '13900139000' }))).toEqual({ phone: '13900139000' });
  });
  it('leaves the masked home address alone unless a new one is typed, and sends the national fields it changed', () => {
    expect(changesOf(member, form({ hardshipKind: 'illness' }))).toEqual({ hardshipKind: 'illness' });
    expect(changesOf(member, form({ homeAddress: '青山区清河镇幸福路 8 号' }))).toEqual({
      homeAddress: '青山区清河镇幸福路 8 号',
    });
    expect(changesOf(member, form({ postCode: '0111', workStartedOn: '2009-01-01' }))).toEqual({
      postCode: '0111',
      workStartedOn: '2009-01-01',
    });
  });
  it('shows the income in yuan and sends it back in fen', () => {
    expect(initialValuesOf(member).monthlyIncomeFen).toBe(4560);
    expect(changesOf(member, form({ monthlyIncomeFen: 5000.5 }))).toEqual({ monthlyIncomeFen: 500_050 });
  });
});

describe('a new record, as the contract wants it', () => {
  const typed: MemberFormValues = {
    name: ' 张三 ',
    gender: 'male',
    ethnicity: '汉族',
    idNumber: '11010519700101001x',
    birthDate: '1970-01-01',
    education: '高中',
    status: 'applicant',
    joinedOn: '2020-07-01', // typed, then the status changed to one without a join date
    orgId: '41',
    phone: '  ',
    duesCategory: 'farmer',
    monthlyIncomeFen: 3000,
  };
  it('trims text, upper-cases the ID check letter and sends blanks as null', () => {
    const body = bodyOf(typed);
    expect(body.name).toBe('张三');
    expect(body.idNumber).toBe('11010519700101001X');
    expect(body.phone).toBeNull();
    expect(body.workUnit).toBeNull();
  });
  it('drops what the chosen answers hide: join dates of an applicant, the income of a farmer', () => {
    const body = bodyOf(typed);
    expect(body.joinedOn).toBeNull();
    expect(body.fullOn).toBeNull();
    expect(body.monthlyIncomeFen).toBeNull();
  });

  it('never sends 流动党员: it is kept by the mobile periods, not by the record form', () => {
    expect('mobile' in bodyOf(typed)).toBe(false);
    expect('mobileLocation' in bodyOf(typed)).toBe(false);
  });
});
