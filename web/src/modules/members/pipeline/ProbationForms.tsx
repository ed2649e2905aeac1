import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, testIdProps } from '../../../app/forms.ts';
import { type CancelBody, type ExtendBody, type PipelineFileT, pipelineApi } from './api.ts';
import './i18n.ts';
import { useGuardedClose } from '../../../app/discard.ts';

export const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/**
 * 延长预备期 (党章第七条): the branch meeting's date, six to twelve months, the reason, and the
 * superior committee's approval once given. Recorded again to correct it or to add the approval.
 */
export function ExtendModal({
  file,
  onClose,
  onDone,
}: {
  file: PipelineFileT;
  onClose: () => void;
  onDone: (f: PipelineFileT) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExtendBody>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const was = file.probation.extension;
  const save = useMutation({
    mutationFn: (v: ExtendBody) =>
      pipelineApi.extend(file.memberId, { ...v, approvedOn: v.approvedOn ?? null }),
    onSuccess: (f) => {
      message.success(t('members.probation.extended', { endsOn: f.probation.endsOn }));
      onDone(f);
    },
    onError: (e) =>
      setGeneral(applyServerErrors(form, e, ['months', 'resolutionOn', 'approvedOn', 'reason'])),
  });
  return (
    <Modal
      open
      title={t('members.probation.extendTitle', { name: file.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('extension-submit')}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          months: was?.months ?? 6,
          resolutionOn: was?.resolutionOn ?? null,
          approvedOn: was?.approvedOn ?? null,
          reason: was?.reason ?? t('members.probation.defaultReason'),
        }}
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        <Alert type="info" showIcon title={t('members.probation.extendRule')} style={{ marginBottom: 16 }} />
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="resolutionOn"
          label={t('members.probation.resolutionOn')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="extension-resolution" />
        </Form.Item>
        <Form.Item
          name="months"
          label={t('members.probation.months')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
        >
          <InputNumber
            min={6}
            max={12}
            precision={0}
            suffix={t('members.probation.monthUnit')}
            style={{ width: '100%' }}
            data-testid="extension-months"
          />
        </Form.Item>
        <Form.Item
          name="approvedOn"
          label={t('members.probation.approvedOn')}
          extra={t('members.probation.approvedLater')}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="extension-approved" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('members.probation.reason')}
          rules={[{ required: true, whitespace: true, message: t('members.probation.reasonRequired') }]}
        >
          <Input maxLength={200} data-testid="extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 取消预备党员资格 (党章第七条): the branch meeting's date and reason; once the superior committee
 * approves, the person leaves the Party and the record becomes read only.
 */
export function CancelModal({
  file,
  onClose,
  onDone,
}: {
  file: PipelineFileT;
  onClose: () => void;
  onDone: (f: PipelineFileT) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CancelBody>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const was = file.probation.cancellation;
  const save = useMutation({
    mutationFn: (v: CancelBody) =>
      pipelineApi.cancel(file.memberId, { ...v, approvedOn: v.approvedOn ?? null }),
    onSuccess: (f) => {
      message.success(
        f.probation.cancellation?.approvedOn
          ? t('members.probation.cancelled')
          : t('members.probation.cancelRecorded'),
      );
      onDone(f);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['resolutionOn', 'approvedOn', 'reason'])),
  });
  return (
    <Modal
      open
      title={t('members.probation.cancelTitle', { name: file.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('cancellation-submit', { danger: true })}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          resolutionOn: was?.resolutionOn ?? null,
          approvedOn: was?.approvedOn ?? null,
          reason: was?.reason ?? '',
        }}
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        <Alert
          type="warning"
          showIcon
          title={t('members.probation.cancelRule')}
          style={{ marginBottom: 16 }}
        />
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="resolutionOn"
          label={t('members.probation.resolutionOn')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="cancellation-resolution" />
        </Form.Item>
        <Form.Item
          name="approvedOn"
          label={t('members.probation.approvedOn')}
          extra={t('members.probation.cancelApprovedLater')}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="cancellation-approved" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('members.probation.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('members.probation.reasonRequired') }]}
        >
          <Input.TextArea maxLength={200} rows={2} data-testid="cancellation-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
