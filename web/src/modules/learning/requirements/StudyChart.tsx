import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChildFigures } from '../../../../../contracts/learning/requirements.ts';

// Only what this chart draws is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/** Each org below: the share of its members meeting the requirement, and their average progress. */
export default function StudyChart({ rows }: { rows: ChildFigures[] }) {
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
    const percent = (x: number) => Math.round(x * 1000) / 10;
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: ['#389e0d', '#c8161d'],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: rows.map((r) => r.name),
          axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0, width: 120, overflow: 'truncate' },
        },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t('studyReq.metRate'), type: 'bar', data: rows.map((r) => percent(r.metRate)) },
          { name: t('studyReq.avgProgress'), type: 'bar', data: rows.map((r) => percent(r.avgProgress)) },
        ],
      },
      true,
    );
  }, [rows, t, i18n.language]);

  return (
    <div ref={el} style={{ width: '100%', height: 300 }} role="img" aria-label={t('studyReq.chartTitle')} />
  );
}
