import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// Only what this chart draws is registered, so the chart chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const ROW = 30;

export type OrgBars = {
  /** The orgs, one bar each, top to bottom. */
  names: string[];
  /** The parts each bar is stacked from, left to right, with one figure per org. */
  series: { name: string; color: string; data: number[] }[];
  label: string;
  testId: string;
};

/**
 * The orgs below, one horizontal stacked bar each (reports handed in and missing, messages answered
 * in time, late and not at all), for OrgCounts. Lazy: ECharts loads only when there is something
 * to chart. The same figures are in the table beside it, for those who do not read charts.
 */
export default function OrgCountsChart({ names, series, label, testId }: OrgBars) {
  const { i18n } = useTranslation();
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language re-draws the labels
  useEffect(() => {
    const width = el.current?.clientWidth ?? 800;
    chart.current?.resize();
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: series.map((s) => s.color),
        legend: { top: 0 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          data: names,
          inverse: true,
          axisLabel: { width: Math.min(200, Math.round(width * 0.36)), overflow: 'truncate' },
        },
        series: series.map((s) => ({
          name: s.name,
          data: s.data,
          type: 'bar',
          stack: 'all',
          barMaxWidth: 18,
        })),
      },
      true,
    );
  }, [names, series, i18n.language]);

  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.min(names.length, 16) * ROW + 64 }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
