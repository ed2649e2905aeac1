import { App, type FormInstance } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { testIdProps } from './forms.ts';

/**
 * Asks before a half-filled form is thrown away (Esc, ✕, 取消, a click beside a dialog): a
 * secretary who typed half a record and brushed Esc lost it without a word. Nothing typed yet:
 * closes at once.
 */
export function useConfirmDiscard() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const open = useRef(false);
  return (dirty: boolean, close: () => void) => {
    if (!dirty) return close();
    // Esc pressed twice must not stack two questions
    if (open.current) return;
    open.current = true;
    modal.confirm({
      title: t('common.discardTitle'),
      content: t('common.discardHint'),
      okText: t('common.discard'),
      cancelText: t('common.keepEditing'),
      okButtonProps: testIdProps('discard-confirm', { danger: true }),
      cancelButtonProps: testIdProps('discard-cancel'),
      autoFocusButton: 'cancel',
      onOk: close,
      afterClose: () => {
        open.current = false;
      },
    });
  };
}

/** `onClose` for a dialog holding `form`: asks first when anything in the form was touched. */
export function useGuardedClose(form: FormInstance, onClose: () => void) {
  const confirm = useConfirmDiscard();
  return () => confirm(form.isFieldsTouched(), onClose);
}
