import { BarChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { RankedOrg } from '../../../../contracts/assessment/scores.ts';
import { points } from './figures.ts';

// Only what this chart draws is registered, so the chart chunk stays small (ARCHITECTURE.md, "Weight").
echarts.use([BarChart, GridComponent, TooltipComponent, DataZoomComponent, AriaComponent, CanvasRenderer]);

/** Bars shown at once; more scroll inside the chart, so its axis never leaves the screen. */
const VISIBLE = 12;
const ROW = 30;

type Bar = { value: number; orgId: string; name: string; rank: number | null };

/**
 * 下级党组织得分: one horizontal bar per scored child, best first, each labelled with its score. A
 * click opens that child (`onPick`). Lazy: ECharts loads with the dashboard's chart only. The same
 * figures are in the table below, for those who do not read charts.
 */
export default function ScoresChart({
  rows,
  label,
  scoreLabel,
  onPick,
}: {
  rows: RankedOrg[];
  label: string;
  scoreLabel: string;
  onPick: (orgId: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const orgId = (p.data as { orgId?: string } | undefined)?.orgId;
      if (orgId) pick.current(orgId);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const bars: Bar[] = rows
      .filter((r) => r.score != null)
      .map((r) => ({ value: r.score ?? 0, orgId: r.orgId, name: r.name, rank: r.rank }))
      .sort((a, b) => b.value - a.value);
    const width = el.current?.clientWidth ?? 800;
    const scroll = bars.length > VISIBLE;
    const top = Math.max(100, ...bars.map((b) => b.value));
    chart.current?.resize();
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: ['#c8161d'],
        tooltip: {
          trigger: 'item',
          formatter: (p: { data: Bar }) => `${p.data.name}<br/>${scoreLabel}：${points(p.data.value)}`,
        },
        grid: { left: 8, right: scroll ? 48 : 56, top: 28, bottom: 8, containLabel: true },
        xAxis: { type: 'value', position: 'top', min: 0, max: Math.ceil(top) },
        yAxis: {
          type: 'category',
          data: bars.map((b) => b.name),
          inverse: true,
          axisLabel: { width: Math.min(180, Math.round(width * 0.34)), overflow: 'truncate' },
        },
        dataZoom: scroll
          ? [
              {
                type: 'slider',
                yAxisIndex: 0,
                right: 4,
                width: 16,
                startValue: 0,
                endValue: VISIBLE - 1,
                zoomLock: true,
                showDetail: false,
                brushSelect: false,
              },
              { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
            ]
          : [],
        series: [
          {
            name: scoreLabel,
            type: 'bar',
            barMaxWidth: 18,
            cursor: 'pointer',
            label: { show: true, position: 'right', formatter: (p: { data: Bar }) => points(p.data.value) },
            data: bars,
          },
        ],
      },
      true,
    );
  }, [rows, scoreLabel]);

  const shown = rows.filter((r) => r.score != null).length;
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid="assessment-chart"
      style={{ width: '100%', height: Math.min(shown, VISIBLE) * ROW + 48 }}
    />
  );
}
