import { BarChart, HeatmapChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what these charts draw is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([
  BarChart,
  PieChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
]);

const RED = '#c8161d';
const PALETTE = ['#c8161d', '#d48806', '#389e0d', '#1677ff', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

export type ChartSpec =
  | { kind: 'bar'; labels: string[]; values: number[]; unit?: string }
  | { kind: 'pie'; labels: string[]; values: number[] }
  | { kind: 'heat'; rows: string[]; columns: string[]; counts: number[][] }
  | { kind: 'stack'; groups: string[]; series: string[]; counts: number[][] };

function optionOf(spec: ChartSpec): echarts.EChartsCoreOption {
  switch (spec.kind) {
    case 'bar':
      return {
        aria: { enabled: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          inverse: true,
          data: spec.labels,
          axisLabel: { width: 160, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            data: spec.values,
            itemStyle: { color: RED },
            label: { show: true, position: 'right' },
          },
        ],
      };
    case 'pie':
      return {
        aria: { enabled: true },
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}: {c}（{d}%）' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: spec.labels.map((name, i) => ({ name, value: spec.values[i] })),
            label: { formatter: '{b}\n{d}%' },
          },
        ],
      };
    case 'heat': {
      const data = spec.counts.flatMap((row, r) => row.map((c, col) => [col, r, c]));
      return {
        aria: { enabled: true },
        tooltip: { position: 'top' },
        grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
        xAxis: { type: 'category', data: spec.columns, splitArea: { show: true } },
        yAxis: { type: 'category', data: spec.rows, inverse: true, splitArea: { show: true } },
        visualMap: {
          min: 0,
          max: Math.max(1, ...spec.counts.flat()),
          calculable: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          inRange: { color: ['#fff1f0', RED] },
        },
        series: [{ type: 'heatmap', data, label: { show: true } }],
      };
    }
    case 'stack':
      return {
        aria: { enabled: true },
        color: PALETTE,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: spec.groups,
          axisLabel: { width: 160, overflow: 'truncate' },
        },
        series: spec.series.map((name, s) => ({
          name,
          type: 'bar',
          stack: 'all',
          data: spec.counts.map((row) => {
            const total = row.reduce((a, b) => a + b, 0);
            return total ? Math.round((row[s] * 1000) / total) / 10 : 0;
          }),
        })),
      };
  }
}

/** One chart of the results (bars, a pie, a matrix heat map, a cross-tab in stacked percentages). */
export default function SurveyChart({
  spec,
  label,
  testId,
  height,
}: {
  spec: ChartSpec;
  label: string;
  testId: string;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(optionOf(spec), true);
  }, [spec]);
  const rows =
    spec.kind === 'heat' ? spec.rows.length : spec.kind === 'stack' ? spec.groups.length : spec.labels.length;
  const h =
    height ??
    (spec.kind === 'pie'
      ? 300
      : Math.max(160, 40 + rows * (spec.kind === 'heat' ? 40 : 32) + (spec.kind === 'heat' ? 60 : 0)));
  // the figures drawn, in words, beside the chart (ECharts writes its own description on the chart's
  // element): for a test that reads what the chart shows, and a screen reader's summary
  const said =
    spec.kind === 'bar' || spec.kind === 'pie'
      ? spec.labels.map((l, i) => `${l} ${spec.values[i]}`).join('，')
      : '';
  return (
    <div data-testid={testId} data-figures={said}>
      <div ref={el} style={{ width: '100%', height: h }} role="img" aria-label={label} />
    </div>
  );
}
