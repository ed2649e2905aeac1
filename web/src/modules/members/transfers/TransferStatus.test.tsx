import { describe, expect, it } from 'vitest';
import type { Transfer } from '../../../../../contracts/members/transfers.ts';
import { renderHtml, textOf } from '../../../app/testing.tsx';
import { TransferStatus } from './TransfersPage.tsx';

const letter: Transfer = {
  id: '5',
  kind: 'internal',
  status: 'pending',
  memberId: '7',
  memberName: '李红',
  fromOrgId: '41',
  fromOrgName: '石桥村党支部',
  toOrgId: '88',
  toOrgName: '东风社区党支部',
  letterNo: '青组转〔2026〕0123 号',
  issuedOn: '2026-01-05',
  validUntil: '2026-04-05',
  overdue: false,
  expired: false,
  certificateNote: null,
  duesPaidUntil: '2026-01',
  receiptDueOn: null,
  receiptOn: null,
  receiptOverdue: false,
  reason: '工作调动',
  returnReason: null,
  decidedAt: null,
  createdAt: '2026-01-05T02:00:00.000Z',
  can: { accept: true, return: true, cancel: false, receipt: false, print: true },
};

describe("a transfer's state, in words", () => {
  it('says a letter awaits acceptance', async () => {
    expect(textOf(await renderHtml(<TransferStatus tr={letter} />))).toBe('待接收');
  });
  it('adds “overdue” when the letter expired before the receiving branch acted', async () => {
    const html = await renderHtml(<TransferStatus tr={{ ...letter, overdue: true }} />);
    expect(textOf(html)).toBe('待接收已超期');
    expect(html).toContain('data-testid="transfer-overdue"');
  });
  it('no longer calls an accepted transfer overdue, whatever its letter’s date', async () => {
    const html = await renderHtml(<TransferStatus tr={{ ...letter, status: 'accepted', overdue: true }} />);
    expect(textOf(html)).toBe('已接收');
  });
  it('says the receipt is overdue once the member was taken in and the month has passed', async () => {
    const html = await renderHtml(
      <TransferStatus
        tr={{ ...letter, status: 'accepted', receiptDueOn: '2026-02-15', receiptOverdue: true }}
      />,
    );
    expect(textOf(html)).toBe('已接收回执逾期');
    expect(html).toContain('data-testid="transfer-receipt-overdue"');
  });
  it('says an expired letter was taken in on the branch’s certificate', async () => {
    const html = await renderHtml(
      <TransferStatus tr={{ ...letter, status: 'accepted', expired: true, certificateNote: '党支部证明' }} />,
    );
    expect(textOf(html)).toBe('已接收凭证明接收');
  });
});
