import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SessionInfo as SessionSchema } from '../../../../contracts/index.ts';
import { api, errorMessage } from '../api.ts';
import { useCurrentUser } from '../auth.tsx';
import { applyServerErrors, passwordRule } from '../forms.ts';
import { meKey } from '../queryClient.ts';
import { TwoStepCard } from './TwoStepCard.tsx';

type SessionInfo = z.infer<typeof SessionSchema>;

const sessionsKey = ['auth', 'sessions'] as const;

/** A short, readable name for a browser's user-agent string. */
function deviceName(ua: string | null): string {
  if (!ua) return '—';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const browser = /MicroMessenger/.test(ua)
    ? 'WeChat'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '';
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 40);
}

/** My account: who I am, change my password (the policy is shown), see and revoke my sessions. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();

  useEffect(() => {
    document.title = `${t('account.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={3} className="hy-page-title">
        {t('account.title')}
      </Typography.Title>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('account.mustChange')} role="alert" />
      )}
      <Card title={t('account.profile')} size="small">
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'name', label: t('account.name'), children: me.displayName },
            { key: 'username', label: t('account.username'), children: me.username },
            { key: 'org', label: t('account.org'), children: me.orgName ?? t('common.none') },
            {
              key: 'roles',
              label: t('account.roles'),
              children: (
                <Space wrap size={4}>
                  {me.grants.map((g) => (
                    <Tag key={g.id}>
                      {t(`role.${g.role}`)} · {g.orgName}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('account.idle', { minutes: me.idleMinutes })}</Typography.Text>
      </Card>
      <ChangePasswordCard />
      {!me.viaCard && <TwoStepCard />}
      <SessionsCard />
    </Space>
  );
}

function ChangePasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [general, setGeneral] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => api.post('/auth/password', v),
    onSuccess: () => {
      message.success(t('account.changed'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['currentPassword', 'newPassword'])),
  });

  return (
    <Card title={t('account.changePassword')} size="small">
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={(v) => {
          setGeneral(null);
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword });
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="account-current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          extra={t('password.policy')}
          rules={[{ required: true, message: t('common.required') }, passwordRule()]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_r, v) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={change.isPending}
          data-testid="account-password-submit"
        >
          {t('account.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: () => api.get<{ items: SessionInfo[] }>('/auth/sessions').then((r) => r.items),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/auth/sessions/${id}`),
    onSuccess: () => {
      message.success(t('account.revoked'));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Card title={t('account.sessions')} size="small">
      <Typography.Paragraph type="secondary">{t('account.sessionsHint')}</Typography.Paragraph>
      <Table<SessionInfo>
        rowKey="id"
        size="small"
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="sessions-table"
        columns={[
          {
            key: 'device',
            title: t('account.device'),
            render: (_, s) => (
              <Space size={4}>
                <span title={s.userAgent ?? undefined}>{deviceName(s.userAgent)}</span>
                {s.current && <Tag color="green">{t('account.current')}</Tag>}
              </Space>
            ),
          },
          { key: 'ip', title: t('account.ip'), dataIndex: 'ip', render: (ip) => ip ?? '—' },
          {
            key: 'createdAt',
            title: t('account.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'lastSeenAt',
            title: t('account.lastSeenAt'),
            dataIndex: 'lastSeenAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, s) =>
              s.current ? null : (
                <Popconfirm
                  title={t('account.revokeConfirm')}
                  okText={t('account.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutate(s.id)}
                >
                  <Button size="small" danger data-testid={`session-revoke-${s.id}`}>
                    {t('account.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
