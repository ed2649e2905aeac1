import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  Heatmap,
  MonthState,
  RankedOrg,
  Rankings,
  Trend,
} from '../../../../contracts/assessment/scores.ts';
import type { Me } from '../../../../contracts/auth.ts';
import { meKey } from '../../app/queryClient.ts';
import { byTestId, renderHtml, textOf } from '../../app/testing.tsx';
import { assessmentKeys, heatmapQuery, refreshEvery, SCREEN_REFRESH, trendQuery } from './api.ts';
import DashboardPage from './DashboardPage.tsx';
import { defaultMonth } from './figures.ts';
import { heatmapOption, trendOption } from './ScoresChart.tsx';
import ScreenPage from './ScreenPage.tsx';

// The wall display and the dashboard's trend and heat map: what the server answered, on the page
// and in the charts' options; and the wall display asking again every 5 minutes.

const month = defaultMonth();
const org = (orgId: string, name: string, score: number | null, o: Partial<RankedOrg> = {}): RankedOrg => ({
  orgId,
  name,
  kind: 'committee',
  score,
  rank: null,
  units: 1,
  unitsEmpty: 0,
  previous: null,
  ...o,
});
const rankings: Rankings = {
  month,
  org: org('1', '青山区委', 81.5, { units: 12, unitsEmpty: 3 }),
  children: [
    org('3', '西城镇党委', 70, { rank: 2, units: 5, unitsEmpty: 3 }),
    org('2', '东城镇党委', 90, { rank: 1, units: 7 }),
    org('4', '南山镇党委', null, { units: 0 }),
  ],
};
const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const trend: Trend = {
  months,
  org: { orgId: '1', name: '青山区委', kind: 'committee', scores: [...Array(10).fill(null), 80, 81.5] },
  children: [
    { orgId: '2', name: '东城镇党委', kind: 'committee', scores: [...Array(10).fill(null), 92, 90] },
    { orgId: '3', name: '西城镇党委', kind: 'committee', scores: [...Array(10).fill(null), 70, 70] },
  ],
};
const cell = (o: Partial<Heatmap['rows'][number]['cells'][number]>) => ({
  value: null,
  num: 0,
  den: null,
  points: null,
  met: null,
  of: null,
  ...o,
});
const heatmap: Heatmap = {
  month,
  org: { orgId: '1', name: '青山区委', kind: 'committee', score: 81.5 },
  columns: [
    { key: 'life.meeting_rate', label: '三会一课按时召开率', measure: 'rate', weight: 60, target: 0.9 },
    { key: 'activities.count', label: '主题党日活动', measure: 'count', weight: 40, target: 1 },
  ],
  rows: [
    {
      orgId: '2',
      name: '东城镇党委',
      kind: 'committee',
      score: 90,
      unit: false,
      cells: [cell({ value: 0.75, met: 6, of: 8 }), cell({ value: 1, met: 7, of: 7 })],
    },
    {
      orgId: '5',
      name: '河口村党支部',
      kind: 'branch',
      score: 55,
      unit: true,
      cells: [cell({ value: 0.5, num: 1, den: 2, points: 30 }), cell({})],
    },
  ],
  computedAt: '2026-11-02T18:30:00.000Z',
};
const state: MonthState = {
  month,
  state: 'open',
  computedAt: '2026-11-02T18:30:00.000Z',
  lastRun: { mode: 'full', orgs: 40, ms: 2300 },
  closedAt: null,
  scheme: null,
};

const screen = () =>
  renderHtml(<ScreenPage />, {
    queries: [
      [assessmentKeys.rankings(month), rankings],
      [assessmentKeys.trend(month, undefined, 12), trend],
      [assessmentKeys.heatmap(month), heatmap],
      [assessmentKeys.month(month), state],
    ],
  });

