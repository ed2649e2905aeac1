import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityRowT } from './api.ts';
import { RATES } from './qualityRates.ts';

// Only what this chart draws is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const COLORS = ['#c8161d', '#fa8c16', '#1677ff', '#389e0d'];
/** Bars are told apart by pattern too (decal), not only by colour. */
const DECALS = [
  { symbol: 'none' },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: 0.8 },
  { symbol: 'circle', symbolSize: 0.6, dashArrayX: [[4, 4]], dashArrayY: [4, 2] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -0.8 },
];

/** Grouped horizontal bars of the four rates for each subordinate org; the same data is in a table. */
export default function QualityChart({ rows }: { rows: QualityRowT[] }) {
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
    const names = rows.map((r) => r.orgName);
    chart.current?.setOption(
      {
        aria: { enabled: true, decal: { show: true, decals: DECALS } },
        color: COLORS,
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: unknown) => `${Number(v).toFixed(1)}%`,
        },
        legend: { top: 0 },
        grid: { left: 8, right: 32, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          data: names,
          inverse: true,
          axisLabel: { width: 160, overflow: 'truncate' },
        },
        series: RATES.map((k) => ({
          name: t(`quality.${k}`),
          type: 'bar',
          barMaxWidth: 8,
          data: rows.map((r) => Math.round(r[k] * 1000) / 10),
        })),
      },
      true,
    );
  }, [rows, t, i18n.language]);

  const height = Math.max(260, rows.length * 40 + 80);
  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label={t('quality.chartLabel')} />;
}
