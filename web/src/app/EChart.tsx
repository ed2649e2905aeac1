import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// The one place ECharts is set up. Only the chart types and parts the console draws are registered,
// so the chart chunk stays small (ARCHITECTURE.md, "Weight"); a chart needing another type adds it
// here. Import this module only from a lazily loaded chart (React.lazy), never from a page, so
// ECharts stays out of the main bundle.
echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

/**
 * A chart: `option` drawn (replaced whole on each change), redrawn to the element's size when the
 * window's changes, a click on an item carrying `orgId` handed to `onPick`. `theme` 'dark' for the
 * wall display. The element is an image to assistive technology, named by `label`: the figures are
 * always also on the page in words (a table) for those who do not read charts.
 */
export default function EChart({
  option,
  label,
  testId,
  style,
  theme,
  onPick,
}: {
  /** The option, or a function of the element's width (labels cut to fit), called at each draw. */
  option: EChartOption | ((width: number) => EChartOption);
  label: string;
  testId?: string;
  style?: CSSProperties;
  theme?: 'dark';
  onPick?: (orgId: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const orgId = (p.data as { orgId?: string } | undefined)?.orgId;
      if (orgId) pick.current?.(orgId);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    // the wall display's charts change size on entering full screen, with no window resize on some browsers
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(el.current);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.resize();
    c.setOption(typeof option === 'function' ? option(el.current?.clientWidth ?? 800) : option, true);
  }, [option]);

  return (
    <div ref={el} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', ...style }} />
  );
}
