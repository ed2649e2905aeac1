import { useMutation } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../../contracts/members/record.ts';
import { CreateTransfer } from '../../../../../contracts/members/transfers.ts';
import { currentMonth } from '../../../app/dates.ts';
import { applyServerErrors, testIdProps, zodRule } from '../../../app/forms.ts';
import { transferApi } from './api.ts';
import { TransferTargetSelect } from './TransferTargetSelect.tsx';
import './i18n.ts';

type Values = {
  kind: 'internal' | 'outgoing';
  toOrgId?: string;
  toOrgName?: string;
  letterNo: string;
  validDays: number;
  duesPaidUntil: string;
  reason: string;
};
const FIELDS = ['kind', 'toOrgId', 'toOrgName', 'letterNo', 'validDays', 'duesPaidUntil', 'reason'] as const;
const shape = CreateTransfer.shape;

/** 'YYYY-MM' in the form values; the month picker sees dayjs. */
export const monthProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(`${v}-01`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM') : null),
};

/** 发起转接: issue the introduction letter (介绍信) for one member, inside the platform or out of it. */
export function TransferModal({
  member,
  onClose,
  onDone,
}: {
  member: Member;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'internal';

  const create = useMutation({
    mutationFn: (v: Values) =>
      transferApi.create({
        memberId: member.id,
        kind: v.kind,
        toOrgId: v.kind === 'internal' ? v.toOrgId : undefined,
        toOrgName: v.kind === 'outgoing' ? v.toOrgName?.trim() : undefined,
        letterNo: v.letterNo.trim(),
        validDays: v.validDays,
        duesPaidUntil: v.duesPaidUntil,
        reason: v.reason.trim(),
      }),
    onSuccess: (tr) => {
      message.success(t(tr.kind === 'outgoing' ? 'transfers.createdOutgoing' : 'transfers.created'));
      onDone();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, FIELDS)),
  });

  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <Modal
      open
      width={620}
      title={t('transfers.createTitle', { name: member.name })}
      okText={t('transfers.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={testIdProps('transfer-submit')}
      mask={{ closable: false }}
      data-testid="transfer-modal"
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'internal', validDays: 90, duesPaidUntil: currentMonth() }}
        onFinish={(v) => {
          setGeneral(null);
          create.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="kind"
          label={t('transfers.field.kind')}
          extra={t(kind === 'internal' ? 'transfers.extra.internal' : 'transfers.extra.outgoing')}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'internal', label: t('transfers.kind.internal') },
              { value: 'outgoing', label: t('transfers.kind.outgoing') },
            ]}
            data-testid="transfer-kind"
          />
        </Form.Item>
        {kind === 'internal' ? (
          <Form.Item
            name="toOrgId"
            label={t('transfers.field.toOrgId')}
            extra={t('transfers.extra.toOrgId')}
            rules={[{ required: true, message: t('common.requiredSelect') }]}
          >
            <TransferTargetSelect
              excludeId={member.orgId}
              placeholder={t('transfers.placeholder.toOrgId')}
              data-testid="transfer-to-org"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="toOrgName"
            label={t('transfers.field.toOrgName')}
            rules={[required, zodRule(shape.toOrgName)]}
          >
            <Input
              maxLength={100}
              placeholder={t('transfers.placeholder.toOrgName')}
              data-testid="transfer-to-name"
            />
          </Form.Item>
        )}
        <Form.Item
          name="letterNo"
          label={t('transfers.field.letterNo')}
          rules={[required, zodRule(shape.letterNo)]}
        >
          <Input
            maxLength={40}
            placeholder={t('transfers.placeholder.letterNo')}
            data-testid="transfer-letter"
          />
        </Form.Item>
        <Form.Item
          name="validDays"
          label={t('transfers.field.validDays')}
          extra={t('transfers.extra.validDays')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={7} max={180} precision={0} style={{ width: 160 }} data-testid="transfer-days" />
        </Form.Item>
        <Form.Item
          name="duesPaidUntil"
          label={t('transfers.field.duesPaidUntil')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...monthProps}
        >
          <DatePicker picker="month" style={{ width: 160 }} data-testid="transfer-dues" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('transfers.field.reason')}
          rules={[required, zodRule(shape.reason)]}
        >
          <Input.TextArea
            maxLength={200}
            rows={2}
            placeholder={t('transfers.placeholder.reason')}
            data-testid="transfer-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
