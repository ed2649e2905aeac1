import { Alert, Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../../../contracts/members/transfers.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { dateProps } from '../../../app/forms.ts';
import { transferApi } from './api.ts';
import './i18n.ts';

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
  return (
    <FormModal<{ certificateNote: string }, Transfer>
      title={t('transfers.certificateTitle', { name: tr.memberName })}
      okText={t('transfers.accept')}
      okTestId="transfer-certificate-submit"
      fields={['certificateNote']}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('transfers.certificateHint', { date: tr.validUntil })}
        />
      }
      submit={(v) => transferApi.accept(tr.id, v.certificateNote.trim())}
      onClose={onClose}
      onDone={onDone}
    >
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
    </FormModal>
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
  return (
    <FormModal<{ receiptOn: string }, Transfer>
      title={t('transfers.receiptTitle', { name: tr.memberName })}
      okText={t('transfers.receipt')}
      okTestId="transfer-receipt-submit"
      fields={['receiptOn']}
      initialValues={{ receiptOn: dayjs().format('YYYY-MM-DD') }}
      intro={
        <Typography.Paragraph type="secondary">
          {t('transfers.receiptHint', { no: tr.letterNo, due: tr.receiptDueOn ?? '' })}
        </Typography.Paragraph>
      }
      submit={(v) => transferApi.receipt(tr.id, v.receiptOn)}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item
        name="receiptOn"
        label={t('transfers.field.receiptOn')}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
        {...dateProps}
      >
        <DatePicker style={{ width: 200 }} data-testid="transfer-receipt-date" />
      </Form.Item>
    </FormModal>
  );
}
