import { describe, expect, it } from 'vitest';
import type { MyThoughtReports, ThoughtReport } from '../../../../../contracts/life/thought-reports.ts';
import { byTestId, renderHtml, textOf } from '../../../app/testing.tsx';
import { reportKeys } from './api.ts';
import MyThoughtReportsPage from './MyThoughtReportsPage.tsx';

const period = { label: '2026-Q4', frequency: 'quarterly' as const, start: '2026-10-01', last: '2026-12-31' };
const report = (over: Partial<ThoughtReport> = {}): ThoughtReport => ({
  id: '7',
  memberId: '3',
  memberName: '李预备',
  stage: 'probationary',
  orgId: '5',
  orgName: '清河村党支部',
  period: '2026-Q3',
  title: '2026年第三季度思想汇报',
  excerpt: '',
  body: '敬爱的党组织：本季度我认真学习党章。',
  attachment: null,
  submittedAt: '2026-09-10T02:00:00.000Z',
  state: 'reviewed',
  reviewedAt: '2026-09-15T02:00:00.000Z',
  reviewerName: '刘建华',
  comment: '汇报认真，望继续努力。',
  can: { review: false, replace: false },
  ...over,
});
const mine = (over: Partial<MyThoughtReports>): MyThoughtReports => ({
  items: [],
  total: 0,
  page: 1,
  pageSize: 50,
  mustReport: true,
  stage: 'probationary',
  orgName: '清河村党支部',
  period,
  current: null,
  ...over,
});

describe('我的思想汇报, on the phone', () => {
  it('a probationer sees this quarter, not yet handed in, the form, and last quarter’s comment', async () => {
    const html = await renderHtml(<MyThoughtReportsPage />, {
      queries: [[reportKeys.mine, mine({ items: [report()], total: 1 })]],
    });
    expect(textOf(byTestId(html, 'my-reports-now'))).toMatch(
      /^本期：2026年第四季度 按清河村党支部规定每季度一次，本期截止 2026-12-31 本期尚未提交/,
    );
    expect(html).toContain('data-testid="my-report-form"');
    expect(textOf(byTestId(html, 'my-report-comment-7'))).toMatch(
      /^支部审阅意见 · 刘建华 · 2026-09-15 汇报认真，望继续努力。/,
    );
  });

  it('a full member is told who hands reports in, and gets no form', async () => {
    const html = await renderHtml(<MyThoughtReportsPage />, {
      queries: [[reportKeys.mine, mine({ mustReport: false, stage: 'full' })]],
    });
    expect(textOf(byTestId(html, 'my-reports-not-writer'))).toMatch(
      /^您目前是正式党员，无需提交思想汇报。思想汇报由入党积极分子、发展对象和预备党员按支部要求定期提交。/,
    );
    expect(html).not.toContain('my-report-form');
  });

  it('markup in a report or a comment shows as text, never as markup', async () => {
    const html = await renderHtml(<MyThoughtReportsPage />, {
      queries: [
        [
          reportKeys.mine,
          mine({
            items: [report({ body: '<img src=x onerror=alert(1)>', comment: '<script>x()</script>' })],
          }),
        ],
      ],
    });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(textOf(byTestId(html, 'my-report-7'))).toContain('<img src=x onerror=alert(1)>');
  });

  it('reviewed this quarter: closed until the next one', async () => {
    const html = await renderHtml(<MyThoughtReportsPage />, {
      queries: [[reportKeys.mine, mine({ current: report({ id: '9', period: '2026-Q4' }), items: [] })]],
    });
    expect(textOf(byTestId(html, 'my-reports-now'))).toContain(
      '本期已提交 本期汇报支部已审阅，请在下一期提交新的汇报。',
    );
    expect(html).not.toContain('my-report-form');
  }, 20_000);
});
