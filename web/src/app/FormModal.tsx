import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGuardedClose } from './discard.ts';
import { applyServerErrors, scrollingBody, testIdProps } from './forms.ts';

/**
 * The dialog every short form opens in (a date and a reason, a decision, a return): 确定 submits
 * `submit`, the server's field errors appear beside the fields named in `fields` and the rest above
 * the form, Esc, ✕ and 取消 ask before a touched form is thrown away, a click beside it does
 * nothing, and the body scrolls so the buttons stay on a 768-pixel-high screen.
 */
export function FormModal<T extends object, R = unknown>({
  title,
  okText,
  okTestId,
  danger,
  large,
  width,
  testId,
  form: given,
  fields,
  initialValues,
  preserve,
  intro,
  submit,
  saved,
  onClose,
  onDone,
  children,
}: {
  title: ReactNode;
  /** The submit button's words; 确定 when not given. */
  okText?: string;
  okTestId: string;
  /** A submit that cannot be taken back (取消预备党员资格…): the button is red. */
  danger?: boolean;
  /** Large buttons and inputs, for screens used with a finger. */
  large?: boolean;
  width?: number;
  testId?: string;
  /** The caller's form, when it watches or sets a field; otherwise the dialog makes its own. */
  form?: FormInstance<T>;
  /** The names whose server errors go beside their field. */
  fields: readonly string[];
  initialValues?: Partial<T>;
  /** false: a field that is hidden again drops its value (antd's Form `preserve`). */
  preserve?: boolean;
  /** Shown above the form: the rule the form records, a hint. */
  intro?: ReactNode;
  submit: (values: T) => Promise<R>;
  /** The message shown once saved: words, or words from what the server answered. */
  saved?: string | ((result: R) => string);
  onClose: () => void;
  onDone: (result: R) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [own] = Form.useForm<T>();
  const form = given ?? own;
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: submit,
    onSuccess: (result) => {
      if (saved) message.success(typeof saved === 'function' ? saved(result) : saved);
      onDone(result);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, fields)),
  });
  const size = large ? ('large' as const) : undefined;
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={okText ?? t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={send.isPending}
      okButtonProps={testIdProps(okTestId, { size, danger })}
      cancelButtonProps={{ size }}
      mask={{ closable: false }}
      styles={scrollingBody}
      destroyOnHidden
      data-testid={testId}
    >
      <Form<T>
        form={form}
        layout="vertical"
        size={size}
        preserve={preserve}
        initialValues={initialValues}
        onFinish={(v) => {
          setGeneral(null);
          send.mutate(v);
        }}
      >
        {intro}
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        {children}
      </Form>
    </Modal>
  );
}
