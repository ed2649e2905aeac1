import { Alert, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { dateProps } from '../../../app/forms.ts';
import {
  type CancelBody,
  type ExtendBody,
  type PipelineFileT,
  pipelineApi,
  type WithdrawBody,
} from './api.ts';
import './i18n.ts';

/** The branch meeting's date (支部大会讨论决定), which extending and cancelling both record. */
function ResolutionField({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="resolutionOn"
      label={t('members.probation.resolutionOn')}
      rules={[{ required: true, message: t('common.requiredSelect') }]}
      {...dateProps}
    >
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
}

/**
 * The superior committee's approval: its date, optional (recorded later), for those who keep an org
 * above the branch; the others are told it is the committee's to record (党章第七条；细则第三十二条).
 */
function ApprovalField({
  canApprove,
  extra,
  testId,
}: {
  canApprove: boolean;
  extra: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return canApprove ? (
    <Form.Item name="approvedOn" label={t('members.probation.approvedOn')} extra={extra} {...dateProps}>
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  ) : (
    <Alert type="info" title={t('members.probation.approvalAbove')} style={{ marginBottom: 16 }} />
  );
}

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
  const was = file.probation.extension;
  return (
    <FormModal<ExtendBody, PipelineFileT>
      title={t('members.probation.extendTitle', { name: file.name })}
      okTestId="extension-submit"
      fields={['months', 'resolutionOn', 'approvedOn', 'reason']}
      initialValues={{
        months: was?.months ?? 6,
        resolutionOn: was?.resolutionOn ?? undefined,
        approvedOn: was?.approvedOn ?? null,
        reason: was?.reason ?? t('members.probation.defaultReason'),
      }}
      intro={
        <Alert type="info" showIcon title={t('members.probation.extendRule')} style={{ marginBottom: 16 }} />
      }
      submit={(v) => pipelineApi.extend(file.memberId, { ...v, approvedOn: v.approvedOn ?? null })}
      saved={(f) => t('members.probation.extended', { endsOn: f.probation.endsOn })}
      onClose={onClose}
      onDone={onDone}
    >
      <ResolutionField testId="extension-resolution" />
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
      <ApprovalField
        canApprove={file.can.approve}
        extra={t('members.probation.approvedLater')}
        testId="extension-approved"
      />
      <Form.Item
        name="reason"
        label={t('members.probation.reason')}
        rules={[{ required: true, whitespace: true, message: t('members.probation.reasonRequired') }]}
      >
        <Input maxLength={200} data-testid="extension-reason" />
      </Form.Item>
    </FormModal>
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
  const was = file.probation.cancellation;
  return (
    <FormModal<CancelBody, PipelineFileT>
      title={t('members.probation.cancelTitle', { name: file.name })}
      okTestId="cancellation-submit"
      danger
      fields={['resolutionOn', 'approvedOn', 'reason']}
      initialValues={{
        resolutionOn: was?.resolutionOn ?? undefined,
        approvedOn: was?.approvedOn ?? null,
        reason: was?.reason ?? '',
      }}
      intro={
        <Alert
          type="warning"
          showIcon
          title={t('members.probation.cancelRule')}
          style={{ marginBottom: 16 }}
        />
      }
      submit={(v) => pipelineApi.cancel(file.memberId, { ...v, approvedOn: v.approvedOn ?? null })}
      saved={(f) =>
        f.probation.cancellation?.approvedOn
          ? t('members.probation.cancelled')
          : t('members.probation.cancelRecorded')
      }
      onClose={onClose}
      onDone={onDone}
    >
      <ResolutionField testId="cancellation-resolution" />
      <ApprovalField
        canApprove={file.can.approve}
        extra={t('members.probation.cancelApprovedLater')}
        testId="cancellation-approved"
      />
      <Form.Item
        name="reason"
        label={t('members.probation.cancelReason')}
        rules={[{ required: true, whitespace: true, message: t('members.probation.reasonRequired') }]}
      >
        <Input.TextArea maxLength={200} rows={2} data-testid="cancellation-reason" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * The branch withdraws its cancellation while the superior committee has not approved it (the
 * meeting reconsidered, or it was recorded in error): the conversion is no longer held.
 */
export function WithdrawCancellationModal({
  file,
  onClose,
  onDone,
}: {
  file: PipelineFileT;
  onClose: () => void;
  onDone: (f: PipelineFileT) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<WithdrawBody, PipelineFileT>
      title={t('members.probation.withdrawTitle', { name: file.name })}
      okTestId="withdrawal-submit"
      fields={['reason']}
      initialValues={{ reason: '' }}
      intro={
        <Alert
          type="info"
          showIcon
          title={t('members.probation.withdrawRule')}
          style={{ marginBottom: 16 }}
        />
      }
      submit={(v) => pipelineApi.withdrawCancellation(file.memberId, { reason: v.reason.trim() })}
      saved={() => t('members.probation.withdrawn')}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item
        name="reason"
        label={t('members.probation.withdrawReason')}
        rules={[{ required: true, whitespace: true, message: t('members.probation.reasonRequired') }]}
      >
        <Input.TextArea
          maxLength={200}
          rows={2}
          placeholder={t('members.probation.withdrawReasonPlaceholder')}
          data-testid="withdrawal-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
