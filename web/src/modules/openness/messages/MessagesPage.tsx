import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Message, MessageCounts, MessageFilter } from '../../../../../contracts/openness/messages.ts';
import { MESSAGE_FILTERS } from '../../../../../contracts/openness/messages.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { OrgCounts } from '../../../app/OrgCounts.tsx';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { messageApi, messageKeys, useCounts, useInbox, useOverdue, useThread } from './api.ts';
import './i18n.ts';
import { dayOf, momentOf } from '../../../app/when.ts';

const STATUS_COLOR: Record<Message['status'], string> = {
  open: 'orange',
  answered: 'green',
  closed: 'default',
};

/** 留言办理: the inbox of the orgs one answers for, and (for the org above) overdue messages and counts. */
export default function MessagesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'oversight' ? 'oversight' : 'inbox';
  const [open, setOpen] = useState<string | null>(null);
  // a notice of a new message opens it here (/messages?id=42)
  const linked = params.get('id');
  useEffect(() => {
    if (linked) setOpen(linked);
  }, [linked]);
  const close = () => {
    setOpen(null);
    if (linked) setParams(tab === 'inbox' ? {} : { tab });
  };

  useEffect(() => {
    document.title = `${t('messages.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('messages.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('messages.hint')}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'inbox' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          { key: 'inbox', label: t('messages.inbox'), children: <Inbox onOpen={setOpen} /> },
          ...(can(me, 'message.oversee')
            ? [{ key: 'oversight', label: t('messages.oversight'), children: <Oversight onOpen={setOpen} /> }]
            : []),
        ]}
      />
      {open && <ThreadDrawer id={open} onClose={close} />}
    </Space>
  );
}

/** How a message stands, in words and colour: overdue first, then in time or late once answered. */
function StateTags({ m }: { m: Message }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      <Tag color={STATUS_COLOR[m.status]}>{t(`messages.status.${m.status}`)}</Tag>
      {m.overdue && (
        <Tag color="red" data-testid={`message-overdue-${m.id}`}>
          {t('messages.overdueDays', { count: m.daysOverdue })}
        </Tag>
      )}
      {m.answeredInTime === true && <Tag color="green">{t('messages.inTime')}</Tag>}
      {m.answeredInTime === false && <Tag color="volcano">{t('messages.late')}</Tag>}
    </Flex>
  );
}

function useColumns(onOpen: (id: string) => void, withOverdue = false) {
  const { t } = useTranslation();
  return [
    {
      key: 'created',
      title: t('messages.field.createdAt'),
      render: (_: unknown, m: Message) => momentOf(m.createdAt),
    },
    { key: 'org', title: t('messages.field.org'), dataIndex: 'orgName' },
    {
      key: 'author',
      title: t('messages.field.author'),
      render: (_: unknown, m: Message) => (
        <Flex vertical>
          <span>
            {m.authorName} <Tag>{t(`messages.authorKind.${m.authorKind}`)}</Tag>
          </span>
          {m.phone && <Typography.Text type="secondary">{m.phone}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'body',
      title: t('messages.field.body'),
      // plain text, shown as text: nothing in it is ever markup
      render: (_: unknown, m: Message) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 360 }}>
          {m.body}
        </Typography.Paragraph>
      ),
    },
    { key: 'due', title: t('messages.field.dueAt'), render: (_: unknown, m: Message) => dayOf(m.dueAt) },
    ...(withOverdue
      ? [
          {
            key: 'days',
            title: t('messages.field.daysOverdue'),
            render: (_: unknown, m: Message) => (
              <Typography.Text type="danger">{m.daysOverdue}</Typography.Text>
            ),
          },
        ]
      : []),
    {
      key: 'status',
      title: t('messages.field.status'),
      render: (_: unknown, m: Message) => <StateTags m={m} />,
    },
    {
      key: 'act',
      title: t('common.actions'),
      render: (_: unknown, m: Message) => (
        <Button size="small" onClick={() => onOpen(m.id)} data-testid={`message-open-${m.id}`}>
          {t('messages.view')}
        </Button>
      ),
    },
  ];
}

function Inbox({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<{ orgId?: string; filter?: MessageFilter }>({ filter: 'waiting' });
  const [page, setPage] = useState(1);
  const list = useInbox({ ...filter, page, pageSize: 20 });
  const columns = useColumns(onOpen);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex gap={8} wrap>
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => {
              setFilter((f) => ({ ...f, orgId }));
              setPage(1);
            }}
            allowClear
            placeholder={t('messages.field.org')}
            aria-label={t('messages.field.org')}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
          />
          <Select
            value={filter.filter ?? 'all'}
            onChange={(v: MessageFilter | 'all') => {
              setFilter((f) => ({ ...f, filter: v === 'all' ? undefined : v }));
              setPage(1);
            }}
            aria-label={t('messages.field.status')}
            options={[
              { value: 'all', label: t('messages.all') },
              ...MESSAGE_FILTERS.map((f) => ({ value: f, label: t(`messages.filter.${f}`) })),
            ]}
            style={{ width: 160 }}
            data-testid="messages-filter"
          />
        </Flex>
      </Card>
      <Table<Message>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('messages.empty') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        rowClassName={(m) => (m.overdue ? 'hy-row-attention' : '')}
        data-testid="messages-table"
        columns={columns}
      />
    </Space>
  );
}

function Oversight({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [page, setPage] = useState(1);
  const counts = useCounts({ orgId, month }, true);
  const overdue = useOverdue({ orgId, page, pageSize: 20 }, true);
  const columns = useColumns(onOpen, true);
  const rate = (c: MessageCounts) =>
    c.received ? `${((c.answeredInTime / c.received) * 100).toFixed(1)}%` : '—';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex gap={8} wrap>
          <OrgSelect
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
            allowClear
            placeholder={t('messages.field.org')}
            aria-label={t('messages.field.org')}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
            data-testid="messages-oversight-org"
          />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            aria-label={t('messages.month')}
            data-testid="messages-month"
          />
        </Flex>
      </Card>
      <OrgCounts
        title={
          <span>
            {t('messages.counts')} · {counts.data?.total.orgName ?? ''}
          </span>
        }
        testId="messages-counts"
        total={counts.data?.total}
        counts={[
          { key: 'received', title: t('messages.received'), value: (c) => c.received },
          { key: 'answered', title: t('messages.answered'), value: (c) => c.answered },
          { key: 'inTime', title: t('messages.answeredInTime'), value: (c) => c.answeredInTime },
          { key: 'rate', title: t('messages.inTimeRate'), value: rate },
          { key: 'overdue', title: t('messages.overdueNow'), value: (c) => c.overdue, alarm: true },
        ]}
        orgTitle={t('messages.field.org')}
        rows={counts.data?.children ?? []}
        hint={t('messages.countsHint')}
        bars={{
          rows: (counts.data?.children ?? []).filter((c) => c.received > 0),
          // the worst in-time rate first
          order: (a, b) =>
            a.answeredInTime / a.received - b.answeredInTime / b.received || b.received - a.received,
          parts: [
            { name: t('messages.inTime'), color: '#389e0d', value: (c) => c.answeredInTime },
            { name: t('messages.late'), color: '#fa8c16', value: (c) => c.answered - c.answeredInTime },
            { name: t('messages.unanswered'), color: '#cf1322', value: (c) => c.received - c.answered },
          ],
          label: t('messages.chartLabel'),
          testId: 'messages-chart',
        }}
        error={counts.error}
        loading={counts.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        tableTestId="messages-counts-table"
      />
      <Card size="small" title={t('messages.overdueList')}>
        <Table<Message>
          rowKey="id"
          size="middle"
          loading={overdue.isFetching}
          dataSource={overdue.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: overdue.error ? errorMessage(overdue.error) : t('messages.noOverdue') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: overdue.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
          data-testid="messages-overdue-table"
          columns={columns}
        />
      </Card>
    </Space>
  );
}

/** One message and its thread; the reply box and 办结 for whoever answers for its org. */
function ThreadDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const thread = useThread(id);
  const [body, setBody] = useState('');
  const [closing, setClosing] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: messageKeys.all });
  const reply = useMutation({
    mutationFn: () => messageApi.reply(id, body),
    onSuccess: (m) => {
      queryClient.setQueryData(messageKeys.thread(id), m);
      setBody('');
      message.success(t('messages.sent'));
      refresh();
    },
    onError: (e) => void message.error({ content: errorMessage(e), duration: 6 }),
  });
  const m = thread.data;
  return (
    <Drawer
      open
      size={Math.min(640, typeof window === 'undefined' ? 640 : window.innerWidth)}
      title={t('messages.thread')}
      onClose={onClose}
      destroyOnHidden
      data-testid="message-thread"
    >
      {thread.error && <Typography.Text type="danger">{errorMessage(thread.error)}</Typography.Text>}
      {m && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Flex vertical gap={4}>
            <Typography.Text strong>
              {m.authorName} <Tag>{t(`messages.authorKind.${m.authorKind}`)}</Tag>
              {m.phone && <Typography.Text type="secondary">{m.phone}</Typography.Text>}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('messages.field.org')}：{m.orgName} · {momentOf(m.createdAt)} · {t('messages.field.dueAt')}：
              {dayOf(m.dueAt)}
            </Typography.Text>
            <StateTags m={m} />
          </Flex>
          <Card size="small">
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              data-testid="message-body"
            >
              {m.body}
            </Typography.Paragraph>
          </Card>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('messages.replies')}
          </Typography.Title>
          {m.replies.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messages.noReplies')} />
          ) : (
            m.replies.map((r) => (
              <Card
                key={r.id}
                size="small"
                type={r.byKind === 'org' ? 'inner' : undefined}
                title={
                  <span>
                    {r.byKind === 'org'
                      ? t('messages.byOrg', { name: r.byName })
                      : t('messages.byAuthor', { name: r.byName })}{' '}
                    <Typography.Text type="secondary">{momentOf(r.createdAt)}</Typography.Text>
                  </span>
                }
                data-testid="message-reply"
              >
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {r.body}
                </Typography.Paragraph>
              </Card>
            ))
          )}
          {m.status === 'closed' && m.closeReason && (
            <Typography.Text type="secondary">
              {t('messages.closedBecause', { reason: m.closeReason })}
            </Typography.Text>
          )}
          {m.can.reply && (
            <Flex vertical gap={8}>
              <label htmlFor="message-reply-box">
                <Typography.Text strong>{t('messages.replyLabel')}</Typography.Text>
              </label>
              <Input.TextArea
                id="message-reply-box"
                rows={4}
                maxLength={2000}
                showCount
                value={body}
                onChange={(e) => setBody(e.target.value)}
                placeholder={t('messages.replyPlaceholder')}
                data-testid="message-reply-box"
              />
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  disabled={!body.trim()}
                  loading={reply.isPending}
                  onClick={() => reply.mutate()}
                  data-testid="message-reply-send"
                >
                  {t('messages.send')}
                </Button>
                {m.can.close && (
                  <Button onClick={() => setClosing(true)} data-testid="message-close">
                    {t('messages.close')}
                  </Button>
                )}
              </Flex>
            </Flex>
          )}
        </Space>
      )}
      {closing && (
        <ReasonModal
          title={t('messages.closeTitle')}
          okText={t('messages.close')}
          label={t('messages.closeReason')}
          placeholder={t('messages.closeReason')}
          submit={(reason) => messageApi.close(id, reason)}
          onClose={() => setClosing(false)}
          onDone={() => {
            setClosing(false);
            message.success(t('messages.closed'));
            refresh();
          }}
        />
      )}
    </Drawer>
  );
}
