import { Button, Flex, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { MyNotice, SentNotice } from '../../../../contracts/notify.ts';
import { errorMessage, isApiError } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { StatusPage } from '../../app/pages/StatusPage.tsx';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { type SentQuery, useMyNotices, useNoticeKinds, useReadNotice, useSentNotices } from './api.ts';
import './i18n.ts';
import { SendNoticeDrawer } from './SendNoticeDrawer.tsx';
import { when } from '../../app/when.ts';

/** 通知中心: the notices sent in one's scope with their read rates, and the notices one received. */
export default function NoticesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const canView = can(me, 'notice.view');
  const tab = params.get('tab') === 'received' || !canView ? 'received' : 'sent';

  useEffect(() => {
    document.title = `${t('notices.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('notices.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'sent' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          ...(canView ? [{ key: 'sent', label: t('notices.sent'), children: <Sent /> }] : []),
          { key: 'received', label: t('notices.received'), children: <Received /> },
        ]}
      />
    </Space>
  );
}

function Sent() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [q, setQ] = useState<SentQuery>({ page: 1, pageSize: 20 });
  const [sending, setSending] = useState(false);
  const list = useSentNotices(q);
  const kinds = useNoticeKinds();
  const set = (patch: Partial<SentQuery>) => setQ((x) => ({ ...x, page: 1, ...patch }));

  if (isApiError(list.error, 403))
    return (
      <StatusPage embedded code="403" title={t('status.forbiddenTitle')} description={list.error.message} />
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <OrgSelect
            value={q.orgId ?? null}
            onChange={(id) => set({ orgId: id })}
            placeholder={t('notices.allOrgs')}
            allowClear
            style={{ width: 260 }}
            data-testid="notices-org"
          />
          <Select
            value={q.kind}
            onChange={(kind) => set({ kind })}
            allowClear
            placeholder={t('notices.allKinds')}
            style={{ width: 180 }}
            options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: k.label }))}
            data-testid="notices-kind"
          />
        </Flex>
        {can(me, 'notice.send') && (
          <Button type="primary" onClick={() => setSending(true)} data-testid="notice-send-open">
            {t('notices.send')}
          </Button>
        )}
      </Flex>
      {list.isError && <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>}
      <Table<SentNotice>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setQ((x) => ({ ...x, page, pageSize })),
        }}
        columns={[
          {
            title: t('notices.form.title'),
            dataIndex: 'title',
            render: (v: string, n) => (
              <Link to={`/notices/${n.id}`} data-testid={`sent-notice-${n.id}`}>
                {v}
              </Link>
            ),
          },
          {
            title: t('notices.kind'),
            dataIndex: 'kindLabel',
            width: 120,
            render: (v: string) => <Tag>{v}</Tag>,
          },
          { title: t('notices.org'), dataIndex: 'orgName', width: 220, ellipsis: true },
          { title: t('notices.sentAt'), dataIndex: 'sentAt', width: 150, render: (v: string) => when(v) },
          { title: t('notices.recipients'), dataIndex: 'recipients', width: 90, align: 'right' },
          {
            title: t('notices.readRate'),
            key: 'rate',
            width: 180,
            render: (_: unknown, n) =>
              n.readRate === null ? (
                t('notices.noRate')
              ) : (
                <Progress
                  percent={n.readRate}
                  size="small"
                  format={() => `${n.read}/${n.recipients}`}
                  status={n.readRate === 100 ? 'success' : 'normal'}
                  strokeColor={n.readRate === 100 ? undefined : '#c8161d'}
                />
              ),
          },
        ]}
        data-testid="sent-notices"
      />
      {sending && (
        <SendNoticeDrawer
          onClose={() => setSending(false)}
          onSent={(n) => {
            setSending(false);
            navigate(`/notices/${n.id}`);
          }}
        />
      )}
    </Space>
  );
}

function Received() {
  const { t } = useTranslation();
  const [q, setQ] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const list = useMyNotices({ ...q, unreadFirst: true });
  return (
    <>
      <Table<MyNotice>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 700 }}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setQ({ page, pageSize }),
        }}
        onRow={(n) => ({ onClick: () => setOpen(n.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('notices.form.title'),
            dataIndex: 'title',
            render: (v: string, n) => (
              <Space size={6}>
                {!n.readAt && <Tag color="red">{t('notices.unread')}</Tag>}
                <Typography.Text strong={!n.readAt}>{v}</Typography.Text>
              </Space>
            ),
          },
          { title: t('notices.kind'), dataIndex: 'kindLabel', width: 120 },
          { title: t('notices.org'), dataIndex: 'orgName', width: 220, ellipsis: true },
          { title: t('notices.sentAt'), dataIndex: 'sentAt', width: 150, render: (v: string) => when(v) },
        ]}
        locale={{ emptyText: t('notices.empty') }}
        data-testid="received-notices"
      />
      {open && <OpenNotice id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** One of my notices, opened (which marks it read). */
function OpenNotice({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const n = useReadNotice(id);
  return (
    <Modal
      open
      title={n.data?.title ?? t('notices.detail')}
      onCancel={onClose}
      footer={
        n.data?.link ? (
          <Button type="primary" onClick={() => navigate(n.data!.link!)}>
            {t('notices.openLink')}
          </Button>
        ) : null
      }
      loading={n.isPending}
    >
      {n.isError && <Typography.Text type="danger">{errorMessage(n.error)}</Typography.Text>}
      {n.data && (
        <Space orientation="vertical">
          <Typography.Text type="secondary">
            {n.data.kindLabel} · {t('notices.from', { org: n.data.orgName })} · {when(n.data.sentAt)}
          </Typography.Text>
          {n.data.body && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.data.body}</Typography.Paragraph>
          )}
        </Space>
      )}
    </Modal>
  );
}
