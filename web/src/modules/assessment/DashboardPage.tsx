import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTIVITY_WARNING } from '../../../../contracts/assessment/scheme.ts';
import type { Adjustment, OrgItem, RankedOrg } from '../../../../contracts/assessment/scores.ts';
import { errorMessage } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { currentMonth } from '../../app/dates.ts';
import { currentLang } from '../../app/i18n.ts';
import { when } from '../../app/when.ts';
import { useOrg } from '../orgs/api.ts';
import { useHeatmap, useOrgMonth, useRankings, useTrend } from './api.ts';
import { defaultMonth, figureOf, points, targetOf, trendOf } from './figures.ts';
import { MonthPanel } from './MonthPanel.tsx';
import { RecordsDrawer } from './RecordsDrawer.tsx';
import { HeatTable, useCellText } from './ScreenPage.tsx';
import './i18n.ts';

// ECharts comes with the charts, only when there are scores to chart (app/EChart.tsx).
const ScoresChart = lazy(() => import('./ScoresChart.tsx'));
const TrendChart = lazy(() => import('./ScoresChart.tsx').then((m) => ({ default: m.TrendChart })));
const HeatChart = lazy(() => import('./ScoresChart.tsx').then((m) => ({ default: m.HeatChart })));

type View = 'scores' | 'trend' | 'heatmap';

/** Warnings as solid tags, white on dark orange (5.6:1): the light orange preset reads at 3:1. */
const WARN = '#ad4e00';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * 考核排名 (/assessment?month=YYYY-MM&orgId=…): an org's month — its score, its children ranked
 * (chart and table), each item of its score and the records behind it — drilled down the tree by
 * clicking a child, back up by the breadcrumb. The month's state and, for the department, its runs.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manage = can(me, 'assessment.manage');
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && MONTH.test(asked) ? asked : defaultMonth();
  const orgId = params.get('orgId') ?? undefined;
  const [item, setItem] = useState<{ key: string; label: string } | null>(null);
  const [view, setView] = useState<View>('scores');

  useEffect(() => {
    document.title = `${t('assessment.title')} · ${t('app.title')}`;
  }, [t]);

  const set = (patch: { month?: string; orgId?: string | null }) => {
    const p = new URLSearchParams();
    p.set('month', patch.month ?? month);
    const o = patch.orgId === undefined ? orgId : patch.orgId;
    if (o) p.set('orgId', o);
    setParams(p);
    setItem(null);
  };

  // the top of my scope: where the page opens and the breadcrumb starts
  const top = useRankings(month);
  const ranked = useRankings(month, orgId);
  const r = orgId ? ranked.data : top.data;
  const current = r?.org;
  const detail = useOrgMonth(month, current?.orgId);
  const trail = useTrail(current?.orgId, top.data?.org);
  const error = (orgId ? ranked.error : top.error) ?? detail.error;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('assessment.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('assessment.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <label htmlFor="assessment-month">{t('assessment.month')}</label>
          <DatePicker
            id="assessment-month"
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            // no month after this one: its records have not happened yet
            disabledDate={(d) => d.format('YYYY-MM') > currentMonth()}
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
            aria-label={t('assessment.month')}
            data-testid="assessment-month"
          />
          {trail.length > 1 && (
            <Breadcrumb
              data-testid="assessment-trail"
              items={trail.map((o, i) => ({
                key: o.id,
                title:
                  i === trail.length - 1 ? (
                    <span aria-current="page">{o.name}</span>
                  ) : (
                    <a
                      href={`?month=${month}${i === 0 ? '' : `&orgId=${o.id}`}`}
                      onClick={(e) => {
                        e.preventDefault();
                        set({ orgId: i === 0 ? null : o.id });
                      }}
                    >
                      {o.name}
                    </a>
                  ),
              }))}
            />
          )}
        </Flex>
      </Card>
      <MonthPanel
        month={month}
        org={current ? { orgId: current.orgId, name: current.name } : undefined}
        manage={manage}
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} role="alert" />}
      {!r && (top.isPending || ranked.isPending) && <Skeleton active paragraph={{ rows: 8 }} />}
      {r && current && (
        <>
          <OrgSummary org={current} />
          {/* a 党支部 has no children to rank: its items below are the page */}
          {r.children.length > 0 && (
            <Card
              size="small"
              title={t(`assessment.views.${view}`)}
              extra={
                <Segmented<View>
                  value={view}
                  onChange={setView}
                  aria-label={t('assessment.viewSwitch')}
                  data-testid="assessment-view-switch"
                  options={(['scores', 'trend', 'heatmap'] as const).map((v) => ({
                    value: v,
                    label: t(`assessment.views.${v}`),
                  }))}
                />
              }
            >
              {view === 'scores' &&
                (r.children.every((c) => c.score == null) ? (
                  <Empty description={t('assessment.noScores')} />
                ) : (
                  <Suspense fallback={<Skeleton active />}>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                      {t('assessment.chartHint')}
                    </Typography.Paragraph>
                    <ScoresChart
                      rows={r.children}
                      label={t('assessment.chartLabel', { org: current.name, month })}
                      scoreLabel={t('assessment.score')}
                      onPick={(id) => set({ orgId: id })}
                    />
                  </Suspense>
                ))}
              {view === 'trend' && <TrendView month={month} orgId={current.orgId} />}
              {view === 'heatmap' && (
                <HeatView month={month} orgId={current.orgId} onPick={(id) => set({ orgId: id })} />
              )}
            </Card>
          )}
          {r.children.length > 0 && (
            <ChildrenTable
              rows={r.children}
              loading={ranked.isFetching}
              onPick={(id) => set({ orgId: id })}
            />
          )}
          <Card
            size="small"
            title={t('assessment.itemsOf', { org: current.name })}
            data-testid="assessment-items"
          >
            <ItemsTable
              items={detail.data?.items ?? []}
              unit={detail.data?.unit ?? current.kind === 'branch'}
              units={current.units}
              loading={detail.isFetching}
              onOpen={setItem}
            />
            <Adjustments list={detail.data?.adjustments ?? []} />
          </Card>
        </>
      )}
      <RecordsDrawer
        month={month}
        orgId={current?.orgId}
        orgName={current?.name ?? ''}
        item={item}
        onClose={() => setItem(null)}
      />
    </Space>
  );
}

