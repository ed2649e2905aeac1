import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { type QualityRowT, useQuality } from './api.ts';
import { RATES } from './qualityRates.ts';
import './i18n.ts';
import '../members.css';

// ECharts comes with the chart, only when there is something to chart.
const QualityChart = lazy(() => import('./QualityChart.tsx'));

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Record quality (档案质量) of an org and each of its subordinates: big numbers, a chart, a table. */
export default function QualityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = {
    orgId: params.get('orgId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const report = useQuality(query);

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
                </Col>
              ))}
            </Row>
          </Card>
          <Card size="small" title={t('quality.chart')}>
            {r.children.length === 0 ? (
              <Empty description={t('quality.noChildren')} />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <QualityChart rows={r.children} />
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
              },
              ...RATES.map((k) => ({
                key: k,
                title: t(`quality.${k}`),
                align: 'end' as const,
                sorter: (a: QualityRowT, b: QualityRowT) => a[k] - b[k],
                render: (_: unknown, row: QualityRowT) => pct(row[k]),
              })),
            ]}
          />
        </>
      )}
    </Space>
  );
}
