import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { type QualityRowT, useQuality } from './api.ts';
import { barsOf, RATES, type Rate } from './qualityRates.ts';
import './i18n.ts';
import '../members.css';

// ECharts comes with the chart, only when there is something to chart.
const QualityChart = lazy(() => import('./QualityChart.tsx'));

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The records behind a rate of `orgId`'s subtree in the report's period (QualityGapsPage). */
export function gapsLink(orgId: string, rate: Rate, period: { from: string; to: string }) {
  const p = new URLSearchParams({ orgId, rate, from: period.from, to: period.to });
  return `/members/quality/gaps?${p}`;
}

/** Record quality (档案质量) of an org and each of its subordinates: big numbers, a chart, a table. */
export default function QualityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = {
    orgId: params.get('orgId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    rate: params.get('rate') ?? undefined,
  };
  const rate: Rate = RATES.find((k) => k === query.rate) ?? 'completenessRate';
  const report = useQuality({ orgId: query.orgId, from: query.from, to: query.to });

  useEffect(() => {
    document.title = `${t('quality.title')} · ${t('app.title')}`;
  }, [t]);

  const set = (patch: Partial<typeof query>) => {
    const next = { ...query, ...patch };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    setParams(p);
  };

  const r = report.data;
  const bars = useMemo(() => (r ? barsOf(r.children, rate) : []), [r, rate]);
  const empty = r ? r.children.length - bars.length : 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('quality.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('quality.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <OrgSelect
            value={query.orgId}
            onChange={(orgId) => set({ orgId })}
            allowClear
            placeholder={t('quality.org')}
            aria-label={t('quality.org')}
            style={{ flex: '1 1 260px', maxWidth: 380 }}
            data-testid="quality-org"
          />
          <DatePicker.RangePicker
            value={r ? [dayjs(r.from), dayjs(r.to)] : null}
            onChange={(v) =>
              set({
                from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
            aria-label={t('quality.range')}
            allowClear={false}
          />
        </Flex>
      </Card>
      {report.error && <Alert type="error" showIcon title={errorMessage(report.error)} role="alert" />}
      {!r && report.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {r && (
        <>
          <Card
            size="small"
            title={r.total.orgName}
            extra={
              <Typography.Text type="secondary">
                {t('quality.period', { from: r.from, to: r.to })}
              </Typography.Text>
            }
            data-testid="quality-total"
          >
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8} xl={4}>
                <Statistic className="hy-stat-card" title={t('quality.members')} value={r.total.members} />
              </Col>
              {RATES.map((k) => (
                <Col key={k} xs={12} md={8} xl={5}>
                  <Statistic
                    className="hy-stat-card"
                    title={t(`quality.${k}`)}
                    value={(r.total[k] * 100).toFixed(1)}
                    suffix="%"
                  />
                  {r.total.members > 0 && r.total[k] < 1 && (
                    <Link to={gapsLink(r.total.orgId, k, r)} data-testid={`quality-gaps-total-${k}`}>
                      {t('quality.listGaps')}
                    </Link>
                  )}
                </Col>
              ))}
            </Row>
          </Card>
          <Card size="small" title={t('quality.chart')}>
            {/* one rate at a time: four bars an org made a hundred orgs unreadable */}
            <Segmented<Rate>
              value={rate}
              onChange={(k) => set({ rate: k })}
              options={RATES.map((k) => ({ value: k, label: t(`quality.${k}`) }))}
              style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }}
              data-testid="quality-rate"
            />
            {r.children.length === 0 ? (
              <Empty description={t('quality.noChildren')} />
            ) : bars.length === 0 ? (
              <Empty description={t('quality.noMembersBelow')} />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('quality.chartHint')}
                  {empty > 0 && ` ${t('quality.leftOut', { count: empty })}`}
                </Typography.Paragraph>
                <QualityChart
                  bars={bars}
                  rateLabel={t(`quality.${rate}`)}
                  onPick={(orgId) => navigate(gapsLink(orgId, rate, r))}
                />
              </Suspense>
            )}
          </Card>
          <Table<QualityRowT>
            rowKey="orgId"
            size="middle"
            loading={report.isFetching}
            dataSource={r.children}
            pagination={r.children.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 'max-content' }}
            title={() => t('quality.children')}
            data-testid="quality-table"
            columns={[
              {
                key: 'org',
                title: t('quality.org'),
                dataIndex: 'orgName',
                fixed: 'start',
                render: (v: string, row) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => set({ orgId: row.orgId })}>
                    {v}
                  </Button>
                ),
              },
              {
                key: 'members',
                title: t('quality.members'),
                dataIndex: 'members',
                align: 'end',
                sorter: (a, b) => a.members - b.members,
                render: (n: number) => (n === 0 ? t('quality.noMembers') : n),
              },
              ...RATES.map((k) => ({
                key: k,
                title: t(`quality.${k}`),
                align: 'end' as const,
                sorter: (a: QualityRowT, b: QualityRowT) => a[k] - b[k],
                // a rate of nobody is no rate: say so instead of "0.0 %"; below 100 % it opens the records behind it
                render: (_: unknown, row: QualityRowT) =>
                  row.members === 0 ? (
                    <Typography.Text type="secondary">{t('quality.noMembers')}</Typography.Text>
                  ) : row[k] < 1 ? (
                    <Link to={gapsLink(row.orgId, k, r)} data-testid={`quality-gaps-${row.orgId}-${k}`}>
                      {pct(row[k])}
                    </Link>
                  ) : (
                    pct(row[k])
                  ),
              })),
            ]}
          />
        </>
      )}
    </Space>
  );
}
