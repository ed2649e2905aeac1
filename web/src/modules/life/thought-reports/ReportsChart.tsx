import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThoughtReportMonthly } from '../../../../../contracts/life/thought-reports.ts';

// Only what this chart draws is registered, so the chart chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const ROW = 30;
type Row = ThoughtReportMonthly['children']['items'][number];

/**
 * Each org below: the reports due for periods that ended in the month as one bar, handed in
 * (green) and missing (red), the most missing first. The same figures are in the table below.
 */
export default function ReportsChart({ rows }: { rows: Row[] }) {
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
    const sorted = [...rows].sort((a, b) => b.missing / b.due - a.missing / a.due || b.due - a.due);
    const width = el.current?.clientWidth ?? 800;
    chart.current?.resize();
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: ['#389e0d', '#cf1322'],
        legend: { top: 0 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          data: sorted.map((r) => r.orgName),
          inverse: true,
          axisLabel: { width: Math.min(200, Math.round(width * 0.36)), overflow: 'truncate' },
        },
        series: [
          { name: t('thoughtReports.inTime'), data: sorted.map((r) => r.due - r.missing) },
          { name: t('thoughtReports.missingCount'), data: sorted.map((r) => r.missing) },
        ].map((s) => ({ ...s, type: 'bar', stack: 'all', barMaxWidth: 18 })),
      },
      true,
    );
  }, [rows, t, i18n.language]);

  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.min(rows.length, 16) * ROW + 64 }}
      role="img"
      aria-label={t('thoughtReports.chartLabel')}
      data-testid="reports-chart"
    />
  );
}
