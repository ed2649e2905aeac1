import { describe, expect, it } from 'vitest';
import type { BulletinList, BulletinSummary } from '../../../../contracts/assessment/bulletin.ts';
import { meKey } from '../../app/queryClient.ts';
import { me } from './test-fixtures.ts';
import { renderHtml, textOf } from '../../app/testing.tsx';
import { bulletinKeys } from './bulletin-api.ts';
import BulletinPage from './BulletinPage.tsx';

const summary = (id: string, o: Partial<BulletinSummary> = {}): BulletinSummary => ({
  id,
  month: '2026-11',
  orgId: '1',
  orgName: '中共某区委员会',
  state: 'draft',
  title: '关于2026年11月份智慧党建工作情况的通报',
  department: '中共某区委组织部',
  year: 2026,
  issueNo: null,
  issuedOn: null,
  createdAt: '2026-12-02T02:00:00.000Z',
  ...o,
});

const list: BulletinList = {
  items: [
    summary('2'),
    summary('1', {
      month: '2026-10',
      state: 'issued',
      issueNo: 3,
      issuedOn: '2026-11-05',
      title: '关于2026年10月份智慧党建工作情况的通报',
    }),
  ],
};

const page = (actions: string[], lang: 'zh-CN' | 'en' = 'zh-CN') =>
  renderHtml(<BulletinPage />, {
    lang,
    queries: [
      [meKey, me(actions)],
      [bulletinKeys.all, list],
    ],
  });

describe('考核通报', () => {
  it('lists the archive with issue numbers, drafts marked, and the department may write a new one', async () => {
    const text = textOf(await page(['assessment.view', 'assessment.manage']));
    expect(text).toContain('通报存档');
    expect(text).toContain('2026年第3期');
    expect(text).toContain('已印发');
    expect(text).toContain('草稿');
    expect(text).toContain('关于2026年10月份智慧党建工作情况的通报');
    expect(text).toContain('生成通报草稿');
  });

  it('lets a town read the archive but not write a bulletin', async () => {
    const text = textOf(await page(['assessment.view']));
    expect(text).toContain('2026年第3期');
    expect(text).not.toContain('生成通报草稿');
  });

  it('speaks English second', async () => {
    const text = textOf(await page(['assessment.view', 'assessment.manage'], 'en'));
    expect(text).toContain('2026 No. 3');
    expect(text).toContain('Write a draft');
  });
});
