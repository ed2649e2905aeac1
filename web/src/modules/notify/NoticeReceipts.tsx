import { App, Button, Card, Flex, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeReceipt, SentNotice } from '../../../../contracts/notify.ts';
import { errorMessage } from '../../app/api.ts';
import { useReceipts, useRemind, useSentNotice, useSentNotices } from './api.ts';
import './i18n.ts';
import { when } from '../../app/when.ts';

const ReadChart = lazy(() => import('./ReadChart.tsx'));

type State = 'unread' | 'read' | 'all';

/**
 * Who has read a notice and who has not, with 提醒未读. Other modules embed it on the page of the
 * thing a notice was about (an announcement, an activity): give the `source` the module sent the
 * notice with, or the notice's id. Shows nothing when no notice was sent about the source.
 */
export function NoticeReceipts(props: { source: { type: string; id: string } } | { noticeId: string }) {
  const bySource = 'source' in props;
  const found = useSentNotices(
    bySource
      ? { page: 1, pageSize: 5, sourceType: props.source.type, sourceId: props.source.id }
      : { page: 1, pageSize: 1 },
    bySource,
  );
  const id = bySource ? found.data?.items[0]?.id : props.noticeId;
  const notice = useSentNotice(id);
  if (bySource && found.data && found.data.items.length === 0) return null;
  if (!notice.data)
    return notice.isError ? (
      <Typography.Text type="danger">{errorMessage(notice.error)}</Typography.Text>
    ) : null;
  return <Receipts notice={notice.data} />;
}

function Receipts({ notice }: { notice: SentNotice }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [state, setState] = useState<State>('unread');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useReceipts(notice.id, { ...page, state: state === 'all' ? undefined : state });
  const remind = useRemind();
  const unread = notice.recipients - notice.read;

  const doRemind = () =>
    modal.confirm({
      title: t('notices.remind'),
      content: t('notices.remindConfirm', { count: unread }),
      okText: t('notices.remind'),
      onOk: () =>
        remind.mutateAsync(notice.id).then(
          (r) => message.success(t('notices.reminded', { count: r.reminded })),
          (e) => message.error(errorMessage(e)),
        ),
    });

  const remindButton = (
    <Button
      type="primary"
      onClick={doRemind}
      disabled={!notice.can.remind || !!notice.remindAfter}
      loading={remind.isPending}
      data-testid="notice-remind"
    >
      {t('notices.remind')}
    </Button>
  );

  return (
    <Card title={t('notices.receipts')} data-testid="notice-receipts">
      <Flex gap={24} wrap align="center" style={{ marginBottom: 16 }}>
        <Suspense fallback={<div style={{ width: 140, height: 140 }} />}>
          <ReadChart read={notice.read} recipients={notice.recipients} />
        </Suspense>
        <Space orientation="vertical" size={4}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="notice-read-of">
            {t('notices.readOf', { read: notice.read, total: notice.recipients })}
          </Typography.Text>
          {notice.lastRemindedAt && (
            <Typography.Text type="secondary">
              {t('notices.lastReminded', { time: when(notice.lastRemindedAt) })}
            </Typography.Text>
          )}
          {notice.remindAfter ? (
            <Tooltip title={t('notices.remindAfter', { time: when(notice.remindAfter) })}>
              {remindButton}
            </Tooltip>
          ) : unread === 0 ? (
            <Typography.Text type="secondary">{t('notices.nothingToRemind')}</Typography.Text>
          ) : (
            notice.can.remind && remindButton
          )}
          {notice.remindAfter && (
            <Typography.Text type="secondary" data-testid="notice-remind-after">
              {t('notices.remindAfter', { time: when(notice.remindAfter) })}
            </Typography.Text>
          )}
        </Space>
      </Flex>
      <Segmented<State>
        value={state}
        onChange={(v) => {
          setState(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={[
          { value: 'unread', label: `${t('notices.unread')} ${unread}` },
          { value: 'read', label: `${t('notices.read')} ${notice.read}` },
          { value: 'all', label: `${t('notices.recipients')} ${notice.recipients}` },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="receipts-filter"
      />
      <Table<NoticeReceipt>
        rowKey="memberId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 560 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('notices.name'), dataIndex: 'name', width: 120 },
          { title: t('notices.memberOrg'), dataIndex: 'orgName', ellipsis: true },
          {
            title: t('notices.state'),
            key: 'state',
            width: 150,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.readAt ? (
                  <Tag color="green">{t('notices.read')}</Tag>
                ) : (
                  <Tag color="red">{t('notices.unread')}</Tag>
                )}
                {!r.hasAccount && (
                  <Tooltip title={t('notices.noAccountHint')}>
                    <Tag>{t('notices.noAccount')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t('notices.readAt'),
            dataIndex: 'readAt',
            width: 150,
            render: (v: string | null) => when(v) || '—',
          },
          { title: t('notices.remindCount'), dataIndex: 'remindCount', width: 90, align: 'right' },
        ]}
        data-testid="receipts-table"
      />
    </Card>
  );
}

export default NoticeReceipts;