describe('大屏展示', () => {
  it('ranks the children best first with their scores, and counts the branches with nothing at all', async () => {
    const html = await screen();
    const ranking = textOf(byTestId(html, 'screen-ranking'));
    expect(ranking).toMatch(new RegExp(`^${month} 下级党组织得分排名`));
    expect(ranking).toMatch(/第 1 名 东城镇党委 90 ?第 2 名 西城镇党委 70/);
    // unscored children are not ranked
    expect(ranking).not.toContain('南山镇党委');
    expect(textOf(byTestId(html, 'screen-units-empty'))).toMatch(/^无任何记录的党支部 ?3 ?共 12 个党支部/);
    expect(textOf(byTestId(html, 'screen-score'))).toContain('81.5');
    expect(textOf(byTestId(html, 'screen-computed'))).toMatch(/^2026-11-03 02:30 最近刷新/);
    expect(textOf(byTestId(html, 'screen-refreshed'))).toMatch(
      /^最近刷新 \d{4}-\d\d-\d\d \d\d:\d\d，每 5 分钟自动刷新 全屏/,
    );
    expect(byTestId(html, 'screen-fullscreen')).toMatch(/^<button/);
    for (const id of ['screen-trend', 'screen-heatmap']) expect(html).toContain(`data-testid="${id}"`);
  });

  it('shows each heat map cell as the server gave it, in words and in the chart', async () => {
    const html = await screen();
    const table = textOf(byTestId(html, 'heatmap-table'));
    expect(table).toContain('党组织 三会一课按时召开率 主题党日活动');
    expect(textOf(byTestId(html, 'heat-2'))).toMatch(
      /^东城镇党委 75%（6\/8 个党支部达标） 100%（7\/7 个党支部达标） 河口村/,
    );
    expect(textOf(byTestId(html, 'heat-5'))).toBe('河口村党支部 50%（得 30 分） 不适用');
    const option = heatmapOption(heatmap, () => '') as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      series: { data: { value: unknown[]; orgId: string }[] }[];
    };
    expect(option.xAxis.data).toEqual(['三会一课按时召开率', '主题党日活动']);
    expect(option.yAxis.data).toEqual(['东城镇党委', '河口村党支部']);
    expect(option.series[0].data.map((d) => [...d.value, d.orgId])).toEqual([
      [0, 0, 0.75, '2'],
      [1, 0, 1, '2'],
      [0, 1, 0.5, '5'],
      [1, 1, '-', '5'],
    ]);
  });

  it('draws the trend as one line per org, the org first, with gaps where a month has no score', () => {
    const option = trendOption(trend, '得分') as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[]; connectNulls: boolean }[];
    };
    expect(option.xAxis.data).toEqual(months);
    expect(option.series.map((s) => s.name)).toEqual(['青山区委', '东城镇党委', '西城镇党委']);
    expect(option.series[1].data).toEqual(trend.children[0].scores);
    expect(option.series.every((s) => !s.connectNulls)).toBe(true);
  });
});

describe('the wall display refreshes itself', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks the server again for every figure after 5 minutes, and not before', async () => {
    vi.useFakeTimers();
    const answers: Record<string, unknown> = { rankings, trend, heatmap };
    const fetch = vi.fn(async (url: string) => {
      const kind = /\/(rankings|trend|heatmap)\b/.exec(url)?.[1];
      return new Response(JSON.stringify(kind ? answers[kind] : state), { status: 200 });
    });
    vi.stubGlobal('fetch', fetch);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    // the queries on screen (the page's hooks read these options), and the page's timer
    const observers = [
      new QueryObserver(client, trendQuery(month, '1')),
      new QueryObserver(client, heatmapQuery(month, '1')),
    ];
    const stop = observers.map((o) => o.subscribe(() => {}));
    const stopTimer = refreshEvery(client);
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).toHaveBeenCalledTimes(2);
    const urls = fetch.mock.calls.map((c) => String(c[0]));
    expect(urls).toContain(`/api/v1/assessment/months/${month}/trend?orgId=1&months=12`);
    expect(urls).toContain(`/api/v1/assessment/months/${month}/heatmap?orgId=1`);
    await vi.advanceTimersByTimeAsync(SCREEN_REFRESH - 1000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(fetch.mock.calls.slice(2).map((c) => String(c[0]))).toEqual(urls);
    expect(observers[1].getCurrentResult().data).toEqual(heatmap);
    await vi.advanceTimersByTimeAsync(SCREEN_REFRESH);
    expect(fetch).toHaveBeenCalledTimes(6);
    stopTimer();
    await vi.advanceTimersByTimeAsync(SCREEN_REFRESH);
    expect(fetch).toHaveBeenCalledTimes(6);
    for (const s of stop) s();
    client.clear();
  });
});

describe('考核排名 switches between scores, trend and heat map', () => {
  it('offers the three views, Chinese first, on the scores by default', async () => {
    const me: Me = {
      id: '1',
      username: 'dept',
      displayName: '组织部',
      orgId: '1',
      orgName: '青山区委',
      mustChangePassword: false,
      grants: [{ id: '1', role: 'dept_admin', orgId: '1', orgName: '青山区委' }],
      actions: ['assessment.view'],
      idleMinutes: 30,
      viaCard: false,
    };
    const html = await renderHtml(<DashboardPage />, {
      queries: [
        [meKey, me],
        [assessmentKeys.rankings(month), rankings],
        [assessmentKeys.month(month), state],
      ],
    });
    expect(textOf(byTestId(html, 'assessment-view-switch'))).toMatch(/^得分排名 ?得分趋势 ?指标热力图/);
    const en = await renderHtml(<DashboardPage />, {
      lang: 'en',
      queries: [
        [meKey, me],
        [assessmentKeys.rankings(month), rankings],
        [assessmentKeys.month(month), state],
      ],
    });
    expect(textOf(byTestId(en, 'assessment-view-switch'))).toMatch(/^Scores ?Trend ?Indicator heat map/);
  });
});