/** 得分趋势: the org and its children over the last 12 months. */
function TrendView({ month, orgId }: { month: string; orgId: string }) {
  const { t } = useTranslation();
  const q = useTrend(month, orgId);
  const data = q.data;
  return (
    <div data-testid="assessment-trend">
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} role="alert" />}
      {!data && q.isPending && <Skeleton active />}
      {data &&
        ([data.org, ...data.children].every((l) => l.scores.every((s) => s == null)) ? (
          <Empty description={t('assessment.trendEmpty')} />
        ) : (
          <Suspense fallback={<Skeleton active />}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('assessment.trendHint', { org: data.org.name })}
            </Typography.Paragraph>
            <TrendChart
              trend={data}
              label={t('assessment.trendLabel', { org: data.org.name, months: data.months.length })}
              scoreLabel={t('assessment.score')}
            />
          </Suspense>
        ))}
    </div>
  );
}

/** 指标热力图: the children × the month's scored items; a click opens the child. */
function HeatView({
  month,
  orgId,
  onPick,
}: {
  month: string;
  orgId: string;
  onPick: (orgId: string) => void;
}) {
  const { t } = useTranslation();
  const q = useHeatmap(month, orgId);
  const text = useCellText();
  const data = q.data;
  return (
    <div data-testid="assessment-heatmap">
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} role="alert" />}
      {!data && q.isPending && <Skeleton active />}
      {data &&
        (!data.rows.length || !data.columns.length ? (
          <Empty description={t('assessment.heatEmpty')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('assessment.heatHint')}
            </Typography.Paragraph>
            <Suspense fallback={<Skeleton active />}>
              <HeatChart
                heatmap={data}
                label={t('assessment.heatLabel', { org: data.org.name, month })}
                text={text}
                onPick={onPick}
              />
            </Suspense>
            <HeatTable heatmap={data} text={text} />
          </>
        ))}
    </div>
  );
}

/**
 * The breadcrumb from the top of my scope down to `orgId`: the org's ancestors (GET /orgs/:id) cut
 * where my scope begins. Without them (not yet loaded, or not mine to read) it is the top and the org.
 */
