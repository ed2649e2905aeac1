import { PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateTransfer, type Transfer } from '../../../../../contracts/members/transfers.ts';
import { FormModal } from '../../../app/FormModal.tsx';
import { scrollingBody, zodRule } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { MemberSelect, type PickedMember } from '../MemberSelect.tsx';
import { transferApi } from './api.ts';
import { TransferTargetSelect } from './TransferTargetSelect.tsx';
import './i18n.ts';

type Values = {
  memberId?: string;
  kind: 'internal' | 'outgoing';
  toOrgId?: string;
  toOrgName?: string;
  validDays?: number | null;
  reason: string;
};
const FIELDS = ['memberId', 'kind', 'toOrgId', 'toOrgName', 'validDays', 'reason'] as const;
const shape = CreateTransfer.shape;

/**
 * 发起转接: issue the introduction letter (介绍信) for one member, inside the platform or out of it.
 * From the member's page the member is given; from the transfers page they are picked here. The
 * letter number and "dues paid until" are the server's (generated, and read from the payment
 * records): the dialog shows them once the letter is issued, with the way to print it.
 */
export function TransferModal({
  member,
  onClose,
  onDone,
}: {
  member?: Pick<PickedMember, 'id' | 'name' | 'orgId'>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<Pick<PickedMember, 'id' | 'name' | 'orgId'> | undefined>(member);
  const [issued, setIssued] = useState<Transfer | null>(null);
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form) ?? 'internal';

  if (issued)
    return (
      <Modal
        open
        width={620}
        title={t('transfers.issuedTitle', { name: issued.memberName })}
        onCancel={onDone}
        mask={{ closable: false }}
        styles={scrollingBody}
        data-testid="transfer-modal"
        footer={
          <Flex justify="flex-end" gap={8} wrap>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/transfers/${issued.id}/print`)}
              data-testid="transfer-print"
            >
              {t('transfers.print.letter')}
            </Button>
            <Button type="primary" onClick={onDone} data-testid="transfer-done">
              {t('transfers.done')}
            </Button>
          </Flex>
        }
      >
        <Result
          status="success"
          style={{ padding: '8px 0' }}
          title={t('transfers.issued')}
          subTitle={t(issued.kind === 'outgoing' ? 'transfers.createdOutgoing' : 'transfers.created')}
        />
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'no',
              label: t('transfers.field.letterNo'),
              children: (
                <strong data-testid="transfer-letter-no" style={{ fontSize: 16 }}>
                  {issued.letterNo}
                </strong>
              ),
            },
            { key: 'to', label: t('transfers.field.to'), children: issued.toOrgName },
            { key: 'valid', label: t('transfers.field.validUntil'), children: issued.validUntil },
            {
              key: 'dues',
              label: t('transfers.field.duesPaidUntil'),
              children: <span data-testid="transfer-dues-paid">{issued.duesPaidUntil}</span>,
            },
          ]}
        />
      </Modal>
    );

  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <FormModal<Values, Transfer>
      width={620}
      title={picked ? t('transfers.createTitle', { name: picked.name }) : t('transfers.create')}
      okText={t('transfers.create')}
      okTestId="transfer-submit"
      testId="transfer-modal"
      form={form}
      fields={FIELDS}
      preserve={false}
      initialValues={{ kind: 'internal' }}
      submit={(v) =>
        transferApi.create({
          memberId: member?.id ?? v.memberId ?? '',
          kind: v.kind,
          toOrgId: v.kind === 'internal' ? v.toOrgId : undefined,
          toOrgName: v.kind === 'outgoing' ? v.toOrgName?.trim() : undefined,
          validDays: v.validDays ?? undefined,
          reason: v.reason.trim(),
        })
      }
      saved={(tr) => t(tr.kind === 'outgoing' ? 'transfers.createdOutgoing' : 'transfers.created')}
      onClose={onClose}
      onDone={(tr) => {
        setIssued(tr);
        void queryClient.invalidateQueries({ queryKey: memberKeys.transfers });
        void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      }}
    >
      {!member && (
        <Form.Item
          name="memberId"
          label={t('transfers.field.member')}
          extra={t('transfers.extra.member')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
        >
          <MemberSelect
            admittedOnly
            onChange={(_, m) => {
              setPicked(m);
              form.setFieldValue('toOrgId', undefined);
            }}
            data-testid="transfer-member"
          />
        </Form.Item>
      )}
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
            excludeId={picked?.orgId}
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
        name="validDays"
        label={t('transfers.field.validDays')}
        extra={t('transfers.extra.validDays')}
      >
        <InputNumber
          min={7}
          max={180}
          precision={0}
          placeholder={t('transfers.placeholder.validDays')}
          style={{ width: 200 }}
          data-testid="transfer-days"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('transfers.field.reason')} rules={[required, zodRule(shape.reason)]}>
        <Input.TextArea
          maxLength={200}
          rows={2}
          placeholder={t('transfers.placeholder.reason')}
          data-testid="transfer-reason"
        />
      </Form.Item>
      <Alert type="info" showIcon title={t('transfers.generatedHint')} />
    </FormModal>
  );
}
