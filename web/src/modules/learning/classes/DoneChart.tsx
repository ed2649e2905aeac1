import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// Only what this chart draws is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/**
 * How many members finished 0, 1, … n courses of the plan: the class's progress at a glance, never
 * a ranking of people. The same figures are in the table below it.
 */
export default function DoneChart({ histogram }: { histogram: number[] }) {
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
    const last = histogram.length - 1;
    chart.current?.setOption(
      {
        aria: { enabled: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: histogram.map((_, n) => t('classes.progress.doneN', { n })) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('classes.progress.series'),
            type: 'bar',
            data: histogram.map((v, n) => ({
              value: v,
              itemStyle: { color: n === last ? '#389e0d' : '#c8161d' },
            })),
            label: { show: true, position: 'top' },
          },
        ],
      },
      true,
    );
  }, [histogram, t, i18n.language]);

  return (
    <div
      ref={el}
      style={{ width: '100%', height: 260 }}
      role="img"
      aria-label={t('classes.progress.chartTitle')}
      data-testid="class-done-chart"
    />
  );
}
