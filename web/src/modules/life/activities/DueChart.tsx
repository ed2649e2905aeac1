import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueList } from '../../../../../contracts/life/activities.ts';

// Only what this chart draws is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/**
 * For each required kind, how many branches in scope held one this period, have it still due, and
 * missed the last period: where the town admin should look. The same figures are in the table.
 */
export default function DueChart({ summary }: { summary: DueList['summary'] }) {
  const { t, i18n } = useTranslation();
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
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: ['#389e0d', '#fa8c16', '#c8161d'],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: summary.map((s) => t(`activities.kind.${s.kind}`)),
          axisLabel: { interval: 0 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('activities.due.metSeries'), type: 'bar', data: summary.map((s) => s.met) },
          { name: t('activities.due.dueSeries'), type: 'bar', data: summary.map((s) => s.due) },
          { name: t('activities.due.overdueSeries'), type: 'bar', data: summary.map((s) => s.overdue) },
        ],
      },
      true,
    );
  }, [summary, t, i18n.language]);

  return (
    <div
      ref={el}
      style={{ width: '100%', height: 280 }}
      role="img"
      aria-label={t('activities.due.chartTitle')}
    />
  );
}
