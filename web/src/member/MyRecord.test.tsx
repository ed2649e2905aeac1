import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CorrectionViewList } from '../../../contracts/members/corrections.ts';
import type { Member } from '../../../contracts/members/record.ts';
import { byTestId, renderHtml, textOf } from '../app/testing.tsx';
import { MyRecord } from './MyRecord.tsx';

// What GET /me/member and GET /me/corrections answer for a member (numbers masked by the server).
const me: Member = {
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
  positions: [],
  phone: '138****5678',
  workUnit: null,
  mobile: false,
  mobileLocation: null,
  duesCategory: 'farmer',
  monthlyIncomeFen: null,
  duesStandardFen: 20,
  postCode: null,
  homeAddress: null,
  workStartedOn: null,
  hardshipKind: null,
  hasPhoto: false,
  studyCardNo: null,
  recordUpdatedAt: '2026-01-05T02:00:00.000Z',
  createdAt: '2020-01-05T02:00:00.000Z',
  version: 3,
  can: { edit: false, revealPii: false, transfer: false, manageCard: false, advance: false },
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
const request = (id: string, status: 'pending' | 'approved' | 'rejected', decisionReason: string | null) => ({
  id,
  memberId: '7',
  memberName: '李红',
  field: 'ethnicity',
  value: '回族',
  previousValue: '汉族',
  reason: '身份证上的民族为回族',
  status,
  decidedAt: status === 'pending' ? null : '2026-02-01T02:00:00.000Z',
  createdAt: '2026-01-20T02:00:00.000Z',
  decisionReason,
  can: { approve: false, reject: false },
});
const requests: z.infer<typeof CorrectionViewList>['items'] = [
  request('3', 'rejected', '户口簿上为汉族'),
  request('2', 'approved', null),
  request('1', 'pending', null),
];

const render = (lang: 'zh-CN' | 'en' = 'zh-CN') =>
  renderHtml(<MyRecord />, {
    queries: [
      [['me', 'member'], me],
      [['me', 'corrections'], requests],
    ],
    lang,
  });

describe('the member app: my record and my correction requests', () => {
  it('shows my record with personal numbers masked, and values in words', async () => {
    const html = await render();
    expect(textOf(byTestId(html, 'my-idNumber'))).toMatch(/^3301\*{10}0024/);
    const record = textOf(byTestId(html, 'my-record'));
    expect(record).toContain('人员类别 正式党员');
    expect(record).toContain('性别 女');
    expect(record).toContain('每月党费 ¥0.20/月');
  });
  it('says where each request stands with a sign and words, never by colour alone', async () => {
    const list = textOf(byTestId(await render(), 'my-corrections'));
    expect(list).toMatch(/✕ 未同意.*✓ 已同意，信息已更新.*… 待审核/);
  });
  it('gives the branch’s answer when it said no', async () => {
    expect(textOf(byTestId(await render(), 'my-correction-answer'))).toMatch(/^党支部答复：户口簿上为汉族/);
  });
  it('reads the same in English', async () => {
    const text = textOf(await render('en'));
    expect(text).toContain('Not approved');
    expect(text).toContain('Approved; your record is updated');
    expect(text).toContain('Awaiting review');
  });
});
