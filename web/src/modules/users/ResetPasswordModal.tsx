import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../contracts/index.ts';
import { applyServerErrors, passwordRule, testIdProps } from '../../app/forms.ts';
import { userApi } from './api.ts';
import { useGuardedClose } from '../../app/discard.ts';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (v: { password: string }) => userApi.resetPassword(user.id, v.password),
    onSuccess: () => {
      message.success(t('users.resetDone'));
      onClose();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['password'])),
  });

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      okText={t('users.action.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={reset.isPending}
      okButtonProps={testIdProps('reset-password-submit')}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setGeneral(null);
          reset.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('password.policy')}
          rules={[{ required: true, message: t('common.required') }, passwordRule()]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
