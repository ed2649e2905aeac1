import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, Form, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant, Role, User } from '../../../../contracts/index.ts';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { applyServerErrors } from '../../app/forms.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { userApi } from './api.ts';
import { grantableRoles, ROLE_COLOR } from './roles.ts';

/** See a user's roles, grant one on an org, revoke one. */
export function GrantsDrawer({
  user: initial,
  onClose,
  onChanged,
}: {
  user: User;
  onClose: () => void;
  onChanged: (u: User) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [user, setUser] = useState(initial);
  const [form] = Form.useForm<{ role: Role; orgId: string }>();
  const [general, setGeneral] = useState<string | null>(null);

  const changed = (u: User) => {
    setUser(u);
    onChanged(u);
  };

  const grant = useMutation({
    mutationFn: (v: { role: Role; orgId: string }) => userApi.grant(user.id, v.role, v.orgId),
    onSuccess: (u) => {
      message.success(t('users.granted'));
      form.resetFields();
      changed(u);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['role', 'orgId'])),
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) => userApi.revoke(user.id, grantId),
    onSuccess: (u) => {
      message.success(t('users.revoked'));
      changed(u);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Drawer
      open
      size={520}
      title={t('users.grantsTitle', { name: user.displayName })}
      onClose={onClose}
      destroyOnHidden
      data-testid="grants-drawer"
    >
      <Typography.Paragraph type="secondary">{t('users.grantsHint')}</Typography.Paragraph>
      {user.grants.length === 0 ? (
        <Empty description={t('users.noGrants')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<Grant>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          dataSource={user.grants}
          onRow={(g) => ({ 'data-testid': `grant-${g.id}` }) as object}
          columns={[
            {
              key: 'role',
              title: t('users.field.role'),
              render: (_, g) => <Tag color={ROLE_COLOR[g.role]}>{t(`role.${g.role}`)}</Tag>,
            },
            { key: 'org', title: t('users.field.roleOrg'), dataIndex: 'orgName' },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 90,
              render: (_, g) => (
                <Popconfirm
                  title={t('users.revokeConfirm', { role: t(`role.${g.role}`), org: g.orgName })}
                  okText={t('users.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutate(g.id)}
                >
                  <Button size="small" danger loading={revoke.isPending && revoke.variables === g.id}>
                    {t('users.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('users.addGrant')}
      </Typography.Title>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: 'member', orgId: user.orgId ?? undefined }}
        onFinish={(v) => {
          setGeneral(null);
          grant.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item name="role" label={t('users.field.role')} rules={[{ required: true }]}>
          <Select
            options={grantableRoles(me).map((r) => ({ value: r, label: t(`role.${r}`) }))}
            data-testid="grant-role"
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('users.field.roleOrg')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
        >
          <OrgSelect placeholder={t('users.placeholder.org')} data-testid="grant-org" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="grant-submit">
          {t('users.grant')}
        </Button>
      </Form>
    </Drawer>
  );
}
