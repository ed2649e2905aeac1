import { describe, expect, it } from 'vitest';
import type { Me } from '../../../../../contracts/auth.ts';
import { meKey } from '../../../app/queryClient.ts';
import { byTestId, renderHtml, textOf } from '../../../app/testing.tsx';
import { memberKeys } from '../keys.ts';
import type { CorrectionT } from './api.ts';
import CorrectionsPage from './CorrectionsPage.tsx';

const me: Me = {
  id: '1',
  username: 'secretary',
  displayName: '王书记',
  orgId: '5',
  orgName: '清河村党支部',
  mustChangePassword: false,
  grants: [{ id: '1', role: 'secretary', orgId: '5', orgName: '清河村党支部' }],
  actions: ['member.view', 'member.manage'],
  idleMinutes: 30,
  viaCard: false,
};
const request = (id: string, field: string, previousValue: string | null, value: string): CorrectionT => ({
  id,
  memberId: '7',
  memberName: '李红',
  field,
  previousValue,
  value,
  reason: '换了号码',
  status: 'pending',
  decidedAt: null,
  createdAt: '2026-01-20T02:00:00.000Z',
  can: { approve: true, reject: true },
});

describe('reviewing a correction, as the branch does', () => {
  it('shows what the field held and what it would become, a phone masked on both sides', async () => {
    const html = await renderHtml(<CorrectionsPage />, {
      queries: [
        [meKey, me],
        [
          [...memberKeys.corrections, { status: 'pending' }],
          [request('2', 'phone', '136****2222', '139****5678'), request('3', 'degree', null, '学士')],
        ],
      ],
    });
    expect(textOf(byTestId(html, 'correction-change-2'))).toMatch(
      /^原为：136\*{4}2222 ?更正为：139\*{4}5678/,
    );
    // a field that was empty says so
    expect(textOf(byTestId(html, 'correction-change-3'))).toMatch(/^原为：未填写 ?更正为：学士/);
  });
});
