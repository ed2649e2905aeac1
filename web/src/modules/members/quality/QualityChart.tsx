import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import EChart, { type EChartOption } from '../../../app/EChart.tsx';
import { axisMin, type Bar } from './qualityRates.ts';

/** Bars shown at once; more scroll inside the chart, so its axis never leaves the screen. */
const VISIBLE = 12;
const ROW = 30;

/**
 * One rate for each subordinate org, lowest first, each bar labelled with its value, the axis from
 * just below the lowest value and at the top of a chart of bounded height. A click on a bar opens
 * the records behind it (`onPick`). The same data is in the table below. ECharts is set up once
 * for the console in app/EChart.tsx.
 */
export default function QualityChart({
  bars,
  rateLabel,
  onPick,
}: {
  bars: Bar[];
  rateLabel: string;
  onPick: (orgId: string) => void;
}) {
  const { t, i18n } = useTranslation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language re-draws the labels
  const option = useMemo(
    () =>
      (width: number): EChartOption => {
        const scroll = bars.length > VISIBLE;
        return {
          aria: { enabled: true },
          color: ['#c8161d'],
          tooltip: {
            trigger: 'item',
            formatter: (p: { data: Bar }) =>
              `${p.data.orgName}<br/>${rateLabel}：${p.data.value.toFixed(1)}%<br/>${t('quality.membersCount', { count: p.data.members })}<br/>${t('quality.clickToList')}`,
          },
          grid: { left: 8, right: scroll ? 48 : 56, top: 28, bottom: 8, containLabel: true },
          xAxis: {
            type: 'value',
            position: 'top',
            min: axisMin(bars.map((b) => b.value)),
            max: 100,
            axisLabel: { formatter: '{value}%' },
          },
          yAxis: {
            type: 'category',
            data: bars.map((b) => b.orgName),
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
              name: rateLabel,
              type: 'bar',
              barMaxWidth: 18,
              cursor: 'pointer',
              label: {
                show: true,
                position: 'right',
                formatter: (p: { data: Bar }) => `${p.data.value.toFixed(1)}%`,
              },
              data: bars.map((b) => ({ ...b, value: b.value })),
            },
          ],
        };
      },
    [bars, rateLabel, t, i18n.language],
  );

  return (
    <EChart
      option={option}
      label={t('quality.chartLabel', { rate: rateLabel })}
      testId="quality-chart"
      style={{ height: Math.min(bars.length, VISIBLE) * ROW + 48 }}
      onPick={onPick}
    />
  );
}
