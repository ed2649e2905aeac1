import { useMemo } from 'react';
import type { HeatCell, Heatmap, RankedOrg, Trend } from '../../../../contracts/assessment/scores.ts';
import EChart, { type EChartOption } from '../../app/EChart.tsx';
import { percent, points } from './figures.ts';

// The assessment's charts, loaded lazily with ECharts (app/EChart.tsx) only when there is
// something to chart. The option builders are pure, so a test reads what a chart would draw.

/** Bars shown at once; more scroll inside the chart, so its axis never leaves the screen. */
const VISIBLE = 12;
const ROW = 30;
const RED = '#c8161d';

/** How large the chart's words are: the console's, or the wall display's, read from across a room. */
export type Look = { theme?: 'dark'; font?: number };

/** Names go into the tooltips' HTML: an org named with markup shows as text. */
const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

type Bar = { value: number; orgId: string; name: string; rank: number | null };

/** The scored children as bars, best first (unscored ones are in the table, not the chart). */
export const barsOf = (rows: RankedOrg[]): Bar[] =>
  rows
    .filter((r) => r.score != null)
    .map((r) => ({ value: r.score ?? 0, orgId: r.orgId, name: r.name, rank: r.rank }))
    .sort((a, b) => b.value - a.value);

export function scoresOption(rows: RankedOrg[], scoreLabel: string, look: Look = {}, visible = VISIBLE) {
  const bars = barsOf(rows);
  const scroll = bars.length > visible;
  const top = Math.max(100, ...bars.map((b) => b.value));
  const font = look.font ?? 12;
  return (width: number): EChartOption => ({
    aria: { enabled: true },
    backgroundColor: 'transparent',
    color: [RED],
    textStyle: { fontSize: font },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: Bar }) => `${esc(p.data.name)}<br/>${esc(scoreLabel)}：${points(p.data.value)}`,
    },
    grid: { left: 8, right: scroll ? 48 : 56 + font, top: 28 + font, bottom: 8, containLabel: true },
    xAxis: { type: 'value', position: 'top', min: 0, max: Math.ceil(top), axisLabel: { fontSize: font } },
    yAxis: {
      type: 'category',
      data: bars.map((b) => b.name),
      inverse: true,
      axisLabel: {
        width: Math.min(180 + font * 8, Math.round(width * 0.34)),
        overflow: 'truncate',
        fontSize: font,
      },
    },
    dataZoom: scroll
      ? [
          {
            type: 'slider',
            yAxisIndex: 0,
            right: 4,
            width: 16,
            startValue: 0,
            endValue: visible - 1,
            zoomLock: true,
            showDetail: false,
            brushSelect: false,
          },
          { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
        ]
      : [],
    series: [
      {
        name: scoreLabel,
        type: 'bar',
        barMaxWidth: 18 + font,
        cursor: 'pointer',
        label: {
          show: true,
          position: 'right',
          fontSize: font,
          formatter: (p: { data: Bar }) => points(p.data.value),
        },
        data: bars,
      },
    ],
  });
}

/**
 * 下级党组织得分: one horizontal bar per scored child, best first, each labelled with its score. A
 * click opens that child (`onPick`). The same figures are in the table below, for those who do not
 * read charts.
 */
export default function ScoresChart({
  rows,
  label,
  scoreLabel,
  onPick,
  look,
  testId = 'assessment-chart',
  visible = VISIBLE,
}: {
  rows: RankedOrg[];
  label: string;
  scoreLabel: string;
  onPick?: (orgId: string) => void;
  look?: Look;
  testId?: string;
  visible?: number;
}) {
  const option = useMemo(
    () => scoresOption(rows, scoreLabel, look, visible),
    [rows, scoreLabel, look, visible],
  );
  const shown = rows.filter((r) => r.score != null).length;
  const row = ROW + (look?.font ? look.font : 0);
  return (
    <EChart
      option={option}
      label={label}
      testId={testId}
      theme={look?.theme}
      style={{ height: Math.min(shown, visible) * row + 48 + (look?.font ?? 0) }}
      onPick={onPick}
    />
  );
}