function useTrail(orgId: string | undefined, top: RankedOrg | undefined): { id: string; name: string }[] {
  const org = useOrg(orgId && top && orgId !== top.orgId ? orgId : undefined);
  return useMemo(() => {
    if (!top) return [];
    if (!orgId || orgId === top.orgId) return [{ id: top.orgId, name: top.name }];
    const here = { id: orgId, name: org.data?.name ?? '' };
    const ancestors = org.data?.ancestors ?? [];
    const from = ancestors.findIndex((a) => a.id === top.orgId);
    if (from < 0) return [{ id: top.orgId, name: top.name }, ...(here.name ? [here] : [])];
    return [...ancestors.slice(from).map((a) => ({ id: a.id, name: a.name })), here];
  }, [org.data, orgId, top]);
}

/** The arrow of the change since last month, said in words too (never by colour alone). */
function TrendMark({ score, previous }: { score: number | null; previous: number | null }) {
  const { t } = useTranslation();
  const tr = trendOf(score, previous);
  if (!tr) return <Typography.Text type="secondary">{t('assessment.trendNone')}</Typography.Text>;
  const delta = points(Math.abs(tr.delta));
  if (tr.dir === 'same')
    return (
      <span data-testid="trend-same">
        <MinusOutlined aria-hidden /> {t('assessment.trendSame')}
      </span>
    );
  return tr.dir === 'up' ? (
    <Typography.Text type="success" data-testid="trend-up">
      <ArrowUpOutlined aria-hidden /> {t('assessment.trendUp', { delta })}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" data-testid="trend-down">
      <ArrowDownOutlined aria-hidden /> {t('assessment.trendDown', { delta })}
    </Typography.Text>
  );
}

/** 无任何记录的党支部: above 0 it is marked, with a warning sign and the words, not by colour alone. */
function EmptyUnits({ n }: { n: number }) {
  const { t } = useTranslation();
  if (n === 0) return <span>0</span>;
  return (
    <Tooltip title={t('assessment.unitsEmptyHint')}>
      <Tag color={WARN} icon={<WarningOutlined />} data-testid="units-empty">
        {t('assessment.unitsEmptyCount', { count: n })}
      </Tag>
    </Tooltip>
  );
}

function OrgSummary({ org }: { org: RankedOrg }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={org.name} data-testid="assessment-org">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('assessment.score')}
            value={org.score == null ? t('assessment.noScore') : points(org.score)}
            data-testid="assessment-org-score"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('assessment.rank')}
            value={org.rank == null ? t('common.none') : t('assessment.rankOf', { rank: org.rank })}
          />
        </Col>
        <Col xs={12} md={6}>
          <Typography.Text type="secondary">{t('assessment.trend')}</Typography.Text>
          <div style={{ fontSize: 18, marginTop: 4 }}>
            <TrendMark score={org.score} previous={org.previous} />
          </div>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('assessment.units')} value={org.units} data-testid="assessment-org-units" />
          {org.unitsEmpty > 0 && <EmptyUnits n={org.unitsEmpty} />}
        </Col>
      </Row>
    </Card>
  );
}

