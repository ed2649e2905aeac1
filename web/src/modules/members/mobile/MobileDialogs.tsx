import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Radio } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MobilePeriod } from '../../../../../contracts/members/mobile.ts';
import { RecordMobilePeriod } from '../../../../../contracts/members/mobile.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { dateProps, zodRule } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { MemberSelect, type PickedMember } from '../MemberSelect.tsx';
import { TransferTargetSelect } from '../transfers/TransferTargetSelect.tsx';
import { mobileApi, mobileKeys } from './api.ts';
import './i18n.ts';

type Values = {
  memberId: string;
  outOn: string;
  destination: string;
  host: 'inside' | 'outside' | 'unknown';
  hostOrgId?: string;
  hostOrgName?: string;
  certificateNo?: string;
};
const FIELDS = ['memberId', 'outOn', 'destination', 'hostOrgId', 'hostOrgName', 'certificateNo'] as const;
const shape = RecordMobilePeriod.shape;

/** 外出登记: when, where to, the host branch (on the platform or by name), the 流动党员活动证. */
export function RecordPeriodModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useSaved(onClose);
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<PickedMember | undefined>();
  const host = Form.useWatch('host', form) ?? 'inside';
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <FormModal<Values>
      width={620}
      title={t('mobile.recordTitle')}
      okText={t('mobile.record')}
      okTestId="mobile-submit"
      form={form}
      fields={FIELDS}
      preserve={false}
      initialValues={{ outOn: dayjs().format('YYYY-MM-DD'), host: 'inside' }}
      submit={(v) =>
        mobileApi.record({
          memberId: v.memberId,
          outOn: v.outOn,
          destination: v.destination.trim(),
          hostOrgId: v.host === 'inside' ? v.hostOrgId : undefined,
          hostOrgName: v.host === 'outside' ? v.hostOrgName?.trim() : undefined,
          certificateNo: v.certificateNo?.trim() || undefined,
        })
      }
      saved={t('mobile.recorded')}
      onClose={onClose}
      onDone={saved}
    >
      <Form.Item
        name="memberId"
        label={t('mobile.field.member')}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
      >
        <MemberSelect admittedOnly onChange={(_, m) => setPicked(m)} data-testid="mobile-member" />
      </Form.Item>
      <Form.Item
        name="outOn"
        label={t('mobile.field.outOn')}
        extra={t('mobile.extra.outOn')}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
        {...dateProps}
      >
        <DatePicker style={{ width: 200 }} data-testid="mobile-out-on" />
      </Form.Item>
      <Form.Item
        name="destination"
        label={t('mobile.field.destination')}
        rules={[required, zodRule(shape.destination)]}
      >
        <Input
          maxLength={100}
          placeholder={t('mobile.placeholder.destination')}
          data-testid="mobile-destination"
        />
      </Form.Item>
      <Form.Item name="host" label={t('mobile.field.host')}>
        <Radio.Group
          optionType="button"
          options={(['inside', 'outside', 'unknown'] as const).map((k) => ({
            value: k,
            label: t(`mobile.host.${k}`),
          }))}
        />
      </Form.Item>
      {host === 'inside' && (
        <Form.Item
          name="hostOrgId"
          label={t('mobile.field.hostOrgId')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
        >
          <TransferTargetSelect
            excludeId={picked?.orgId}
            placeholder={t('mobile.placeholder.hostOrgId')}
            data-testid="mobile-host-org"
          />
        </Form.Item>
      )}
      {host === 'outside' && (
        <Form.Item name="hostOrgName" label={t('mobile.field.hostOrgName')} rules={[required]}>
          <Input maxLength={100} placeholder={t('mobile.placeholder.hostOrgName')} />
        </Form.Item>
      )}
      <Form.Item name="certificateNo" label={t('mobile.field.certificateNo')}>
        <Input
          maxLength={40}
          placeholder={t('mobile.placeholder.certificateNo')}
          data-testid="mobile-certificate"
        />
      </Form.Item>
    </FormModal>
  );
}

/** 返回登记: the day the member came back. */
export function EndPeriodModal({ period, onClose }: { period: MobilePeriod; onClose: () => void }) {
  const { t } = useTranslation();
  const saved = useSaved(onClose);
  return (
    <FormModal<{ backOn: string }>
      title={t('mobile.endTitle', { name: period.memberName })}
      okText={t('mobile.end')}
      okTestId="mobile-end-submit"
      fields={['backOn']}
      initialValues={{ backOn: dayjs().format('YYYY-MM-DD') }}
      submit={(v) => mobileApi.end(period.id, v.backOn)}
      saved={t('mobile.ended')}
      onClose={onClose}
      onDone={saved}
    >
      <Form.Item
        name="backOn"
        label={t('mobile.field.backOn')}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
        {...dateProps}
      >
        <DatePicker style={{ width: 200 }} data-testid="mobile-back-on" />
      </Form.Item>
    </FormModal>
  );
}

/** Once a period is recorded or ended: the lists and the member's page show it, the dialog closes. */
function useSaved(onClose: () => void) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: mobileKeys.all });
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
    onClose();
  };
}
