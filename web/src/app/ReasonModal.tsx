import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, testIdProps } from './forms.ts';
import { useGuardedClose } from './discard.ts';

/**
 * Asks for the reason of a refusal (a correction rejected, a transfer returned): the reason is
 * required, what the server says about it appears under the field, other errors above the form.
 */
export function ReasonModal({
  title,
  okText,
  label,
  placeholder,
  submit,
  onClose,
  onDone,
  okTestId,
}: {
  title: string;
  okText: string;
  label: string;
  placeholder: string;
  submit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  okTestId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: { reason: string }) => submit(v.reason.trim()),
    onSuccess: onDone,
    onError: (e) => setGeneral(applyServerErrors(form, e, ['reason'])),
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={okTestId ? testIdProps(okTestId, { danger: true }) : { danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={send.isPending}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setGeneral(null);
          send.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="reason"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
