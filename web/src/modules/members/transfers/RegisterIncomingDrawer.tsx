import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegisterIncoming } from '../../../../../contracts/members/transfers.ts';
import { currentMonth } from '../../../app/dates.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { applyServerErrors, dateProps, monthProps, zodRule } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { bodyOf } from '../record/MemberDrawer.tsx';
import { MEMBER_FIELDS, MemberFields, type MemberFormValues } from '../record/MemberFields.tsx';
import { transferApi } from './api.ts';
import './i18n.ts';

type Values = MemberFormValues & {
  fromOrgName: string;
  letterNo: string;
  issuedOn: string;
  validUntil: string;
  certificateNote?: string;
  duesPaidUntil: string;
  reason: string;
};
const FIELDS = [
  ...MEMBER_FIELDS,
  'fromOrgName',
  'letterNo',
  'issuedOn',
  'validUntil',
  'certificateNote',
  'duesPaidUntil',
  'reason',
] as const;
const shape = RegisterIncoming.shape;

/** 登记系统外转入: a member arriving with a letter from outside the platform gets a record here. */
export function RegisterIncomingDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const required = { required: true, whitespace: true, message: t('common.required') };
  // an expired letter is taken in only on the sending branch's certificate: say so as it is typed
  const validUntil = Form.useWatch('validUntil', form);
  const expired = !!validUntil && validUntil < dayjs().format('YYYY-MM-DD');

  const save = useMutation({
    mutationFn: (v: Values) =>
      transferApi.registerIncoming({
        ...bodyOf(v),
        orgId: v.orgId,
        fromOrgName: v.fromOrgName.trim(),
        letterNo: v.letterNo.trim(),
        issuedOn: v.issuedOn,
        validUntil: v.validUntil,
        certificateNote: v.certificateNote?.trim() || undefined,
        duesPaidUntil: v.duesPaidUntil,
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      message.success(t('transfers.registered'));
      void queryClient.invalidateQueries({ queryKey: memberKeys.transfers });
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onClose();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, FIELDS)),
  });

  return (
    <FormDrawer
      title={t('transfers.registerTitle')}
      size={720}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="register-drawer"
      saveTestId="register-save"
    >
      <Typography.Paragraph type="secondary">{t('transfers.registerHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          ethnicity: '汉族',
          status: 'full',
          mobile: false,
          positions: [],
          duesPaidUntil: currentMonth(),
        }}
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
        scrollToFirstError
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Divider titlePlacement="start" plain>
          {t('transfers.field.letterNo')}
        </Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="fromOrgName"
              label={t('transfers.field.fromOrgName')}
              rules={[required, zodRule(shape.fromOrgName)]}
            >
              <Input maxLength={100} data-testid="register-fromOrgName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="letterNo"
              label={t('transfers.field.letterNo')}
              rules={[required, zodRule(shape.letterNo)]}
            >
              <Input
                maxLength={40}
                placeholder={t('transfers.placeholder.letterNo')}
                data-testid="register-letterNo"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="issuedOn"
              label={t('transfers.field.issuedOn')}
              rules={[{ required: true, message: t('common.requiredSelect') }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="register-issuedOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validUntil"
              label={t('transfers.field.validUntil')}
              extra={expired ? undefined : t('transfers.extra.letterValidity')}
              rules={[{ required: true, message: t('common.requiredSelect') }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="register-validUntil" />
            </Form.Item>
          </Col>
          {expired && (
            <Col span={24}>
              <Form.Item
                name="certificateNote"
                label={t('transfers.field.certificateNote')}
                extra={t('transfers.extra.certificateNote')}
                rules={[required]}
              >
                <Input.TextArea
                  maxLength={200}
                  rows={2}
                  placeholder={t('transfers.placeholder.certificateNote')}
                  data-testid="register-certificateNote"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="duesPaidUntil"
              label={t('transfers.field.duesPaidUntil')}
              rules={[{ required: true, message: t('common.requiredSelect') }]}
              {...monthProps}
            >
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="reason"
              label={t('transfers.field.reason')}
              rules={[required, zodRule(shape.reason)]}
            >
              <Input
                maxLength={200}
                placeholder={t('transfers.placeholder.reason')}
                data-testid="register-reason"
              />
            </Form.Item>
          </Col>
        </Row>
        <MemberFields form={form} />
      </Form>
    </FormDrawer>
  );
}
