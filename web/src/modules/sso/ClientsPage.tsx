import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../contracts/auth.ts';
import type { SsoClient, SsoClientWithSecret } from '../../../../contracts/sso/clients.ts';
import { errorMessage } from '../../app/api.ts';
import { FormDrawer } from '../../app/FormDrawer.tsx';
import { useCreateClient, useResetSecret, useSsoClients, useUpdateClient } from './api.ts';
import { bodyOf, type FormValues, toBody } from './form.ts';
import './i18n.ts';

/** 子平台接入 (dept admin): the sub-platforms signing in with Hongyun; register, edit, disable, reset the secret. */
export default function ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useSsoClients();
  const update = useUpdateClient();
  const reset = useResetSecret();
  const [editing, setEditing] = useState<SsoClient | 'new' | null>(null);
  const [secret, setSecret] = useState<SsoClientWithSecret | null>(null);
  useEffect(() => {
    document.title = `${t('sso.title')} · ${t('app.title')}`;
  }, [t]);

  const toggle = async (c: SsoClient) => {
    try {
      await update.mutateAsync({ id: c.id, body: bodyOf(c, { enabled: !c.enabled }) });
      message.success(t('sso.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('sso.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('sso.hint')}</Typography.Paragraph>
        {list.data && (
          <Typography.Paragraph>
            {t('sso.issuer')}：
            <Typography.Text code copyable data-testid="sso-issuer">
              {list.data.issuer}
            </Typography.Text>
          </Typography.Paragraph>
        )}
      </div>
      <Space>
        <Button type="primary" data-testid="sso-create" onClick={() => setEditing('new')}>
          {t('sso.create')}
        </Button>
      </Space>
      <Table<SsoClient>
        rowKey="id"
        data-testid="sso-clients"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('sso.empty') }}
        pagination={false}
        onRow={(c) => ({ 'data-testid': `sso-client-${c.clientId}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('sso.name'),
            dataIndex: 'name',
            render: (_, c) => (
              <Space>
                {c.iconUrl && <img src={c.iconUrl} alt="" width={32} height={32} />}
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  <Typography.Text type="secondary" copyable={{ text: c.clientId }}>
                    {c.clientId}
                  </Typography.Text>
                </Space>
              </Space>
            ),
          },
          {
            title: t('sso.allowedRoles'),
            key: 'roles',
            render: (_, c) => c.allowedRoles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
          },
          {
            title: t('sso.firstParty'),
            key: 'firstParty',
            render: (_, c) => (c.firstParty ? t('sso.yes') : t('sso.no')),
          },
          {
            title: t('sso.status'),
            key: 'status',
            render: (_, c) =>
              c.enabled ? <Tag color="green">{t('sso.on')}</Tag> : <Tag>{t('sso.off')}</Tag>,
          },
          {
            title: t('sso.actions'),
            key: 'actions',
            render: (_, c) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(c)} data-testid="sso-edit">
                  {t('sso.edit')}
                </Button>
                {c.enabled ? (
                  <Popconfirm title={t('sso.disableConfirm')} onConfirm={() => toggle(c)}>
                    <Button size="small" danger data-testid="sso-disable">
                      {t('sso.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => toggle(c)} data-testid="sso-enable">
                    {t('sso.enable')}
                  </Button>
                )}
                <Popconfirm
                  title={t('sso.resetConfirm')}
                  onConfirm={async () => {
                    try {
                      setSecret(await reset.mutateAsync(c.id));
                    } catch (e) {
                      message.error(errorMessage(e));
                    }
                  }}
                >
                  <Button size="small" data-testid="sso-reset">
                    {t('sso.reset')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ClientForm
          client={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(s) => {
            setEditing(null);
            setSecret(s);
          }}
        />
      )}
      <Modal
        open={!!secret}
        title={t('sso.secretTitle')}
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
        data-testid="sso-secret"
      >
        {secret && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="warning">{t('sso.secretHint')}</Typography.Paragraph>
            <div>
              {t('sso.clientId')}：
              <Typography.Text code copyable>
                {secret.client.clientId}
              </Typography.Text>
            </div>
            <div>
              {t('sso.secret')}：
              <Typography.Text code copyable data-testid="sso-secret-value">
                {secret.clientSecret}
              </Typography.Text>
            </div>
          </Space>
        )}
      </Modal>
    </Space>
  );
}

function ClientForm({
  client,
  onClose,
  onCreated,
}: {
  client: SsoClient | null;
  onClose: () => void;
  onCreated: (s: SsoClientWithSecret) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateClient();
  const update = useUpdateClient();
  const icon = Form.useWatch('iconUrl', form);

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (client) {
        await update.mutateAsync({ id: client.id, body: toBody(v) });
        message.success(t('sso.saved'));
        onClose();
      } else {
        onCreated(await create.mutateAsync(toBody(v)));
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const pickIcon = (file: File | undefined) => {
    if (!file) return;
    if (file.size > 48 * 1024) {
      message.error(t('sso.iconTooBig'));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => form.setFieldValue('iconUrl', String(reader.result));
    reader.readAsDataURL(file);
  };

  return (
    <FormDrawer
      title={client ? `${t('sso.edit')}：${client.name}` : t('sso.create')}
      size={560}
      saving={create.isPending || update.isPending}
      onSave={save}
      onClose={onClose}
      testId="sso-form"
      saveTestId="sso-save"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={
          client
            ? {
                ...client,
                redirectUris: client.redirectUris.join('\n'),
                postLogoutRedirectUris: client.postLogoutRedirectUris.join('\n'),
              }
            : { allowedRoles: [...ROLES], firstParty: false, enabled: true, iconUrl: null }
        }
      >
        <Form.Item name="name" label={t('sso.name')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="sso-name" />
        </Form.Item>
        <Form.Item
          name="redirectUris"
          label={t('sso.redirectUris')}
          extra={t('sso.redirectUrisHint')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} data-testid="sso-redirects" />
        </Form.Item>
        <Form.Item
          name="postLogoutRedirectUris"
          label={t('sso.postLogoutRedirectUris')}
          extra={t('sso.postLogoutHint')}
        >
          <Input.TextArea rows={2} data-testid="sso-post-logout" />
        </Form.Item>
        <Form.Item
          name="launchUrl"
          label={t('sso.launchUrl')}
          extra={t('sso.launchHint')}
          rules={[{ required: true }]}
        >
          <Input data-testid="sso-launch" />
        </Form.Item>
        <Form.Item
          name="allowedRoles"
          label={t('sso.allowedRoles')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="iconUrl" label={t('sso.icon')} extra={t('sso.iconHint')}>
          <Space>
            {icon && <img src={icon} alt="" width={40} height={40} />}
            <input
              type="file"
              accept="image/png,image/jpeg,image/svg+xml"
              aria-label={t('sso.iconPick')}
              onChange={(e) => pickIcon(e.target.files?.[0])}
            />
            {icon && (
              <Button size="small" onClick={() => form.setFieldValue('iconUrl', null)}>
                {t('sso.iconClear')}
              </Button>
            )}
          </Space>
        </Form.Item>
        <Form.Item
          name="firstParty"
          label={t('sso.firstParty')}
          extra={t('sso.firstPartyHint')}
          valuePropName="checked"
        >
          <Switch data-testid="sso-first-party" />
        </Form.Item>
        <Form.Item name="enabled" label={t('sso.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
