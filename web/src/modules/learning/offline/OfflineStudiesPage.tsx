import { Button, Card, Flex, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  OFFLINE_STATES,
  type OfflineBox,
  type OfflineState,
  type OfflineStudySummary,
} from '../../../../../contracts/learning/offline.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useStudies } from './api.ts';
import { STATE_COLOR } from './parts.ts';
import { StudyDrawer } from './StudyDrawer.tsx';
import { StudyForm } from './StudyForm.tsx';
import './i18n.ts';

/**
 * 线下学习: what the caller's orgs have to fix (returned first), what waits for the caller's
 * approval (oldest first), and everything in scope by state. A row opens the session's drawer,
 * where the branch fixes and submits and the superior approves or returns; a notice's link opens
 * the same drawer (?box=approve&id=…).
 */
export default function OfflineStudiesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const boxes: OfflineBox[] = [
    ...(can(me, 'offline_study.record') ? (['mine'] as const) : []),
    ...(can(me, 'offline_study.approve') ? (['approve'] as const) : []),
    'all',
  ];
  const asked = params.get('box') as OfflineBox | null;
  const box: OfflineBox = asked && boxes.includes(asked) ? asked : boxes[0];
  const orgId = params.get('orgId') ?? undefined;
  const open = params.get('id');
  const [recording, setRecording] = useState(false);
  const set = (next: { box?: OfflineBox; orgId?: string; id?: string | null }) => {
    const p: Record<string, string> = { box: next.box ?? box };
    const o = 'orgId' in next ? next.orgId : orgId;
    if (o) p.orgId = o;
    const id = 'id' in next ? next.id : open;
    if (id) p.id = id;
    setParams(p);
  };

  useEffect(() => {
    document.title = `${t('offline.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('offline.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('offline.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center" justify="space-between">
          <OrgSelect
            value={orgId}
            onChange={(id) => set({ orgId: id })}
            allowClear
            placeholder={t('offline.orgFilter')}
            aria-label={t('offline.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            data-testid="offline-org"
          />
          {can(me, 'offline_study.record') && (
            <Button type="primary" onClick={() => setRecording(true)} data-testid="offline-record">
              {t('offline.record')}
            </Button>
          )}
        </Flex>
      </Card>
      <Tabs
        activeKey={box}
        onChange={(k) => set({ box: k as OfflineBox, id: null })}
        destroyOnHidden
        items={boxes.map((b) => ({
          key: b,
          label: t(`offline.box.${b}`),
          children: <StudyList box={b} orgId={orgId} onOpen={(id) => set({ id })} />,
        }))}
      />
      {open && <StudyDrawer id={open} onClose={() => set({ id: null })} />}
      {recording && (
        <StudyForm
          orgId={orgId ?? (can(me, 'offline_study.record') ? (me.orgId ?? undefined) : undefined)}
          onClose={() => setRecording(false)}
          onSaved={(s) => {
            setRecording(false);
            set({ id: s.id });
          }}
        />
      )}
    </Space>
  );
}

function StudyList({
  box,
  orgId,
  onOpen,
}: {
  box: OfflineBox;
  orgId?: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<OfflineState | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useStudies({ box, orgId, state: box === 'all' ? state : undefined, ...page });
  const empty =
    box === 'mine'
      ? t('offline.emptyMine')
      : box === 'approve'
        ? t('offline.emptyApprove')
        : t('offline.empty');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {box === 'all' && (
        <Segmented<OfflineState | 'any'>
          value={state ?? 'any'}
          onChange={(v) => {
            setState(v === 'any' ? undefined : v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'any', label: t('offline.allStates') },
            ...OFFLINE_STATES.map((s) => ({ value: s, label: t(`offline.state.${s}`) })),
          ]}
          data-testid="offline-state-filter"
        />
      )}
      <Table<OfflineStudySummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : empty }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        onRow={(r) => ({ onDoubleClick: () => onOpen(r.id) })}
        data-testid={`offline-list-${box}`}
        columns={[
          { key: 'org', title: t('offline.field.org'), dataIndex: 'orgName' },
          {
            key: 'topic',
            title: t('offline.field.topic'),
            render: (_, r) => (
              <Flex vertical style={{ maxWidth: 320 }}>
                <Typography.Text strong>{r.topic}</Typography.Text>
                {r.state === 'returned' && r.returnReason && (
                  <Typography.Text type="danger">
                    {t('offline.returnedBecause', { reason: r.returnReason })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          { key: 'day', title: t('offline.field.studiedOn'), dataIndex: 'studiedOn' },
          {
            key: 'minutes',
            title: t('offline.field.duration'),
            render: (_, r) => t('offline.minutesOf', { minutes: r.minutes, hours: r.classHours }),
          },
          {
            key: 'people',
            title: t('offline.field.attendeeCount'),
            render: (_, r) => t('offline.people', { count: r.attendeeCount }),
          },
          {
            key: 'state',
            title: t('offline.field.state'),
            render: (_, r) => <Tag color={STATE_COLOR[r.state]}>{t(`offline.state.${r.state}`)}</Tag>,
          },
          {
            key: 'approver',
            title: t('offline.field.approver'),
            render: (_, r) => r.approverOrg?.name ?? t('common.none'),
          },
          {
            key: 'act',
            title: '',
            render: (_, r) => (
              <Button
                size="small"
                type={r.can.approve || r.can.edit ? 'primary' : 'default'}
                onClick={() => onOpen(r.id)}
                data-testid={`offline-open-${r.id}`}
              >
                {r.can.approve ? t('offline.approveOpen') : r.can.edit ? t('offline.fix') : t('offline.open')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
