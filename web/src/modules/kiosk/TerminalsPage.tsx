import {
  App,
  Badge,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command, Terminal, TerminalCode } from '../../../../contracts/kiosk/terminals.ts';
import { errorMessage } from '../../app/api.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import {
  useCommands,
  useCreateTerminal,
  useReissueCode,
  useRevoke,
  useSendCommand,
  useTerminals,
} from './api.ts';
import './i18n.ts';

const when = (s: string | null) => (s ? new Date(s).toLocaleString('zh-CN', { hour12: false }) : null);

/** 触摸屏终端 (console): the terminals of the caller's subtree, online or not, and their commands. */
export default function TerminalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useTerminals({ orgId, ...page });
  const [creating, setCreating] = useState(false);
  const [code, setCode] = useState<TerminalCode | null>(null);
  const [noticeFor, setNoticeFor] = useState<Terminal | null>(null);
  const [historyOf, setHistoryOf] = useState<Terminal | null>(null);
  const send = useSendCommand();
  const reissue = useReissueCode();
  const revoke = useRevoke();
  useEffect(() => {
    document.title = `${t('kioskAdmin.title')} · ${t('app.title')}`;
  }, [t]);

  const command = async (tm: Terminal, kind: 'reload' | 'home' | 'notice', text = '') => {
    try {
      await send.mutateAsync({ id: tm.id, body: { kind, text } });
      message.success(t('kioskAdmin.sent'));
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('kioskAdmin.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('kioskAdmin.hint')}</Typography.Paragraph>
      </div>
      <Space wrap>
        <OrgSelect
          value={orgId}
          onChange={(id) => {
            setOrgId(id);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          allowClear
          placeholder={t('kioskAdmin.orgFilter')}
          aria-label={t('kioskAdmin.orgFilter')}
          style={{ width: 320 }}
        />
        <Button type="primary" data-testid="kiosk-create" onClick={() => setCreating(true)}>
          {t('kioskAdmin.create')}
        </Button>
      </Space>
      <Table<Terminal>
        rowKey="id"
        data-testid="kiosk-terminals"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('kioskAdmin.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        onRow={(tm) => ({ 'data-testid': `terminal-${tm.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('kioskAdmin.name'),
            dataIndex: 'name',
            render: (_, tm) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{tm.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {tm.orgName} · {tm.place}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('kioskAdmin.status'),
            key: 'status',
            render: (_, tm) =>
              tm.status === 'active' ? (
                <Badge
                  data-testid="terminal-online"
                  status={tm.online ? 'success' : 'default'}
                  text={tm.online ? t('kioskAdmin.online') : t('kioskAdmin.offline')}
                />
              ) : (
                <Tag color={tm.status === 'revoked' ? 'red' : 'gold'}>{t(`kioskAdmin.${tm.status}`)}</Tag>
              ),
          },
          {
            title: t('kioskAdmin.lastSeen'),
            dataIndex: 'lastSeenAt',
            render: (v: string | null) => when(v) ?? t('kioskAdmin.never'),
          },
          {
            title: t('kioskAdmin.screen'),
            dataIndex: 'screen',
            render: (v: string | null, tm) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="terminal-screen">{v ?? '—'}</span>
                {tm.pendingCommands > 0 && (
                  <Tag color="blue">{t('kioskAdmin.pending', { n: tm.pendingCommands })}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('kioskAdmin.actions'),
            key: 'actions',
            render: (_, tm) => (
              <Space wrap size={4}>
                {tm.status === 'active' && (
                  <>
                    <Button size="small" onClick={() => void command(tm, 'reload')}>
                      {t('kioskAdmin.reload')}
                    </Button>
                    <Button size="small" onClick={() => setNoticeFor(tm)}>
                      {t('kioskAdmin.notice')}
                    </Button>
                    <Button size="small" data-testid="terminal-home" onClick={() => void command(tm, 'home')}>
                      {t('kioskAdmin.home')}
                    </Button>
                  </>
                )}
                <Button
                  size="small"
                  type="link"
                  data-testid="terminal-history"
                  onClick={() => setHistoryOf(tm)}
                >
                  {t('kioskAdmin.history')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    reissue.mutateAsync(tm.id).then(setCode, (e) => message.error(errorMessage(e)))
                  }
                >
                  {t('kioskAdmin.reissue')}
                </Button>
                {tm.status !== 'revoked' && (
                  <Popconfirm
                    title={t('kioskAdmin.revokeConfirm')}
                    onConfirm={() => revoke.mutateAsync(tm.id).catch((e) => message.error(errorMessage(e)))}
                  >
                    <Button size="small" type="link" danger>
                      {t('kioskAdmin.revoke')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={setCode}
        defaultOrgId={orgId}
      />
      <Modal
        open={!!code}
        title={t('kioskAdmin.codeTitle')}
        onCancel={() => setCode(null)}
        onOk={() => setCode(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {code && (
          <>
            <p>{t('kioskAdmin.codeHint', { time: when(code.codeExpiresAt) })}</p>
            <Typography.Title level={2} data-testid="kiosk-code" copyable style={{ letterSpacing: '0.2em' }}>
              {code.code}
            </Typography.Title>
            <p>
              {code.terminal.name} · {code.terminal.orgName} · {code.terminal.place}
            </p>
          </>
        )}
      </Modal>
      <NoticeModal
        terminal={noticeFor}
        onClose={() => setNoticeFor(null)}
        onSend={async (text) => {
          if (noticeFor && (await command(noticeFor, 'notice', text))) setNoticeFor(null);
        }}
      />
      <Drawer
        open={!!historyOf}
        onClose={() => setHistoryOf(null)}
        title={`${t('kioskAdmin.history')} · ${historyOf?.name ?? ''}`}
        size="large"
      >
        {historyOf && <CommandHistory id={historyOf.id} />}
      </Drawer>
    </Space>
  );
}

function CreateModal({
  open,
  onClose,
  onCreated,
  defaultOrgId,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: TerminalCode) => void;
  defaultOrgId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ orgId: string; name: string; place: string; idleSeconds: number }>();
  const create = useCreateTerminal();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={t('kioskAdmin.create')}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        setError(null);
        try {
          onCreated(await create.mutateAsync(v));
          form.resetFields();
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: defaultOrgId, idleSeconds: 60 }}
        preserve={false}
      >
        <Form.Item name="orgId" label={t('kioskAdmin.org')} rules={[{ required: true }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="name" label={t('kioskAdmin.name')} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="place" label={t('kioskAdmin.place')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idleSeconds" label={t('kioskAdmin.idleSeconds')}>
          <InputNumber min={30} max={600} />
        </Form.Item>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

function NoticeModal({
  terminal,
  onClose,
  onSend,
}: {
  terminal: Terminal | null;
  onClose: () => void;
  onSend: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Modal
      open={!!terminal}
      title={`${t('kioskAdmin.notice')} · ${terminal?.name ?? ''}`}
      onCancel={onClose}
      okButtonProps={{ disabled: !text.trim() }}
      onOk={() => onSend(text.trim()).then(() => setText(''))}
    >
      <Input.TextArea
        aria-label={t('kioskAdmin.noticeText')}
        value={text}
        maxLength={200}
        showCount
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}

function CommandHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useCommands(id);
  return (
    <Table<Command>
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('kioskAdmin.sentAt'), dataIndex: 'createdAt', render: (v: string) => when(v) },
        {
          title: t('kioskAdmin.history'),
          dataIndex: 'kind',
          render: (k: Command['kind'], c) => (
            <span>
              {t(`kioskAdmin.commandKind.${k}`)}
              {c.text ? `：${c.text}` : ''}
            </span>
          ),
        },
        { title: t('kioskAdmin.sentBy'), dataIndex: 'createdBy' },
        {
          title: t('kioskAdmin.status'),
          dataIndex: 'state',
          render: (s: Command['state']) => (
            <Tag color={s === 'acked' ? 'green' : 'blue'} data-testid="command-state">
              {t(`kioskAdmin.commandState.${s}`)}
            </Tag>
          ),
        },
        {
          title: t('kioskAdmin.ackedAt'),
          dataIndex: 'ackedAt',
          render: (v: string | null) => when(v) ?? '—',
        },
      ]}
    />
  );
}
