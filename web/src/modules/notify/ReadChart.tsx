import { PieChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './i18n.ts';

// Only what this chart draws is registered, so its chunk stays small; loaded lazily by NoticeReceipts.
echarts.use([PieChart, TooltipComponent, AriaComponent, CanvasRenderer]);

/** Read and unread of one notice, as a ring with the rate in the middle: seen at a glance. */
export default function ReadChart({ read, recipients }: { read: number; recipients: number }) {
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
    const unread = Math.max(0, recipients - read);
    const rate = recipients ? Math.floor((read * 100) / recipients) : 0;
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: ['#c8161d', '#e5e5e5'],
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        title: undefined,
        series: [
          {
            type: 'pie',
            radius: ['58%', '82%'],
            avoidLabelOverlap: false,
            label: {
              show: true,
              position: 'center',
              formatter: () => `${rate}%`,
              fontSize: 22,
              fontWeight: 600,
              color: '#1f1f1f',
            },
            labelLine: { show: false },
            data: [
              { name: t('notices.read'), value: read },
              { name: t('notices.unread'), value: unread },
            ],
          },
        ],
      },
      true,
    );
  }, [read, recipients, t, i18n.language]);

  return (
    <div
      ref={el}
      style={{ width: 140, height: 140 }}
      role="img"
      aria-label={t('notices.chartLabel', { read, unread: Math.max(0, recipients - read) })}
      data-testid="notice-read-chart"
    />
  );
}
