import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Image,
  Input,
  Segmented,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  STATION_MONTH_STATES,
  type Station,
  type StationMonthRow,
  type StationMonthState,
  type StationSessionSummary,
} from '../../../../../contracts/learning/stations.ts';
import { errorMessage } from '../../../app/api.ts';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { currentMonth } from '../../../app/dates.ts';
import { momentOf } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { stationApi, stationKeys, useMonthly, useSession, useSessions, useStations } from './api.ts';
import { StationForm } from './StationForm.tsx';
import './i18n.ts';
import './stations.css';

const MonthChart = lazy(() => import('./MonthChart.tsx'));
const TABS = ['registry', 'sessions', 'monthly'] as const;
type TabKey = (typeof TABS)[number];
export const MONTH_COLOR: Record<StationMonthState, string> = { zero: 'red', short: 'orange', met: 'green' };

/**
 * 远程教育站点 (console): the registry with each station's managers, operators and minutes this
 * month; the sessions entered; the month view — each station's minutes against the rule, the
 * stations that played nothing first and flagged, with a chart of the orgs below.
 */
export default function StationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'registry';
  const orgId = params.get('orgId') ?? undefined;
  const set = (next: { tab?: TabKey; orgId?: string }) => {
    const p: Record<string, string> = {};
    const tb = next.tab ?? tab;
    const o = 'orgId' in next ? next.orgId : orgId;
    if (tb !== 'registry') p.tab = tb;
    if (o) p.orgId = o;
    setParams(p);
  };
  useEffect(() => {
    document.title = `${t('stations.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('stations.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('stations.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <OrgSelect
          value={orgId}
          onChange={(id) => set({ orgId: id })}
          allowClear
          placeholder={t('stations.orgFilter')}
          aria-label={t('stations.orgFilter')}
          style={{ width: '100%', maxWidth: 360 }}
          data-testid="stations-org"
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k as TabKey })}
        destroyOnHidden
        items={[
          { key: 'registry', label: t('stations.tab.registry'), children: <Registry orgId={orgId} /> },
          { key: 'sessions', label: t('stations.tab.sessions'), children: <Sessions orgId={orgId} /> },
          { key: 'monthly', label: t('stations.tab.monthly'), children: <Monthly orgId={orgId} /> },
        ]}
      />
    </Space>
  );
}

function Registry({ orgId }: { orgId?: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const list = useStations({ orgId, q: q || undefined, ...page });
  const names = (xs: { name: string }[]) => (xs.length ? xs.map((x) => x.name).join('、') : t('common.none'));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="space-between">
        <Input.Search
          allowClear
          placeholder={t('stations.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ maxWidth: 280 }}
          data-testid="stations-search"
        />
        {can(me, 'station.manage') && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="station-create">
            {t('stations.create')}
          </Button>
        )}
      </Flex>
      <Table<Station>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('stations.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="stations-list"
        columns={[
          {
            key: 'name',
            title: t('stations.field.name'),
            render: (_, s) => (
              <Flex vertical>
                <Typography.Text strong>
                  {s.name} {!s.active && <Tag>{t('stations.inactive')}</Tag>}
                </Typography.Text>
                <Typography.Text type="secondary">{s.address}</Typography.Text>
              </Flex>
            ),
          },
          { key: 'org', title: t('stations.field.org'), dataIndex: 'orgName' },
          { key: 'managers', title: t('stations.field.managers'), render: (_, s) => names(s.managers) },
          { key: 'operators', title: t('stations.field.operators'), render: (_, s) => names(s.operators) },
          {
            key: 'minutes',
            title: t('stations.field.monthMinutes'),
            render: (_, s) => t('stations.minutes', { minutes: s.monthMinutes }),
          },
          {
            key: 'act',
            title: '',
            render: (_, s) => (
              <Space>
                {s.can.operate && (
                  <Link to={`/stations/${s.id}/session`} data-testid={`station-record-${s.id}`}>
                    {t('stations.record')}
                  </Link>
                )}
                {s.can.edit && (
                  <Button size="small" onClick={() => setEditing(s)} data-testid={`station-edit-${s.id}`}>
                    {t('common.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <StationForm station={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Space>
  );
}

function Sessions({ orgId }: { orgId?: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(currentMonth());
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const list = useSessions({ orgId, month, ...page });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        aria-label={t('stations.month')}
        data-testid="sessions-month"
      />
      <Table<StationSessionSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('stations.noSessions') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        data-testid="sessions-list"
        columns={[
          { key: 'station', title: t('stations.field.station'), dataIndex: 'stationName' },
          { key: 'org', title: t('stations.field.org'), dataIndex: 'orgName' },
          {
            key: 'title',
            title: t('stations.field.title'),
            render: (_, r) =>
              r.withdrawn ? (
                <Space size={4}>
                  <Typography.Text delete type="secondary">
                    {r.title}
                  </Typography.Text>
                  <Tag color="default">{t('stations.withdrawnTag')}</Tag>
                </Space>
              ) : (
                r.title
              ),
          },
          { key: 'at', title: t('stations.field.startedAt'), render: (_, r) => momentOf(r.startedAt) },
          {
            key: 'minutes',
            title: t('stations.field.minutes'),
            render: (_, r) => t('stations.minutes', { minutes: r.minutes }),
          },
          { key: 'people', title: t('stations.field.attendees'), dataIndex: 'attendeeCount' },
          {
            key: 'by',
            title: t('stations.field.recordedBy'),
            render: (_, r) => r.recordedBy ?? t('common.none'),
          },
        ]}
      />
      {open && <SessionDrawer id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

function SessionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const s = useSession(id);
  const [withdrawing, setWithdrawing] = useState(false);
  return (
    <Drawer
      open
      size={520}
      title={s.data?.title ?? ''}
      onClose={onClose}
      destroyOnHidden
      data-testid="session-drawer"
      extra={
        s.data?.can.withdraw && (
          <Button danger onClick={() => setWithdrawing(true)} data-testid="session-withdraw">
            {t('stations.withdraw')}
          </Button>
        )
      }
    >
      {withdrawing && s.data && (
        <ReasonModal
          title={`${t('stations.withdraw')}：${s.data.title}`}
          okText={t('stations.withdraw')}
          label={t('stations.withdrawReason')}
          placeholder={t('stations.withdrawReason')}
          hint={t('stations.withdrawHint')}
          submit={(reason) => stationApi.withdraw(id, reason)}
          onClose={() => setWithdrawing(false)}
          onDone={() => {
            setWithdrawing(false);
            void qc.invalidateQueries({ queryKey: stationKeys.all });
            message.success(t('stations.withdrawnDone'));
          }}
        />
      )}
      {!s.data ? (
        <Spin />
      ) : (
        <Descriptions column={1} size="small" bordered>
          {s.data.withdrawn && (
            <Descriptions.Item label={t('stations.withdrawnTag')}>
              <Typography.Text type="danger" data-testid="session-withdrawn">
                {t('stations.withdrawnBy', {
                  by: s.data.withdrawn.by ?? t('common.none'),
                  at: momentOf(s.data.withdrawn.at),
                  reason: s.data.withdrawn.reason,
                })}
              </Typography.Text>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('stations.field.station')}>{s.data.stationName}</Descriptions.Item>
          <Descriptions.Item label={t('stations.field.startedAt')}>
            {momentOf(s.data.startedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('stations.field.minutes')}>
            {t('stations.minutes', { minutes: s.data.minutes })}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('stations.field.attendees')}（${s.data.attendeeCount}）`}>
            <Flex wrap gap={4}>
              {s.data.attendees.map((a) => (
                <Tag key={a.memberId}>{a.name}</Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('stations.field.recordedBy')}>
            {s.data.recordedBy ?? t('common.none')}
          </Descriptions.Item>
          {s.data.hasPhoto && (
            <Descriptions.Item label={t('stations.field.photo')}>
              <Image
                width={200}
                src={stationApi.photoUrl(s.data.id, 'thumb')}
                preview={{ src: stationApi.photoUrl(s.data.id, 'full') }}
              />
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Drawer>
  );
}

function Monthly({ orgId }: { orgId?: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(currentMonth());
  const [state, setState] = useState<StationMonthState | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const view = useMonthly({ orgId, month, state, ...page });
  const v = view.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={12} wrap align="center">
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => {
            if (d) setMonth(d.format('YYYY-MM'));
            setPage((p) => ({ ...p, page: 1 }));
          }}
          aria-label={t('stations.month')}
          data-testid="monthly-month"
        />
        <Segmented<StationMonthState | 'any'>
          value={state ?? 'any'}
          onChange={(x) => {
            setState(x === 'any' ? undefined : x);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'any', label: t('stations.allStates') },
            ...STATION_MONTH_STATES.map((s) => ({ value: s, label: t(`stations.monthState.${s}`) })),
          ]}
          data-testid="monthly-state"
        />
        {v && (
          <Typography.Text type="secondary">
            {t('stations.required', { minutes: v.requiredMinutes })}
          </Typography.Text>
        )}
      </Flex>
      {v && (
        <Card size="small" title={`${t('stations.chartTitle')}${v.org ? ` · ${v.org.name}` : ''}`}>
          <Typography.Paragraph data-testid="monthly-totals">
            {t('stations.totals', v.totals)}
          </Typography.Paragraph>
          {v.byOrg.length > 0 && (
            <Suspense fallback={<div style={{ height: 300 }} />}>
              <MonthChart byOrg={v.byOrg} />
            </Suspense>
          )}
        </Card>
      )}
      <Table<StationMonthRow>
        rowKey="stationId"
        size="middle"
        loading={view.isFetching}
        dataSource={v?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: view.error ? errorMessage(view.error) : t('stations.empty') }}
        rowClassName={(r) => (r.state === 'zero' ? 'hy-station-zero' : '')}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: v?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="monthly-list"
        columns={[
          { key: 'name', title: t('stations.field.station'), dataIndex: 'name' },
          { key: 'org', title: t('stations.field.org'), dataIndex: 'orgName' },
          {
            key: 'minutes',
            title: t('stations.field.minutes'),
            render: (_, r) => t('stations.minutes', { minutes: r.minutes }),
          },
          { key: 'sessions', title: t('stations.field.sessions'), dataIndex: 'sessions' },
          { key: 'attendances', title: t('stations.field.attendances'), dataIndex: 'attendances' },
          {
            key: 'state',
            title: t('stations.field.state'),
            render: (_, r) => (
              <Tag color={MONTH_COLOR[r.state]} data-testid={`monthly-state-${r.stationId}`}>
                {t(`stations.monthState.${r.state}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
