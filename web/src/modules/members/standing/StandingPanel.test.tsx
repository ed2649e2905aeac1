import { describe, expect, it } from 'vitest';
import type { MemberStanding, StandingSummary } from '../../../../../contracts/members/standing.ts';
import { byTestId, renderHtml, textOf } from '../../../app/testing.tsx';
import { standingKeys } from './api.ts';
import { LeftNotice, StandingPanel } from './StandingPanel.tsx';

const normal: StandingSummary = {
  standing: 'normal',
  leftHow: null,
  leftOn: null,
  suspendedOn: null,
  lostContactOn: null,
  lostContactReason: null,
  foundOn: null,
  abroadKind: null,
  abroadSince: null,
};

// GET /members/7/standing for a member out of contact, with a suspension awaiting approval
const lost: MemberStanding = {
  ...normal,
  memberId: '7',
  name: '王失联',
  status: 'full',
  lostContactOn: '2025-01-10',
  lostContactReason: '外出务工，电话停机',
  decisions: [
    {
      id: '3',
      kind: 'suspend',
      resolutionOn: '2025-07-20',
      approvedOn: null,
      approvedBy: null,
      reason: '失联满6个月',
      awaitingApproval: true,
      refusedOn: null,
      refusedBy: null,
      refusalReason: null,
      effectiveOn: null,
      recordedAt: '2025-07-25T02:00:00.000Z',
      can: { approve: true, refuse: true },
    },
  ],
  decisionsAllowed: ['death'],
  can: { manage: true, approve: true },
};

describe('党籍 on a member’s page', () => {
  it('a member who left is said to have left, how and when', async () => {
    const html = await renderHtml(
      <LeftNotice standing={{ ...normal, standing: 'left', leftHow: 'lapsed', leftOn: '2027-08-25' }} />,
    );
    expect(textOf(html)).toContain('已出党（自行脱党，2027-08-25）');
    expect(textOf(html)).toContain('只读');
  });

  it('out of contact since when and why; the decision awaiting approval offers its approval', async () => {
    const html = await renderHtml(<StandingPanel memberId="7" name="王失联" />, {
      queries: [[standingKeys.one('7'), lost]],
    });
    const text = textOf(byTestId(html, 'member-standing'));
    expect(text).toContain('自 2025-01-10 起失去联系');
    expect(text).toContain('原因：外出务工，电话停机');
    expect(text).toContain('待上级批准');
    expect(html).toContain('data-testid="standing-approve-3"');
    expect(html).toContain('data-testid="standing-refuse-3"');
    expect(html).toContain('data-testid="standing-found"');
  });

  it('the branch’s own secretary records the decision but is told the approval is the committee above’s', async () => {
    const html = await renderHtml(<StandingPanel memberId="7" name="王失联" />, {
      queries: [
        [
          standingKeys.one('7'),
          {
            ...lost,
            decisions: [{ ...lost.decisions[0], can: { approve: false, refuse: false } }],
            can: { manage: true, approve: false },
          },
        ],
      ],
    });
    expect(html).not.toContain('standing-approve-3');
    expect(html).not.toContain('standing-refuse-3');
    expect(textOf(byTestId(html, 'standing-by-committee-3'))).toContain('由上级党组织登记');
  });

  it('a refused decision says by whom, when and why, and that it has no effect', async () => {
    const refused = {
      ...lost.decisions[0],
      awaitingApproval: false,
      refusedOn: '2025-08-05',
      refusedBy: '中共青山区清河镇委员会',
      refusalReason: '查找工作不充分',
      can: { approve: false, refuse: false },
    };
    const html = await renderHtml(<StandingPanel memberId="7" name="王失联" />, {
      queries: [[standingKeys.one('7'), { ...lost, decisions: [refused] }]],
    });
    const text = textOf(byTestId(html, 'standing-decisions'));
    expect(text).toContain('中共青山区清河镇委员会 2025-08-05 不予批准：查找工作不充分');
    expect(textOf(byTestId(html, 'standing-refused-3'))).toMatch(/^上级不予批准/);
  });

  it('no buttons for those who may only read', async () => {
    const html = await renderHtml(<StandingPanel memberId="7" name="王失联" />, {
      queries: [
        [
          standingKeys.one('7'),
          {
            ...lost,
            decisions: [{ ...lost.decisions[0], can: { approve: false, refuse: false } }],
            can: { manage: false, approve: false },
          },
        ],
      ],
    });
    expect(html).not.toContain('standing-approve-3');
    expect(html).not.toContain('standing-found');
    expect(html).not.toContain('standing-decide');
  });
});
