import {
  Button,
  Calendar,
  Card,
  DatePicker,
  Flex,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ActivityKind, ActivitySummary } from '../../../../../contracts/life/activities.ts';
import { ACTIVITY_KINDS } from '../../../../../contracts/life/activities.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { currentMonth } from '../../../app/dates.ts';
import { dayOf, momentOf } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useActivities } from './api.ts';
import { PlanDrawer } from './PlanDrawer.tsx';
import { rateText, StatusTag } from './parts.tsx';
import './i18n.ts';

/**
 * 组织生活: the activities of a branch (or of every branch in scope), as a list or a month's
 * calendar, with attendance; 计划活动 opens the plan form.
 */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const kind = (params.get('kind') as ActivityKind | null) ?? undefined;
  const month = params.get('month') ?? currentMonth();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const [page, setPage] = useState(1);
  const [planning, setPlanning] = useState(false);
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v);
      else p.delete(k);
    setParams(p);
    setPage(1);
  };
  const list = useActivities({
    orgId,
    kind,
    month,
    page: view === 'calendar' ? 1 : page,
    pageSize: view === 'calendar' ? 200 : 20,
  });

  useEffect(() => {
    document.title = `${t('activities.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ flex: '1 1 400px' }}>
          <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
            {t('activities.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('activities.hint')}</Typography.Text>
        </div>
        {can(me, 'activity.manage') && (
          <Button type="primary" onClick={() => setPlanning(true)} data-testid="activity-plan-open">
            {t('activities.plan')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={orgId}
            onChange={(id) => set({ orgId: id })}
            allowClear
            placeholder={t('activities.orgFilter')}
            aria-label={t('activities.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            data-testid="activities-org"
          />
          <Select
            allowClear
            value={kind}
            placeholder={t('activities.kindFilter')}
            aria-label={t('activities.kindFilter')}
            style={{ width: 160 }}
            onChange={(k) => set({ kind: k })}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
          />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
            aria-label={t('activities.monthFilter')}
          />
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'calendar' ? 'calendar' : undefined })}
            options={[
              { value: 'list', label: t('activities.list') },
              { value: 'calendar', label: t('activities.calendar') },
            ]}
          />
        </Flex>
      </Card>
      {view === 'list' ? (
        <Table<ActivitySummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('activities.empty') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          onRow={(a) => ({ onClick: () => navigate(`/activities/${a.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('activities.field.time'),
              key: 'time',
              width: 160,
              render: (_, a) => momentOf(a.startsAt),
            },
            {
              title: t('activities.field.kind'),
              key: 'kind',
              width: 120,
              render: (_, a) => t(`activities.kind.${a.kind}`),
            },
            {
              title: t('activities.field.topic'),
              key: 'topic',
              render: (_, a) => (
                <Link to={`/activities/${a.id}`} data-testid={`activity-row-${a.id}`}>
                  {a.topic}
                </Link>
              ),
            },
            { title: t('activities.field.org'), dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: t('activities.field.place'), dataIndex: 'place', width: 140, ellipsis: true },
            {
              title: t('activities.field.attendance'),
              key: 'att',
              width: 130,
              render: (_, a) =>
                `${a.attendance.present}/${a.attendance.expected} · ${rateText(a.attendance.rate)}`,
            },
            {
              title: t('activities.field.status'),
              key: 'status',
              width: 90,
              render: (_, a) => <StatusTag status={a.status} />,
            },
          ]}
        />
      ) : (
        <Card size="small">
          <Calendar
            value={dayjs(`${month}-01`)}
            headerRender={() => null}
            onSelect={(d: Dayjs, info) => {
              if (info.source === 'month') set({ month: d.format('YYYY-MM') });
            }}
            cellRender={(d: Dayjs, info) => {
              if (info.type !== 'date') return info.originNode;
              const day = d.format('YYYY-MM-DD');
              const items = (list.data?.items ?? []).filter((a) => dayOf(a.startsAt) === day);
              return (
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  {items.map((a) => (
                    <Link key={a.id} to={`/activities/${a.id}`} title={`${a.orgName} · ${a.topic}`}>
                      <Tag
                        color={a.status === 'held' ? 'green' : a.status === 'cancelled' ? 'default' : 'red'}
                        style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}
                      >
                        {t(`activities.kind.${a.kind}`)}
                      </Tag>
                    </Link>
                  ))}
                </Space>
              );
            }}
          />
        </Card>
      )}
      {planning && <PlanDrawer orgId={orgId ?? me.orgId ?? undefined} onClose={() => setPlanning(false)} />}
    </Space>
  );
}
