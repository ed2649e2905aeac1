import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationMonthly } from '../../../../../contracts/learning/stations.ts';

// Only what this chart draws is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/**
 * For each org below the chosen one, its stations stacked by how they kept the month's rule: met,
 * short, nothing played — where the town should look first. The same figures are in the table.
 */
export default function MonthChart({ byOrg }: { byOrg: StationMonthly['byOrg'] }) {
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
    const short = (name: string) => name.replace(/^中共/, '').replace(/(委员会|党委|党总支|党支部)$/, '');
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: ['#389e0d', '#fa8c16', '#c8161d'],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: byOrg.map((o) => short(o.name)),
          axisLabel: { interval: 0, rotate: byOrg.length > 8 ? 30 : 0 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: (['met', 'short', 'zero'] as const).map((k) => ({
          name: t(`stations.series.${k}`),
          type: 'bar',
          stack: 'stations',
          data: byOrg.map((o) => o[k]),
        })),
      },
      true,
    );
  }, [byOrg, t, i18n.language]);

  return (
    <div
      ref={el}
      style={{ width: '100%', height: 300 }}
      role="img"
      aria-label={t('stations.chartTitle')}
      data-testid="station-month-chart"
    />
  );
}
