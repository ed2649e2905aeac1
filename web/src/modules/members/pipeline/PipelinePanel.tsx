import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Divider, Flex, Form, Modal, Row, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_ITEMS, type PipelineItem } from '../../../../../contracts/members/enums.ts';
import type { MemberDetail, MemberStatus } from '../../../../../contracts/members/record.ts';
import { applyServerErrors, testIdProps } from '../../../app/forms.ts';
import { pipelineApi } from './api.ts';
import { nextStatusOf, PIPELINE_STEPS, stepState } from './steps.ts';
import './i18n.ts';

const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/**
 * The recruitment pipeline of one person: the dates each step requires, stage by stage, and the
 * step to the next stage (入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员).
 */
export function PipelinePanel({
  member,
  canManage,
  onChanged,
}: {
  member: MemberDetail;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<PipelineItem, string | null>>();
  const [general, setGeneral] = useState<string | null>(null);
  const [advancing, setAdvancing] = useState(false);
  const next = nextStatusOf(member.status);

  const save = useMutation({
    mutationFn: (v: Record<PipelineItem, string | null>) => {
      const body: Partial<Record<PipelineItem, string | null>> = {};
      for (const k of PIPELINE_ITEMS)
        if ((v[k] ?? null) !== (member.pipeline[k] ?? null)) body[k] = v[k] ?? null;
      return Object.keys(body).length ? pipelineApi.saveDates(member.id, body) : Promise.resolve(null);
    },
    onSuccess: (r) => {
      if (r) {
        message.success(t('members.pipeline.saved'));
        onChanged();
      } else message.info(t('members.noChange'));
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, PIPELINE_ITEMS)),
  });

  return (
    <div data-testid="member-pipeline">
      <Typography.Paragraph type="secondary">{t('members.pipeline.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={!canManage}
        initialValues={member.pipeline}
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        {PIPELINE_STEPS.map((step) => {
          const state = stepState(member.status, step.to);
          return (
            <div key={step.to}>
              <Divider titlePlacement="start" plain>
                <Flex gap={8} align="center">
                  <span>{t('members.pipeline.stepTo', { status: t(`memberStatus.${step.to}`) })}</span>
                  <Tag color={state === 'done' ? 'success' : state === 'next' ? 'processing' : 'default'}>
                    {t(`members.pipeline.${state}`)}
                  </Tag>
                </Flex>
              </Divider>
              <Row gutter={16}>
                {step.items.map((item) => {
                  // The decision of a step not yet taken is recorded by the advance; later steps wait.
                  const byAdvance = state === 'next' && item === step.decision;
                  const locked = state === 'notYet' || byAdvance;
                  return (
                    <Col key={item} xs={24} md={12} xl={8}>
                      <Form.Item
                        name={item}
                        label={t(`pipelineItem.${item}`)}
                        extra={
                          byAdvance
                            ? t('members.pipeline.byAdvance')
                            : state === 'notYet'
                              ? t('members.pipeline.notYetItem')
                              : undefined
                        }
                        {...dateProps}
                      >
                        <DatePicker
                          style={{ width: '100%' }}
                          disabled={locked}
                          data-testid={`pipeline-${item}`}
                        />
                      </Form.Item>
                    </Col>
                  );
                })}
              </Row>
            </div>
          );
        })}
      </Form>
      {canManage && (
        <Flex gap={8} wrap>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="pipeline-save"
          >
            {t('members.pipeline.save')}
          </Button>
          {next ? (
            <Button onClick={() => setAdvancing(true)} data-testid="pipeline-advance">
              {t('members.pipeline.advance')}：{t(`memberStatus.${next}`)}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('members.pipeline.noNext')}</Typography.Text>
          )}
        </Flex>
      )}
      {advancing && next && (
        <AdvanceModal
          member={member}
          to={next}
          onClose={() => setAdvancing(false)}
          onDone={() => {
            setAdvancing(false);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

export function AdvanceModal({
  member,
  to,
  onClose,
  onDone,
}: {
  member: { id: string; name: string };
  to: MemberStatus;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: string }>();
  const [general, setGeneral] = useState<string | null>(null);
  const toLabel = t(`memberStatus.${to}`);
  const advance = useMutation({
    mutationFn: (v: { on: string }) => pipelineApi.advance(member.id, { to, on: v.on }),
    onSuccess: () => {
      message.success(t('members.pipeline.advanced', { to: toLabel }));
      onDone();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['on', 'to'])),
  });
  return (
    <Modal
      open
      title={t('members.pipeline.advanceTitle', { name: member.name, to: toLabel })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={advance.isPending}
      okButtonProps={testIdProps('advance-submit')}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs().format('YYYY-MM-DD') }}
        onFinish={(v) => {
          setGeneral(null);
          advance.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="on"
          label={t('members.pipeline.advanceOn', { to: toLabel })}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="advance-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
