import { Button, Drawer, Flex, Form } from 'antd';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmDiscard } from './discard.ts';

/**
 * The side panel every create/edit form opens in: cancel and save at the foot, no closing by a
 * stray click on the mask, and Esc, ✕ and 取消 ask before a half-filled form is thrown away
 * (any antd Form inside counts: an edit marks the panel as changed).
 */
export function FormDrawer({
  title,
  size,
  saving,
  onSave,
  onClose,
  testId,
  saveTestId,
  children,
}: {
  title: string;
  size: number;
  saving: boolean;
  onSave: () => void;
  onClose: () => void;
  testId?: string;
  saveTestId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const changed = useRef(false);
  const confirm = useConfirmDiscard();
  const close = () => confirm(changed.current, onClose);
  return (
    <Drawer
      open
      size={size}
      title={title}
      onClose={close}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid={testId}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form.Provider
        onFormChange={(_name, { changedFields }) => {
          // touched by the user, not by a failed save's validation or a server error put on a field
          changed.current ||= changedFields.some((f) => f.touched);
        }}
      >
        {children}
      </Form.Provider>
    </Drawer>
  );
}
