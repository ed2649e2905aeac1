import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../../../contracts/members/transfers.ts';
import { applyServerErrors, testIdProps } from '../../../app/forms.ts';
import { transferApi } from './api.ts';
import { dateProps, scrollingBody } from './TransferModal.tsx';
import './i18n.ts';
import { useGuardedClose } from '../../../app/discard.ts';

/**
 * Accepting a letter past its validity: only on the sending branch's certificate (党员证明), whose
 * particulars are written down here and kept with the transfer.
 */
export function CertificateAcceptModal({
  tr,
  onClose,
  onDone,
}: {
  tr: Transfer;
  onClose: () => void;
  onDone: (tr: Transfer) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ certificateNote: string }>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: { certificateNote: string }) => transferApi.accept(tr.id, v.certificateNote.trim()),
    onSuccess: onDone,
    onError: (e) => setGeneral(applyServerErrors(form, e, ['certificateNote'])),
  });
  return (
    <Modal
      open
      title={t('transfers.certificateTitle', { name: tr.memberName })}
      okText={t('transfers.accept')}
      okButtonProps={testIdProps('transfer-certificate-submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={send.isPending}
      mask={{ closable: false }}
      styles={scrollingBody}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('transfers.certificateHint', { date: tr.validUntil })}
      />
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="certificateNote"
          label={t('transfers.field.certificateNote')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea
            maxLength={200}
            rows={3}
            placeholder={t('transfers.placeholder.certificateNote')}
            data-testid="transfer-certificate-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记回执: the day the receipt was sent back (receiving side) or came back (sending side). */
export function ReceiptModal({
  tr,
  onClose,
  onDone,
}: {
  tr: Transfer;
  onClose: () => void;
  onDone: (tr: Transfer) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ receiptOn: string }>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (v: { receiptOn: string }) => transferApi.receipt(tr.id, v.receiptOn),
    onSuccess: onDone,
    onError: (e) => setGeneral(applyServerErrors(form, e, ['receiptOn'])),
  });
  return (
    <Modal
      open
      title={t('transfers.receiptTitle', { name: tr.memberName })}
      okText={t('transfers.receipt')}
      okButtonProps={testIdProps('transfer-receipt-submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={send.isPending}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">
        {t('transfers.receiptHint', { no: tr.letterNo, due: tr.receiptDueOn ?? '' })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ receiptOn: dayjs().format('YYYY-MM-DD') }}
        onFinish={(v) => send.mutate(v)}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="receiptOn"
          label={t('transfers.field.receiptOn')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: 200 }} data-testid="transfer-receipt-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
