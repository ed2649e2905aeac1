import { describe, expect, it } from 'vitest';
import type { IndicatorInfo, SchemeView } from '../../../../contracts/assessment/scheme.ts';
import type { MonthState, OrgMonth, RankedOrg, Rankings } from '../../../../contracts/assessment/scores.ts';
import { meKey } from '../../app/queryClient.ts';
import { me } from './test-fixtures.ts';
import { byTestId, renderHtml, textOf } from '../../app/testing.tsx';
import { assessmentKeys } from './api.ts';
import DashboardPage from './DashboardPage.tsx';
import { defaultMonth } from './figures.ts';
import SchemePage from './SchemePage.tsx';

const org = (orgId: string, name: string, score: number | null, o: Partial<RankedOrg> = {}): RankedOrg => ({
  orgId,
  name,
  kind: 'branch',
  score,
  rank: null,
  units: 1,
  unitsEmpty: 0,
  previous: null,
  ...o,
});

const month = defaultMonth();
const top = org('1', '某区委', 81.5, { kind: 'committee', units: 12, unitsEmpty: 2, previous: 80 });
const rankings: Rankings = {
  month,
  org: top,
  children: [
    org('2', '东城镇党委', 90, { kind: 'committee', rank: 1, units: 7, unitsEmpty: 0, previous: 92 }),
    org('3', '西城镇党委', 70, { kind: 'committee', rank: 2, units: 5, unitsEmpty: 2, previous: 70 }),
  ],
};
const state: MonthState = {
  month,
  state: 'closed',
  computedAt: '2026-11-02T18:30:00.000Z',
  lastRun: { mode: 'full', orgs: 40, ms: 2300 },
  closedAt: '2026-11-05T02:00:00.000Z',
  scheme: null,
};
const detail: OrgMonth = {
  month,
  org: top,
  unit: false,
  items: [
    {
      key: 'life.meeting_rate',
      label: '三会一课按时召开率',
      unit: '',
      measure: 'rate',
      basis: 'outcome',
      scored: true,
      num: 9,
      den: 12,
      target: 0.9,
      weight: 60,
      points: null,
      met: 8,
    },
    {
      key: 'learning.minutes',
      label: '学习时长',
      unit: '分钟',
      measure: 'count',
      basis: 'activity',
      scored: false,
      num: 5400,
      den: null,
      target: null,
      weight: null,
      points: null,
      met: null,
    },
  ],
  adjustments: [
    { id: '1', points: -2, reason: '未按时报送材料', by: '组织部', at: '2026-11-03T02:00:00.000Z' },
  ],
};

const dashboard = (actions: string[]) =>
  renderHtml(<DashboardPage />, {
    queries: [
      [meKey, me(actions)],
      [assessmentKeys.rankings(month), rankings],
      [assessmentKeys.month(month), state],
      [assessmentKeys.org(month, '1'), detail],
    ],
  });

describe('考核排名 opens on last month at the top of my scope', () => {
  it('ranks the children with their trend said in words and the branches with no record marked', async () => {
    const html = await dashboard(['assessment.view']);
    expect(textOf(byTestId(html, 'assessment-org'))).toContain('某区委');
    expect(textOf(byTestId(html, 'assessment-org-score'))).toMatch(/^得分 ?81\.5/);
    for (const id of ['assessment-month', 'assessment-children', 'assessment-items'])
      expect(html).toContain(`data-testid="${id}"`);
    const east = textOf(byTestId(html, 'child-2'));
    expect(east).toMatch(/^1 ?东城镇党委 ?90 ?下降 2 ?7 ?0/);
    const west = textOf(byTestId(html, 'child-3'));
    expect(west).toContain('持平');
    expect(west).toContain('2 个无记录');
  });

  it('explains the score item by item: scored or for reference, num/den as a share, branches on target', async () => {
    const html = await dashboard(['assessment.view']);
    const rate = textOf(byTestId(html, 'item-life.meeting_rate'));
    expect(rate).toMatch(/三会一课按时召开率 ?计分 ?9\/12（75%） ?90% ?60 ?8 \/ 12/);
    const minutes = textOf(byTestId(html, 'item-learning.minutes'));
    expect(minutes).toContain('仅供参考');
    expect(minutes).toContain('5400 分钟');
    expect(textOf(byTestId(html, 'assessment-adjustments'))).toContain('未按时报送材料');
  });

  it('says the month is closed; only the department sees 重新开启, and no recomputing a closed month', async () => {
    const viewer = await dashboard(['assessment.view']);
    expect(textOf(byTestId(viewer, 'assessment-month-state'))).toContain('已关闭');
    expect(viewer).not.toContain('data-testid="assessment-reopen"');
    const dept = await dashboard(['assessment.view', 'assessment.manage']);
    expect(dept).toContain('data-testid="assessment-reopen"');
    expect(dept).not.toContain('data-testid="assessment-close"');
    expect(byTestId(dept, 'assessment-compute').slice(0, 400)).toContain('disabled');
  });
});

const info = (key: string, label: string, o: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  key,
  module: key.split('.')[0],
  label,
  unit: '次',
  measure: 'count',
  basis: 'outcome',
  better: 'higher',
  target: 1,
  ...o,
});

describe('考核方案', () => {
  const view: SchemeView = {
    source: 'default',
    scheme: {
      items: [
        { key: 'life.meeting_rate', weight: 60, target: 0.9, bonusPer: 0, bonusMax: 0 },
        { key: 'learning.logins', weight: 30, target: 20, bonusPer: 0, bonusMax: 0 },
      ],
      shown: [],
    },
    indicators: [
      info('life.meeting_rate', '三会一课按时召开率', { measure: 'rate', unit: '' }),
      info('learning.logins', '登录次数', { basis: 'activity' }),
    ],
    warnings: [{ key: 'learning.logins', message: '按照2024年整治形式主义为基层减负的规定……' }],
  };
  const page = () =>
    renderHtml(<SchemePage />, {
      queries: [
        [meKey, me(['assessment.view', 'assessment.manage'])],
        [assessmentKeys.scheme, view],
      ],
    });

  it('says it is the default scheme and that the weights do not add up to 100', async () => {
    const html = await page();
    expect(textOf(byTestId(html, 'scheme-source'))).toMatch(/^默认方案/);
    expect(textOf(byTestId(html, 'scheme-total'))).toContain('权重合计须为 100，当前为 90（相差 -10）');
  });

  it('shows a rate target as a percentage', async () => {
    const html = await page();
    expect(byTestId(html, 'scheme-row-0')).toMatch(/value="90"/);
  });

  it('puts the rules against scoring logins next to that row and above the table', async () => {
    const html = await page();
    expect(textOf(byTestId(html, 'scheme-warnings'))).toContain('第 2 行：登录次数');
    expect(textOf(byTestId(html, 'scheme-row-1'))).toContain('过程性指标：不宜计分');
  });
});
