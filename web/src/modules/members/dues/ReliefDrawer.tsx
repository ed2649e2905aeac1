import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker as MonthPicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExcuseReason, ReliefKind } from '../../../../../contracts/members/dues.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { currentMonth } from '../../../app/dates.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { applyServerErrors } from '../../../app/forms.ts';
import { toFen } from '../../../app/format.ts';
import { memberKeys } from '../keys.ts';
import { duesApi, useMemberDues } from './api.ts';
import { useDuesWords } from './parts.tsx';
import './i18n.ts';

const FIELDS = [
  'kind',
  'amountFen',
  'reasonKind',
  'fromMonth',
  'toMonth',
  'reason',
  'branchApprovedOn',
  'committeeApprovedOn',
] as const;

type Values = {
  kind: 'reduced' | 'exempt' | 'excused';
  amountFen?: number | null;
  reasonKind?: 'illness' | 'hardship' | 'paid_at_host' | null;
  fromMonth: Dayjs;
  toMonth?: Dayjs | null;
  reason: string;
  branchApprovedOn: Dayjs;
  committeeApprovedOn?: Dayjs | null;
};

/**
 * 登记少交、免交党费 (the branch's agreement and the higher committee's approval, 2008 rules) or a
 * good reason for not paying (党章第九条) for one member.
 */
export function ReliefDrawer({
  memberId,
  memberName,
  fromMonth,
  onClose,
}: {
  memberId: string;
  memberName: string;
  /** Where the period starts by default (the first month owed). */
  fromMonth?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const words = useDuesWords();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'exempt';
  // the higher committee's approval is recorded only from above the member's branch (2008 rules)
  const canApprove = useMemberDues(memberId).data?.can.approve ?? false;

  const save = useMutation({
    mutationFn: (v: Values) =>
      duesApi.recordRelief({
        memberId,
        kind: v.kind,
        amountFen: v.kind === 'reduced' && typeof v.amountFen === 'number' ? toFen(v.amountFen) : null,
        reasonKind: v.kind === 'excused' ? (v.reasonKind ?? null) : null,
        fromMonth: v.fromMonth.format('YYYY-MM'),
        toMonth: v.toMonth ? v.toMonth.format('YYYY-MM') : null,
        reason: v.reason.trim(),
        branchApprovedOn: v.branchApprovedOn.format('YYYY-MM-DD'),
        committeeApprovedOn:
          canApprove && v.kind !== 'excused' && v.committeeApprovedOn
            ? v.committeeApprovedOn.format('YYYY-MM-DD')
            : null,
      }),
    onSuccess: () => {
      message.success(t('dues.relief.saved'));
      void queryClient.invalidateQueries({ queryKey: memberKeys.dues });
      onClose();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, FIELDS)),
  });

  const submit = async () => {
    setGeneral(null);
    const v = await form.validateFields().catch(() => null);
    if (v) save.mutate(v);
  };

  return (
    <FormDrawer
      title={t('dues.relief.titleFor', { name: memberName })}
      size={520}
      saving={save.isPending}
      onSave={submit}
      onClose={onClose}
      testId="relief-drawer"
      saveTestId="relief-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'exempt',
          fromMonth: dayjs(`${fromMonth ?? currentMonth()}-01`),
          branchApprovedOn: dayjs(),
        }}
      >
        {general && <Alert type="error" showIcon title={general} role="alert" style={{ marginBottom: 12 }} />}
        <Form.Item name="kind" label={t('dues.relief.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ReliefKind.options.map((k) => ({ value: k, label: words.relief(k) }))}
            data-testid="relief-kind"
          />
        </Form.Item>
        {kind === 'reduced' && (
          <Form.Item
            name="amountFen"
            label={t('dues.relief.amount')}
            rules={[{ required: true, message: t('dues.needAmount') }]}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={2}
              prefix="¥"
              style={{ width: 180 }}
              data-testid="relief-amount"
            />
          </Form.Item>
        )}
        {kind === 'excused' && (
          <Form.Item
            name="reasonKind"
            label={t('dues.relief.reasonKind')}
            rules={[{ required: true }]}
            extra={t('dues.relief.excusedHint')}
          >
            <Select
              options={ExcuseReason.options.map((r) => ({ value: r, label: words.reason(r) }))}
              data-testid="relief-reasonKind"
            />
          </Form.Item>
        )}
        <Form.Item name="fromMonth" label={t('dues.relief.from')} rules={[{ required: true }]}>
          <MonthPicker picker="month" allowClear={false} data-testid="relief-from" />
        </Form.Item>
        <Form.Item name="toMonth" label={t('dues.relief.to')} extra={t('dues.relief.toHint')}>
          <MonthPicker picker="month" data-testid="relief-to" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('dues.relief.reason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            placeholder={t('dues.relief.reasonPlaceholder')}
            data-testid="relief-reason"
          />
        </Form.Item>
        <Form.Item name="branchApprovedOn" label={t('dues.relief.branchOn')} rules={[{ required: true }]}>
          <DatePicker
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="relief-branchOn"
          />
        </Form.Item>
        {kind !== 'excused' && !canApprove && (
          <Alert
            type="info"
            showIcon
            title={t('dues.relief.committeeAbove')}
            data-testid="relief-committee-above"
          />
        )}
        {kind !== 'excused' && canApprove && (
          <Form.Item
            name="committeeApprovedOn"
            label={t('dues.relief.committeeOn')}
            extra={t('dues.relief.committeeHint')}
          >
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="relief-committeeOn" />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
