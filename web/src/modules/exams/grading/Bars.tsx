import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what these charts draw is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type BarSeries = {
  name: string;
  data: (number | null)[];
  color: string;
  /** 1: drawn against the right-hand axis (a percentage beside a score). */
  axis?: 0 | 1;
};

/**
 * Bars per category (an org, a question, a band of scores), one or two series; a second axis on
 * the right when a series asks for it (0–100 %). The same figures are in the table beside it.
 */
export default function Bars({
  categories,
  series,
  label,
  testId,
  height = 280,
}: {
  categories: string[];
  series: BarSeries[];
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
    const twoAxes = series.some((s) => s.axis === 1);
    chart.current?.setOption(
      {
        aria: { enabled: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: series.length > 1 ? { top: 0 } : undefined,
        grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: categories,
          axisLabel: {
            interval: 0,
            rotate: categories.length > 6 ? 30 : 0,
            width: 120,
            overflow: 'truncate',
          },
        },
        yAxis: twoAxes
          ? [{ type: 'value' }, { type: 'value', min: 0, max: 100 }]
          : [{ type: 'value', minInterval: 1 }],
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          yAxisIndex: s.axis ?? 0,
          data: s.data,
          itemStyle: { color: s.color },
          label: { show: categories.length <= 20, position: 'top' },
        })),
      },
      true,
    );
  }, [categories, series]);

  return (
    <div ref={el} style={{ width: '100%', height }} role="img" aria-label={label} data-testid={testId} />
  );
}
