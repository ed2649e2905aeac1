import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Role, User } from '../../../../contracts/index.ts';
import { errorMessage, isApiError } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { StatusPage } from '../../app/pages/StatusPage.tsx';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { type UserFilter, userApi, userKeys, useUsers } from './api.ts';
import { GrantsDrawer } from './GrantsDrawer.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { ROLE_COLOR, ROLE_LIST } from './roles.ts';
import { UserDrawer } from './UserDrawer.tsx';
import './i18n.ts';
import { ReasonModal } from '../../app/ReasonModal.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'grants' | 'reset' | 'totp'; user: User };

/** Users of the actor's scope: search, filter by org and role, and keep accounts right. */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const canManage = can(me, 'user.manage');

  // The filter lives in the URL so that back/forward and shared links keep it.
  const filter: UserFilter = {
    q: params.get('q') ?? undefined,
    orgId: params.get('orgId') ?? undefined,
    role: (params.get('role') as Role | null) ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const [q, setQ] = useState(filter.q ?? '');
  const users = useUsers(filter);

  useEffect(() => {
    document.title = `${t('users.title')} · ${t('app.title')}`;
  }, [t]);

  const setFilter = (patch: Partial<UserFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) {
        p.set(k, String(v));
      }
    }
    setParams(p);
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });

  const update = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) =>
      userApi.update(user.id, { disabled }),
    onSuccess: (u) => {
      message.success(t(u.disabled ? 'users.disabled' : 'users.enabled'));
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const unlock = useMutation({
    mutationFn: (user: User) => userApi.unlock(user.id),
    onSuccess: () => {
      message.success(t('users.unlocked'));
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (isApiError(users.error, 403)) {
    return (
      <StatusPage
        embedded
        code="403"
        title={t('status.forbiddenTitle')}
        description={users.error.message}
        actions={[{ to: '/users', label: t('status.back') }]}
      />
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap>
          <Input.Search
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilter({ q: v.trim() || undefined })}
            placeholder={t('users.search')}
            allowClear
            enterButton={t('common.search')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            aria-label={t('users.search')}
            data-testid="user-search"
          />
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => setFilter({ orgId })}
            allowClear
            placeholder={t('users.orgFilter')}
            aria-label={t('users.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            data-testid="user-org-filter"
          />
          <Select
            value={filter.role}
            onChange={(role: Role | undefined) => setFilter({ role })}
            allowClear
            placeholder={t('users.roleFilter')}
            aria-label={t('users.roleFilter')}
            options={ROLE_LIST.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            style={{ flex: '0 1 180px', minWidth: 140 }}
            data-testid="user-role-filter"
          />
        </Flex>
      </Card>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="users-table"
        locale={users.error ? { emptyText: errorMessage(users.error) } : undefined}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter({ page, pageSize }),
        }}
        columns={[
          {
            key: 'name',
            title: t('users.field.displayName'),
            fixed: 'start',
            render: (_, u) => (
              <Flex vertical>
                <span>{u.displayName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.username}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'phone', title: t('users.field.phone'), dataIndex: 'phone', render: (v) => v ?? '—' },
          { key: 'org', title: t('users.field.org'), dataIndex: 'orgName', render: (v) => v ?? '—' },
          {
            key: 'roles',
            title: t('users.field.roles'),
            render: (_, u) =>
              u.grants.length === 0 ? (
                <Typography.Text type="secondary">{t('users.noRole')}</Typography.Text>
              ) : (
                <Flex gap={4} wrap style={{ maxWidth: 360 }}>
                  {u.grants.map((g) => (
                    <Tag key={g.id} color={ROLE_COLOR[g.role]} title={g.orgName}>
                      {t(`role.${g.role}`)} · {g.orgName}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            key: 'status',
            title: t('users.field.status'),
            render: (_, u) => (
              <Flex gap={4} wrap>
                {u.disabled && <Tag color="default">{t('users.status.disabled')}</Tag>}
                {u.locked && <Tag color="warning">{t('users.status.locked')}</Tag>}
                {!u.disabled && !u.locked && <Tag color="success">{t('users.status.active')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'lastLoginAt',
            title: t('users.field.lastLoginAt'),
            dataIndex: 'lastLoginAt',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, u: User) => (
                    <Space size={4} wrap>
                      <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                        {t('users.action.edit')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'grants', user: u })}>
                        {t('users.action.roles')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>
                        {t('users.action.resetPassword')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => setDialog({ kind: 'totp', user: u })}
                        data-testid={`user-totp-reset-${u.username}`}
                      >
                        {t('users.action.resetTotp')}
                      </Button>
                      {u.locked && (
                        <Button size="small" onClick={() => unlock.mutate(u)} loading={unlock.isPending}>
                          {t('users.action.unlock')}
                        </Button>
                      )}
                      <Popconfirm
                        title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', {
                          name: u.displayName,
                        })}
                        okText={t('common.ok')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => update.mutate({ user: u, disabled: !u.disabled })}
                      >
                        <Button size="small" danger={!u.disabled}>
                          {t(u.disabled ? 'users.action.enable' : 'users.action.disable')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'create' && (
        <UserDrawer
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserDrawer
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'grants' && (
        <GrantsDrawer user={dialog.user} onClose={() => setDialog(null)} onChanged={() => void refresh()} />
      )}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'totp' && (
        <ReasonModal
          title={t('users.totpTitle', { name: dialog.user.displayName })}
          okText={t('users.action.resetTotp')}
          label={t('users.totpReason')}
          placeholder={t('users.totpReasonPlaceholder')}
          hint={t('users.totpHint')}
          submit={(reason) => userApi.resetTotp(dialog.user.id, reason)}
          onClose={() => setDialog(null)}
          onDone={() => {
            message.success(t('users.totpDone'));
            setDialog(null);
          }}
        />
      )}
    </Space>
  );
}
