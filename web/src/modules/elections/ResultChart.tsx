import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ResultSheet } from '../../../../contracts/elections/elections.ts';

// Only what this chart draws is registered, so the chart chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, AriaComponent, CanvasRenderer]);

/**
 * 各候选人赞成票: one bar per candidate (written-in names too), the elected in red, with the line
 * of a majority of those entitled (应到会). Lazy: ECharts loads only with a result. The same figures are in
 * the table beside it, for those who do not read charts.
 */
export default function ResultChart({ r, label }: { r: ResultSheet; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const rows = r.tally;
    c.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, max: Math.max(r.entitled, 1) },
      yAxis: { type: 'category', data: rows.map((t) => t.name), inverse: true },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
          data: rows.map((t) => ({ value: t.yes, itemStyle: { color: t.elected ? '#c8161d' : '#8c8c8c' } })),
          markLine: {
            symbol: 'none',
            label: { formatter: '½' },
            data: [{ xAxis: r.entitled / 2 }],
          },
        },
      ],
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, [r]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid="result-chart"
      style={{ width: '100%', height: Math.min(r.tally.length, 16) * 36 + 40 }}
    />
  );
}
