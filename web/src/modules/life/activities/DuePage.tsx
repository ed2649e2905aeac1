import { Card, Checkbox, DatePicker, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { BranchDue, KindDue, MonthlyRow } from '../../../../../contracts/life/activities.ts';
import { ACTIVITY_KINDS } from '../../../../../contracts/life/activities.ts';
import { currentMonth } from '../../../app/dates.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useDue, useMonthly } from './api.ts';
import { rateText } from './parts.tsx';
import './i18n.ts';

const DueChart = lazy(() => import('./DueChart.tsx'));

/**
 * 应开展与逾期 (for a town admin): each branch in scope, each kind the department requires, held
 * this period or still due, and the last period missed; a chart of the same; then the month's
 * counts per org below (activities held per kind, attendance).
 */
export default function DuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const due = useDue({ orgId, overdue: onlyOverdue ? 'true' : undefined, page, pageSize: 20 });

  useEffect(() => {
    document.title = `${t('activities.due.title')} · ${t('app.title')}`;
  }, [t]);

  const kindCell = (k: KindDue | undefined) => {
    if (!k) return <Typography.Text type="secondary">{t('activities.due.notRequired')}</Typography.Text>;
    return (
      <Space orientation="vertical" size={2}>
        {k.heldThisPeriod > 0 ? (
          <Tag color="green">{t('activities.due.met', { count: k.heldThisPeriod })}</Tag>
        ) : (
          <Tag color="orange">{t('activities.due.dueBy', { date: k.dueBy })}</Tag>
        )}
        {k.overduePeriod && (
          <Tooltip title={k.lastHeldOn ? t('activities.due.lastHeld', { date: k.lastHeldOn }) : undefined}>
            <Tag color="red" data-testid="due-overdue">
              {t('activities.due.overdue', { period: k.overduePeriod })}
            </Tag>
          </Tooltip>
        )}
      </Space>
    );
  };
  const kinds = ACTIVITY_KINDS.filter((k) => due.data?.summary.some((s) => s.kind === k));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('activities.due.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('activities.due.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={orgId}
            onChange={(id) => {
              setParams(id ? { orgId: id } : {});
              setPage(1);
            }}
            allowClear
            placeholder={t('activities.orgFilter')}
            aria-label={t('activities.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
          />
          <Checkbox
            checked={onlyOverdue}
            onChange={(e) => {
              setOnlyOverdue(e.target.checked);
              setPage(1);
            }}
          >
            {t('activities.due.onlyOverdue')}
          </Checkbox>
          {due.data && (
            <Typography.Text type="secondary" data-testid="due-count">
              {t('activities.due.branches', { count: due.data.branches, today: due.data.today })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {due.data && due.data.summary.length > 0 && (
        <Card size="small" title={t('activities.due.chartTitle')}>
          <Suspense fallback={<div style={{ height: 280 }} />}>
            <DueChart summary={due.data.summary} />
          </Suspense>
        </Card>
      )}
      <Table<BranchDue>
        rowKey="orgId"
        size="small"
        loading={due.isFetching}
        dataSource={due.data?.items}
        scroll={{ x: 200 + kinds.length * 150 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: due.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('activities.due.branch'),
            key: 'org',
            fixed: 'left',
            width: 200,
            render: (_, b) => <Link to={`/activities?orgId=${b.orgId}`}>{b.orgName}</Link>,
          },
          ...kinds.map((k) => ({
            title: t(`activities.kind.${k}`),
            key: k,
            width: 150,
            render: (_: unknown, b: BranchDue) => kindCell(b.kinds.find((x) => x.kind === k)),
          })),
        ]}
      />
      <Monthly orgId={orgId} />
    </Space>
  );
}

function Monthly({ orgId }: { orgId?: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(currentMonth());
  const q = useMonthly({ orgId, month });
  const rows = q.data
    ? [...q.data.items, { ...q.data.total, orgId: 'total', orgName: t('activities.monthly.total') }]
    : [];
  return (
    <Card
      size="small"
      title={t('activities.monthly.title')}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          aria-label={t('activities.monthly.month')}
        />
      }
    >
      <Table<MonthlyRow>
        rowKey="orgId"
        size="small"
        loading={q.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('activities.monthly.org'), dataIndex: 'orgName', width: 200, fixed: 'left' },
          ...ACTIVITY_KINDS.map((k) => ({
            title: t(`activities.kind.${k}`),
            key: k,
            width: 90,
            render: (_: unknown, r: MonthlyRow) => r.held[k] ?? 0,
          })),
          { title: t('activities.monthly.held'), dataIndex: 'heldTotal', width: 90 },
          {
            title: t('activities.field.attendance'),
            key: 'rate',
            width: 120,
            render: (_, r) => `${r.present}/${r.expected} · ${rateText(r.rate)}`,
          },
        ]}
      />
    </Card>
  );
}