/** The trend's lines: the org first and bold, then each child; a gap where a month has no score. */
export function trendOption(trend: Trend, scoreLabel: string, look: Look = {}): EChartOption {
  const font = look.font ?? 12;
  const lines = [trend.org, ...trend.children];
  return {
    aria: { enabled: true },
    backgroundColor: 'transparent',
    textStyle: { fontSize: font },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v == null ? '—' : points(v)),
    },
    legend: { type: 'scroll', top: 0, textStyle: { fontSize: font } },
    grid: { left: 8, right: 24, top: 36 + font, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.months, boundaryGap: false, axisLabel: { fontSize: font } },
    yAxis: { type: 'value', name: scoreLabel, min: 0, max: 100, axisLabel: { fontSize: font } },
    series: lines.map((l, i) => ({
      name: l.name,
      type: 'line',
      data: l.scores,
      connectNulls: false,
      symbolSize: i === 0 ? 8 : 5,
      lineStyle: { width: i === 0 ? 4 : 2 },
      ...(i === 0 ? { color: RED, z: 3 } : {}),
    })),
  };
}

/** A cell in words, for the tooltip and the table beside the chart (ScreenPage.tsx `useCellText`). */
export type CellText = (cell: HeatCell) => string;

type HeatDatum = { value: [number, number, number | '-']; orgId: string; text: string };

/** The heat map's cells: [indicator, child, attainment] ('-' where the item does not apply), with their words. */
export function heatData(heatmap: Heatmap, text: CellText): HeatDatum[] {
  return heatmap.rows.flatMap((r, y) =>
    r.cells.map((c, x) => ({
      value: [x, y, c.value == null ? '-' : Math.round(c.value * 1000) / 1000] as HeatDatum['value'],
      orgId: r.orgId,
      text: `${esc(r.name)} · ${esc(heatmap.columns[x].label)}<br/>${esc(text(c))}`,
    })),
  );
}

export function heatmapOption(heatmap: Heatmap, text: CellText, look: Look = {}): EChartOption {
  const font = look.font ?? 12;
  return {
    aria: { enabled: true },
    backgroundColor: 'transparent',
    textStyle: { fontSize: font },
    tooltip: { trigger: 'item', formatter: (p: { data: HeatDatum }) => p.data.text },
    grid: { left: 8, right: 16, top: 8, bottom: 48 + font * 2, containLabel: true },
    xAxis: {
      type: 'category',
      data: heatmap.columns.map((c) => c.label),
      splitArea: { show: true },
      axisLabel: {
        interval: 0,
        rotate: heatmap.columns.length > 4 ? 30 : 0,
        fontSize: font,
        width: 140,
        overflow: 'truncate',
      },
    },
    yAxis: {
      type: 'category',
      data: heatmap.rows.map((r) => r.name),
      inverse: true,
      splitArea: { show: true },
      axisLabel: { fontSize: font, width: 160 + font * 4, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      textStyle: { fontSize: font },
      formatter: (v: number) => percent(v),
      // pale where little was reached, the Party's red where the target was met
      inRange: { color: ['#fff1e6', '#f4a582', RED] },
    },
    series: [
      {
        type: 'heatmap',
        cursor: 'pointer',
        data: heatData(heatmap, text),
        label: {
          show: true,
          fontSize: Math.max(10, font - 2),
          formatter: (p: { data: HeatDatum }) =>
            p.data.value[2] === '-' ? '' : `${Math.round(Number(p.data.value[2]) * 100)}%`,
        },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
}

/** 得分趋势 line chart. */
export function TrendChart({
  trend,
  label,
  scoreLabel,
  look,
  testId,
  height = 360,
}: {
  trend: Trend;
  label: string;
  scoreLabel: string;
  look?: Look;
  testId?: string;
  height?: number;
}) {
  const option = useMemo(() => trendOption(trend, scoreLabel, look), [trend, scoreLabel, look]);
  return <EChart option={option} label={label} testId={testId} theme={look?.theme} style={{ height }} />;
}

/** 指标热力图: children × items, the colour the attainment, each cell labelled and its figure in the tooltip. */
export function HeatChart({
  heatmap,
  label,
  text,
  look,
  testId,
  onPick,
  height,
}: {
  heatmap: Heatmap;
  label: string;
  text: CellText;
  look?: Look;
  testId?: string;
  onPick?: (orgId: string) => void;
  height?: number;
}) {
  const option = useMemo(() => heatmapOption(heatmap, text, look), [heatmap, text, look]);
  const row = 28 + (look?.font ?? 12);
  return (
    <EChart
      option={option}
      label={label}
      testId={testId}
      theme={look?.theme}
      onPick={onPick}
      style={{ height: height ?? heatmap.rows.length * row + 140 }}
    />
  );
}
