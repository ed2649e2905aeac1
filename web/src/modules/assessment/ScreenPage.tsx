import { FullscreenExitOutlined, FullscreenOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import {
  type CSSProperties,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { HeatCell, Heatmap } from '../../../../contracts/assessment/scores.ts';
import { errorMessage } from '../../app/api.ts';
import { when } from '../../app/when.ts';
import { refreshEvery, useHeatmap, useMonthState, useRankings, useTrend } from './api.ts';
import { defaultMonth, percent, points } from './figures.ts';
import type { CellText, Look } from './ScoresChart.tsx';
import './i18n.ts';

// ECharts comes with the charts only (app/EChart.tsx), never with the page.
const ScoresChart = lazy(() => import('./ScoresChart.tsx'));
const TrendChart = lazy(() => import('./ScoresChart.tsx').then((m) => ({ default: m.TrendChart })));
const HeatChart = lazy(() => import('./ScoresChart.tsx').then((m) => ({ default: m.HeatChart })));

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Read from across a room: the charts' words at this size, the page's larger still. */
const LOOK: Look = { theme: 'dark', font: 18 };
const INK = '#f5f5f5';
const DIM = '#b8c2d6';
const PANEL: CSSProperties = {
  background: 'rgba(255,255,255,0.05)',
  border: '1px solid rgba(255,255,255,0.12)',
  borderRadius: 8,
  padding: 16,
  minWidth: 0,
};
/** There for screen readers (and the words a test reads), not drawn: the chart above says it. */
const UNSEEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** A heat map cell in words: attainment, then what it comes from (points, or the 党支部 on target). */
export function useCellText(): CellText {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language changes the words
  return useCallback(
    (cell: HeatCell) => {
      if (cell.value == null) return t('assessment.heatNone');
      const figure =
        cell.points != null
          ? t('assessment.heatPoints', { points: points(cell.points) })
          : cell.met != null && cell.of
            ? t('assessment.heatMet', { met: cell.met, of: cell.of })
            : '';
      return figure ? `${percent(cell.value)}（${figure}）` : percent(cell.value);
    },
    [t, i18n.language],
  );
}

/** The heat map as a table, for those who do not read charts (not drawn: the chart's cells are labelled). */
export function HeatTable({ heatmap, text }: { heatmap: Heatmap; text: CellText }) {
  const { t } = useTranslation();
  return (
    <table style={UNSEEN} data-testid="heatmap-table">
      <caption>{t('assessment.screen.heatTable', { org: heatmap.org.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assessment.org')}</th>
          {heatmap.columns.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {heatmap.rows.map((r) => (
          <tr key={r.orgId} data-testid={`heat-${r.orgId}`}>
            <th scope="row">{r.name}</th>
            {r.cells.map((c, i) => (
              <td key={heatmap.columns[i].key}>{text(c)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Fullscreen API on an element: whether it is full screen, and the switch. */
function useFullscreen(el: React.RefObject<HTMLElement | null>) {
  const [on, setOn] = useState(false);
  const [able, setAble] = useState(true);
  useEffect(() => {
    setAble(!!document.fullscreenEnabled);
    const change = () => setOn(document.fullscreenElement === el.current);
    document.addEventListener('fullscreenchange', change);
    return () => document.removeEventListener('fullscreenchange', change);
  }, [el]);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void el.current?.requestFullscreen();
  };
  return { on, able, toggle };
}

function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section style={PANEL} data-testid={testId} aria-label={title}>
      <h2 style={{ color: INK, fontSize: 28, margin: '0 0 12px', fontWeight: 600 }}>{title}</h2>
      {children}
    </section>
  );
}

const Loading = () => (
  <div style={{ textAlign: 'center', padding: 48 }}>
    <Spin size="large" />
  </div>
);

const Nothing = ({ children }: { children: ReactNode }) => (
  <p style={{ color: DIM, fontSize: 24, textAlign: 'center', padding: 48, margin: 0 }}>{children}</p>
);

/**
 * 大屏展示 (/assessment/screen?orgId=…&month=YYYY-MM): the department's wall display. No map: on a
 * dark ground in type readable from across a room, the org's children ranked by the month's score
 * (bars), the last 12 months' trend, the indicator heat map, how many 党支部 recorded nothing and
 * when the month was computed. It reloads every figure every 5 minutes by itself and says when it
 * last did; 全屏 fills the wall's screen (Fullscreen API).
 */
export default function ScreenPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const asked = params.get('month');
  const month = asked && MONTH.test(asked) ? asked : defaultMonth();
  const orgId = params.get('orgId') || undefined;
  const box = useRef<HTMLDivElement>(null);
  const full = useFullscreen(box);
  const text = useCellText();

  const client = useQueryClient();
  const ranked = useRankings(month, orgId);
  const trend = useTrend(month, orgId);
  const heat = useHeatmap(month, orgId);
  const state = useMonthState(month);
  const all = [ranked, trend, heat, state];
  const refreshedAt = Math.max(...all.map((q) => q.dataUpdatedAt));
  const fetching = all.some((q) => q.isFetching);
  const error = all.find((q) => q.error)?.error;

  // every 5 minutes, every figure again (the wall is left alone for days)
  useEffect(() => refreshEvery(client), [client]);

  useEffect(() => {
    document.title = `${t('assessment.screen.title')} · ${t('app.title')}`;
  }, [t]);

  const org = ranked.data?.org;
  const h = heat.data;
  const scored = ranked.data?.children.filter((c) => c.score != null) ?? [];

  return (
    <div
      ref={box}
      data-testid="assessment-screen"
      style={{
        background: 'linear-gradient(180deg, #0b1530 0%, #111d3d 100%)',
        color: INK,
        minHeight: full.on ? '100vh' : 'calc(100vh - 120px)',
        padding: 24,
        overflow: 'auto',
        borderRadius: full.on ? 0 : 8,
      }}
    >
      <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 24, marginBottom: 20 }}>
        <div style={{ flex: '1 1 auto' }}>
          <h1 style={{ color: INK, fontSize: 44, margin: 0, fontWeight: 700, letterSpacing: 2 }}>
            {org?.name ?? ''} {t('assessment.screen.title')}
          </h1>
          <div style={{ color: DIM, fontSize: 22, marginTop: 6 }}>
            {month} · {t('assessment.screen.computedAt')}{' '}
            <span data-testid="screen-computed">
              {state.data?.computedAt ? when(state.data.computedAt) : t('assessment.screen.notComputed')}
            </span>
          </div>
        </div>
        <div style={{ color: DIM, fontSize: 20 }} data-testid="screen-refreshed" aria-live="polite">
          {refreshedAt
            ? t('assessment.screen.refreshed', { time: when(new Date(refreshedAt).toISOString()) })
            : t('assessment.screen.refreshing')}
          {refreshedAt > 0 && fetching && ` · ${t('assessment.screen.refreshing')}`}
        </div>
        <Button
          size="large"
          ghost
          icon={full.on ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          onClick={full.toggle}
          disabled={!full.able}
          data-testid="screen-fullscreen"
        >
          {full.on ? t('assessment.screen.exitFullscreen') : t('assessment.screen.fullscreen')}
        </Button>
      </header>

      {error && (
        <p role="alert" style={{ color: '#ff7875', fontSize: 22 }}>
          {errorMessage(error)}
        </p>
      )}

      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16 }}>
        <Figure
          label={t('assessment.screen.score', { org: org?.name ?? '' })}
          value={org?.score == null ? t('assessment.noScore') : points(org.score)}
          testId="screen-score"
        />
        <Figure
          label={t('assessment.screen.unitsEmpty')}
          value={String(org?.unitsEmpty ?? '—')}
          note={org ? t('assessment.screen.unitsEmptyOf', { units: org.units }) : ''}
          warn={(org?.unitsEmpty ?? 0) > 0}
          testId="screen-units-empty"
        />
      </div>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 560px), 1fr))',
          gap: 16,
          marginBottom: 16,
        }}
      >
        <Panel title={t('assessment.screen.ranking', { month })} testId="screen-ranking">
          {!ranked.data ? (
            <Loading />
          ) : !scored.length ? (
            <Nothing>{t('assessment.screen.noScores')}</Nothing>
          ) : (
            <>
              <Suspense fallback={<Loading />}>
                <ScoresChart
                  rows={ranked.data.children}
                  label={t('assessment.chartLabel', { org: ranked.data.org.name, month })}
                  scoreLabel={t('assessment.score')}
                  look={LOOK}
                  visible={15}
                  testId="screen-ranking-chart"
                />
              </Suspense>
              <ol style={UNSEEN}>
                {[...scored]
                  .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
                  .map((c) => (
                    <li key={c.orgId} data-testid={`screen-rank-${c.orgId}`}>
                      {c.rank == null ? '' : t('assessment.rankOf', { rank: c.rank })} {c.name}{' '}
                      {points(c.score ?? 0)}
                    </li>
                  ))}
              </ol>
            </>
          )}
        </Panel>
        <Panel title={t('assessment.screen.trend')} testId="screen-trend">
          {!trend.data ? (
            <Loading />
          ) : (
            <Suspense fallback={<Loading />}>
              <TrendChart
                trend={trend.data}
                label={t('assessment.trendLabel', {
                  org: trend.data.org.name,
                  months: trend.data.months.length,
                })}
                scoreLabel={t('assessment.score')}
                look={LOOK}
                height={480}
                testId="screen-trend-chart"
              />
            </Suspense>
          )}
        </Panel>
      </div>

      <Panel title={t('assessment.screen.heatmap', { month })} testId="screen-heatmap">
        {!h ? (
          <Loading />
        ) : !h.rows.length || !h.columns.length ? (
          <Nothing>{t('assessment.heatEmpty')}</Nothing>
        ) : (
          <>
            <Suspense fallback={<Loading />}>
              <HeatChart
                heatmap={h}
                label={t('assessment.heatLabel', { org: h.org.name, month })}
                text={text}
                look={LOOK}
                testId="screen-heatmap-chart"
              />
            </Suspense>
            <HeatTable heatmap={h} text={text} />
          </>
        )}
      </Panel>
    </div>
  );
}

function Figure({
  label,
  value,
  note,
  warn,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  warn?: boolean;
  testId: string;
}) {
  return (
    <div style={{ ...PANEL, flex: '1 1 260px' }} data-testid={testId}>
      <div style={{ color: DIM, fontSize: 22 }}>{label}</div>
      <div style={{ fontSize: 56, fontWeight: 700, lineHeight: 1.2, color: warn ? '#ffa940' : INK }}>
        {warn && <WarningOutlined aria-hidden style={{ fontSize: 40, marginRight: 12 }} />}
        {value}
      </div>
      {note && <div style={{ color: DIM, fontSize: 20 }}>{note}</div>}
    </div>
  );
}