function ChildrenTable({
  rows,
  loading,
  onPick,
}: {
  rows: RankedOrg[];
  loading: boolean;
  onPick: (orgId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<RankedOrg>
      rowKey="orgId"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      title={() => t('assessment.children')}
      data-testid="assessment-children"
      onRow={(o) => ({ 'data-testid': `child-${o.orgId}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'rank',
          title: t('assessment.rank'),
          dataIndex: 'rank',
          width: 72,
          align: 'center',
          sorter: (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
          render: (v: number | null) => v ?? t('common.none'),
        },
        {
          key: 'name',
          title: t('assessment.name'),
          dataIndex: 'name',
          render: (v: string, o) => (
            <Button
              type="link"
              style={{ padding: 0 }}
              onClick={() => onPick(o.orgId)}
              data-testid="child-open"
            >
              {v}
            </Button>
          ),
        },
        {
          key: 'score',
          title: t('assessment.score'),
          dataIndex: 'score',
          align: 'end',
          sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
          render: (v: number | null) =>
            v == null ? (
              <Typography.Text type="secondary">{t('assessment.noScore')}</Typography.Text>
            ) : (
              points(v)
            ),
        },
        {
          key: 'trend',
          title: t('assessment.trend'),
          render: (_, o) => <TrendMark score={o.score} previous={o.previous} />,
        },
        { key: 'units', title: t('assessment.units'), dataIndex: 'units', align: 'end' },
        {
          key: 'unitsEmpty',
          title: t('assessment.unitsEmpty'),
          dataIndex: 'unitsEmpty',
          align: 'end',
          sorter: (a, b) => a.unitsEmpty - b.unitsEmpty,
          render: (n: number) => <EmptyUnits n={n} />,
        },
      ]}
    />
  );
}

function ItemsTable({
  items,
  unit,
  units,
  loading,
  onOpen,
}: {
  items: OrgItem[];
  /** A 党支部: points per item; above: how many 党支部 met each target. */
  unit: boolean;
  units: number;
  loading: boolean;
  onOpen: (item: { key: string; label: string }) => void;
}) {
  const { t } = useTranslation();
  const policy = ACTIVITY_WARNING[currentLang() === 'en' ? 'en' : 'zh'];
  return (
    <Table<OrgItem>
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(i) => ({ 'data-testid': `item-${i.key}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'label',
          title: t('assessment.indicator'),
          dataIndex: 'label',
          render: (v: string, i) => (
            <Button
              type="link"
              style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start', height: 'auto' }}
              onClick={() => onOpen({ key: i.key, label: i.label })}
              aria-label={`${v} · ${t('assessment.records')}`}
              data-testid="item-open"
            >
              {v}
            </Button>
          ),
        },
        {
          key: 'basis',
          title: t('assessment.basis'),
          render: (_, i) => (
            <Space size={4} wrap>
              {i.scored ? (
                <Tag color="red" data-testid="item-scored">
                  {t('assessment.scored')}
                </Tag>
              ) : (
                <Tag data-testid="item-info">{t('assessment.infoOnly')}</Tag>
              )}
              {i.basis === 'activity' &&
                (i.scored ? (
                  <Tooltip title={policy}>
                    <Tag color={WARN} icon={<WarningOutlined />}>
                      {t('assessment.activityWarn')}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag>{t('assessment.activity')}</Tag>
                ))}
            </Space>
          ),
        },
        { key: 'figure', title: t('assessment.figure'), align: 'end', render: (_, i) => figureOf(i) },
        { key: 'target', title: t('assessment.target'), align: 'end', render: (_, i) => targetOf(i) },
        {
          key: 'weight',
          title: t('assessment.weight'),
          dataIndex: 'weight',
          align: 'end',
          render: (v: number | null) => (v == null ? t('common.none') : points(v)),
        },
        unit
          ? {
              key: 'points',
              title: t('assessment.points'),
              dataIndex: 'points',
              align: 'end',
              render: (v: number | null) => (v == null ? t('common.none') : points(v)),
            }
          : {
              key: 'met',
              title: t('assessment.met'),
              dataIndex: 'met',
              align: 'end',
              render: (v: number | null, i) =>
                v == null || !i.scored ? t('common.none') : t('assessment.metOf', { met: v, units }),
            },
      ]}
    />
  );
}

function Adjustments({ list }: { list: Adjustment[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 16 }} data-testid="assessment-adjustments">
      <Typography.Title level={5}>{t('assessment.adjustments')}</Typography.Title>
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('assessment.adjustmentsEmpty')}</Typography.Text>
      ) : (
        <Table<Adjustment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list}
          columns={[
            {
              key: 'points',
              title: t('assessment.adjustPoints'),
              dataIndex: 'points',
              align: 'end',
              render: (v: number) => (
                <Typography.Text type={v < 0 ? 'danger' : 'success'}>
                  {v > 0 ? `+${points(v)}` : points(v)}
                </Typography.Text>
              ),
            },
            { key: 'reason', title: t('assessment.adjustReason'), dataIndex: 'reason' },
            { key: 'by', title: t('assessment.adjustBy'), dataIndex: 'by' },
            { key: 'at', title: t('assessment.adjustAt'), dataIndex: 'at', render: (v: string) => when(v) },
          ]}
        />
      )}
    </div>
  );
}
