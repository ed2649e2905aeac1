import { Button, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The side panel every create/edit form opens in: cancel and save at the foot, no closing by a
 * stray click on the mask (a half-filled record is not thrown away by accident).
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
  return (
    <Drawer
      open
      size={size}
      title={title}
      onClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid={testId}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {children}
    </Drawer>
  );
}
