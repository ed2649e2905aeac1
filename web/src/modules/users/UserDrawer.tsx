import { FormDrawer } from '../../app/FormDrawer.tsx';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateUser, type Role, type User } from '../../../../contracts/index.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { applyServerErrors, blankToNull, passwordRule, zodCheck, zodRule } from '../../app/forms.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { type UpdateUserBody, userApi } from './api.ts';
import { grantableRoles } from './roles.ts';

type Values = {
  username: string;
  displayName: string;
  phone?: string;
  orgId: string;
  password: string;
  disabled?: boolean;
  grants?: { role: Role; orgId: string }[];
};
const FIELDS = ['username', 'displayName', 'phone', 'orgId', 'password', 'grants', 'disabled'] as const;
const shape = CreateUser.shape;

/** Create a user (with initial password and roles) or edit one (name, phone, org, disabled). */
export function UserDrawer({
  user,
  onClose,
  onSaved,
}: {
  user?: User;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const editing = !!user;
  const roles = grantableRoles(me);

  const save = useMutation({
    mutationFn: (v: Values) => {
      if (!user) {
        return userApi.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          phone: blankToNull(v.phone),
          orgId: v.orgId,
          password: v.password,
          grants: v.grants ?? [],
        });
      }
      const body: UpdateUserBody = {};
      if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
      // The phone comes back masked (138****5678): only a newly typed number is sent.
      const phone = blankToNull(v.phone);
      if (phone !== user.phone) body.phone = phone;
      if (v.orgId !== user.orgId) body.orgId = v.orgId;
      if (!!v.disabled !== user.disabled) body.disabled = !!v.disabled;
      if (Object.keys(body).length === 0) return Promise.resolve(user);
      return userApi.update(user.id, body);
    },
    onSuccess: (u) => {
      message.success(t(editing ? 'users.saved' : 'users.created'));
      onSaved(u);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, FIELDS)),
  });

  const required = { required: true, whitespace: true, message: t('common.required') };

  return (
    <FormDrawer
      title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      size={520}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="user-drawer"
      saveTestId="user-save"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                phone: user.phone ?? undefined,
                orgId: user.orgId ?? undefined,
                disabled: user.disabled,
              }
            : { grants: [] }
        }
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
        scrollToFirstError
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="username"
          label={t('users.field.username')}
          rules={editing ? [] : [required, zodRule(shape.username)]}
        >
          <Input
            disabled={editing}
            placeholder={t('users.placeholder.username')}
            autoComplete="off"
            data-testid="user-username"
          />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.field.displayName')}
          rules={[required, zodRule(shape.displayName)]}
        >
          <Input maxLength={50} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.field.phone')}
          rules={[
            {
              validator: async (_r, v: unknown) => {
                // A masked number left untouched is not validated; a typed one must be a real number.
                if (!v || v === user?.phone) return;
                zodCheck(shape.phone, v);
              },
            },
          ]}
        >
          <Input
            inputMode="tel"
            maxLength={11}
            placeholder={t('users.placeholder.phone')}
            data-testid="user-phone"
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('users.field.org')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
        >
          <OrgSelect placeholder={t('users.placeholder.org')} data-testid="user-org" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.field.password')}
            extra={`${t('password.policy')}。${t('users.passwordHint')}`}
            rules={[{ required: true, message: t('common.required') }, passwordRule()]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        {editing && (
          <Form.Item name="disabled" label={t('users.status.disabled')} valuePropName="checked">
            <Switch data-testid="user-disabled" />
          </Form.Item>
        )}
        {!editing && (
          <Form.Item label={t('users.field.roles')}>
            <Form.List name="grants">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} align="flex-start" wrap>
                      <Form.Item
                        name={[field.name, 'role']}
                        rules={[{ required: true, message: t('common.requiredSelect') }]}
                        style={{ marginBottom: 0, flex: '0 0 150px' }}
                      >
                        <Select
                          placeholder={t('users.field.role')}
                          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                          data-testid={`user-grant-role-${field.name}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'orgId']}
                        rules={[{ required: true, message: t('common.requiredSelect') }]}
                        style={{ marginBottom: 0, flex: '1 1 200px', minWidth: 0 }}
                      >
                        <OrgSelect
                          placeholder={t('users.field.roleOrg')}
                          data-testid={`user-grant-org-${field.name}`}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ role: 'member', orgId: form.getFieldValue('orgId') })}
                    data-testid="user-add-grant"
                  >
                    {t('users.addGrantRow')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
