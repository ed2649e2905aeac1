import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeptUpShare } from './api.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

const ROW = 28;

/** Each org below: the share of its subtree's pages kept up this month, the worst first. */
export default function KeptUpChart({ rows }: { rows: KeptUpShare['items'] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const sorted = [...rows].sort((a, b) => a.keptUp / a.orgs - b.keptUp / b.orgs).reverse();
    c.setOption({
      aria: { enabled: true },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const r = sorted[ps[0].dataIndex];
          return `${r.orgName}<br/>${t('orgPage.keptUp.share', { kept: r.keptUp, orgs: r.orgs })}`;
        },
      },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: sorted.map((r) => r.orgName) },
      series: [
        {
          type: 'bar',
          data: sorted.map((r) => Math.round((100 * r.keptUp) / Math.max(1, r.orgs))),
          itemStyle: { color: '#c8161d' },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, [rows, t]);
  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.max(120, rows.length * ROW + 24) }}
      data-testid="kept-up-chart"
    />
  );
}
