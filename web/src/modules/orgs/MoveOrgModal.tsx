import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../../../contracts/index.ts';
import { applyServerErrors, testIdProps } from '../../app/forms.ts';
import { orgApi } from './api.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { useGuardedClose } from '../../app/discard.ts';

/** Move an org (with its whole subtree) under another org chosen by searching its name. */
export function MoveOrgModal({
  org,
  onClose,
  onMoved,
}: {
  org: Org;
  onClose: () => void;
  onMoved: (moved: Org, oldParentId: string | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const exclude = useCallback((o: Org) => o.id === org.id || o.id === org.parentId, [org.id, org.parentId]);

  const move = useMutation({
    mutationFn: (v: { parentId: string }) => orgApi.move(org.id, { parentId: v.parentId }),
    onSuccess: (moved) => {
      message.success(t('orgs.moved'));
      onMoved(moved, org.parentId);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['parentId', 'position'])),
  });

  return (
    <Modal
      open
      title={t('orgs.moveTitle', { name: org.name })}
      okText={t('orgs.action.move')}
      cancelText={t('common.cancel')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      okButtonProps={testIdProps('org-move-submit')}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('orgs.moveHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setGeneral(null);
          move.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="parentId"
          label={t('orgs.field.parent')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
        >
          <OrgSelect
            placeholder={t('orgs.placeholder.parent')}
            exclude={exclude}
            data-testid="org-move-parent"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
