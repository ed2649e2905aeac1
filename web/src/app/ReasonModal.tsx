import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal.tsx';

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
  okTestId = 'reason-submit',
  hint,
}: {
  title: string;
  okText: string;
  label: string;
  placeholder: string;
  submit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  okTestId?: string;
  /** What the act does, said before it is done (a withdrawal takes back study hours). */
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ reason: string }>
      title={title}
      okText={okText}
      okTestId={okTestId}
      danger
      fields={['reason']}
      submit={(v) => submit(v.reason.trim())}
      onClose={onClose}
      onDone={onDone}
    >
      {hint && <Alert type="warning" showIcon title={hint} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="reason"
        label={label}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
      >
        <Input.TextArea rows={3} maxLength={200} placeholder={placeholder} />
      </Form.Item>
    </FormModal>
  );
}
