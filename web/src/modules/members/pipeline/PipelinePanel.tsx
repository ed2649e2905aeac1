import { WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Flex,
  Form,
  InputNumber,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_ITEMS, type PipelineItem } from '../../../../../contracts/members/enums.ts';
import type { MemberDetail, MemberStatus } from '../../../../../contracts/members/record.ts';
import { errorMessage } from '../../../app/api.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { applyServerErrors, dateProps } from '../../../app/forms.ts';
import { useChangeWords } from '../changeWords.ts';
import {
  type PipelineFileT,
  type PipelineUpdateBody,
  pipelineApi,
  pipelineFileKey,
  usePipelineFile,
} from './api.ts';
import { MemberPicker } from './MemberPicker.tsx';
import { CancelModal, ExtendModal, WithdrawCancellationModal } from './ProbationForms.tsx';
import { type FileField, nextStatusOf, PIPELINE_STEPS, stepState } from './steps.ts';
import './i18n.ts';

type FileValues = Record<PipelineItem, string | null> & {
  trainingHours: number | null;
  cultivationContactIds: string[];
  sponsorIds: string[];
};

const valuesOf = (f: PipelineFileT): FileValues => ({
  ...(Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, f.dates[k] ?? null])) as Record<
    PipelineItem,
    string | null
  >),
  trainingHours: f.trainingHours,
  cultivationContactIds: f.cultivationContacts.map((p) => p.id),
  sponsorIds: f.sponsors.map((p) => p.id),
});
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * One person's recruitment file (中国共产党发展党员工作细则): where they stand and what the next step
 * still needs, the probation (its end, an extension, a cancellation), and the file itself, stage
 * by stage — dates, training hours, cultivation contacts and sponsors.
 */
export function PipelinePanel({
  member,
  onChanged,
}: {
  member: MemberDetail;
  /** The record's own edit right; the file's abilities come with the file. */
  canManage?: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const file = usePipelineFile(member.id);
  const [dialog, setDialog] = useState<'advance' | 'extend' | 'cancel' | 'withdraw' | null>(null);

  if (file.error) return <Alert type="error" showIcon title={errorMessage(file.error)} role="alert" />;
  if (!file.data) return <Skeleton active />;
  const f = file.data;
  const changed = (next?: PipelineFileT) => {
    if (next) queryClient.setQueryData(pipelineFileKey(member.id), next);
    void queryClient.invalidateQueries({ queryKey: pipelineFileKey(member.id).slice(0, 1) });
    onChanged();
  };
  const next = nextStatusOf(f.status);

  return (
    <div data-testid="member-pipeline">
      <NextStep file={f} />
      <ProbationCard
        file={f}
        onExtend={() => setDialog('extend')}
        onCancel={() => setDialog('cancel')}
        onWithdraw={() => setDialog('withdraw')}
      />
      <FileForm key={JSON.stringify(valuesOf(f))} file={f} onSaved={() => changed()} />
      {f.can.advance && next && (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          <Button onClick={() => setDialog('advance')} data-testid="pipeline-advance">
            {t('members.pipeline.advance')}：{t(`memberStatus.${next}`)}
          </Button>
        </Flex>
      )}
      {!next && <Typography.Text type="secondary">{t('members.pipeline.noNext')}</Typography.Text>}
      {dialog === 'advance' && next && (
        <AdvanceModal
          member={member}
          to={next}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
      {dialog === 'extend' && (
        <ExtendModal
          file={f}
          onClose={() => setDialog(null)}
          onDone={(n) => {
            setDialog(null);
            changed(n);
          }}
        />
      )}
      {dialog === 'cancel' && (
        <CancelModal
          file={f}
          onClose={() => setDialog(null)}
          onDone={(n) => {
            setDialog(null);
            changed(n);
          }}
        />
      )}
      {dialog === 'withdraw' && (
        <WithdrawCancellationModal
          file={f}
          onClose={() => setDialog(null)}
          onDone={(n) => {
            setDialog(null);
            changed(n);
          }}
        />
      )}
    </div>
  );
}

/** The next step: ready or not, from when, by when, what is missing, and what to mind. */
function NextStep({ file }: { file: PipelineFileT }) {
  const { t } = useTranslation();
  const words = useChangeWords();
  const s = file.step;
  if (!s.next && !s.alerts.length) return null;
  const overdue = new Set(s.overdue.map((o) => o.item));
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="pipeline-next">
      <Flex vertical gap={8}>
        {s.next && (
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>
              {t('members.pipeline.nextStep', { status: t(`memberStatus.${s.next}`) })}
            </Typography.Text>
            {s.ready ? (
              <Tag color="success">{t('pipelinePage.ready')}</Tag>
            ) : s.missing.length ? (
              <Tag>{t('pipelinePage.notReady')}</Tag>
            ) : (
              <Tag>{t('pipelinePage.notYet')}</Tag>
            )}
            {s.earliestOn && (
              <Typography.Text type="secondary">
                {t('members.pipeline.earliestOn', { on: s.earliestOn })}
              </Typography.Text>
            )}
            {s.deadline && (
              <Typography.Text type={overdue.has(s.deadline.item) ? 'danger' : undefined}>
                {overdue.has(s.deadline.item) && <WarningOutlined />}{' '}
                {t('members.pipeline.deadline', { item: words.label(s.deadline.item), on: s.deadline.dueOn })}
              </Typography.Text>
            )}
          </Flex>
        )}
        {s.overdue.map((o) => (
          <Typography.Text key={`${o.item}-${o.dueOn}`} type="danger">
            <WarningOutlined /> {o.message}
          </Typography.Text>
        ))}
        {s.missing.length > 0 && (
          <ul className="hy-plain-list" data-testid="pipeline-missing">
            {s.missing.map((g) => (
              <li key={`${g.item}-${g.message}`}>
                {words.label(g.item)}：{g.message}
              </li>
            ))}
          </ul>
        )}
        {s.alerts.map((a) => (
          <Alert
            key={a.kind}
            type={a.kind === 'recommendationAdvised' || a.kind === 'transferredIn' ? 'info' : 'warning'}
            showIcon
            title={t(`members.pipeline.alert.${a.kind}`, { on: a.on })}
            data-testid={`pipeline-alert-${a.kind}`}
          />
        ))}
      </Flex>
    </Card>
  );
}

/** The probation: joined, ends (the full-membership date when converted on time), the decisions. */
function ProbationCard({
  file,
  onExtend,
  onCancel,
  onWithdraw,
}: {
  file: PipelineFileT;
  onExtend: () => void;
  onCancel: () => void;
  onWithdraw: () => void;
}) {
  const { t } = useTranslation();
  const p = file.probation;
  if (file.status !== 'probationary' && !p.extension && !p.cancellation) return null;
  const ext = p.extension;
  const c = p.cancellation;
  return (
    <Card
      size="small"
      title={t('members.probation.title')}
      style={{ marginBottom: 16 }}
      data-testid="probation-card"
      extra={
        <Flex gap={8} wrap>
          {file.can.extend && (
            <Button size="small" onClick={onExtend} data-testid="probation-extend">
              {ext ? t('members.probation.editExtension') : t('members.probation.extend')}
            </Button>
          )}
          {file.can.cancel && (
            <Button size="small" danger onClick={onCancel} data-testid="probation-cancel">
              {t('members.probation.cancel')}
            </Button>
          )}
          {file.can.withdraw && (
            <Button size="small" onClick={onWithdraw} data-testid="probation-withdraw">
              {t('members.probation.withdraw')}
            </Button>
          )}
        </Flex>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('members.field.joinedOn')}>{file.joinedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={file.fullOn ? t('members.field.fullOn') : t('members.probation.endsOn')}>
          <span data-testid="probation-ends">{p.endsOn ?? '—'}</span>
        </Descriptions.Item>
        {ext && (
          <Descriptions.Item label={t('members.probation.extension')}>
            <span data-testid="probation-extension">
              {t('members.probation.extensionSummary', {
                months: ext.months,
                resolutionOn: ext.resolutionOn,
              })}
              {ext.approvedOn ? (
                <Tag color="success" style={{ marginInlineStart: 8 }}>
                  {t('members.probation.approvedTag', { on: ext.approvedOn })}
                </Tag>
              ) : (
                <Tag color="warning" style={{ marginInlineStart: 8 }}>
                  {t('members.probation.awaitingTag')}
                </Tag>
              )}
            </span>
          </Descriptions.Item>
        )}
        {c && (
          <Descriptions.Item label={t('members.probation.cancellation')}>
            {t('members.probation.cancellationSummary', { resolutionOn: c.resolutionOn, reason: c.reason })}
            {c.approvedOn ? (
              <Tag color="error" style={{ marginInlineStart: 8 }}>
                {t('members.probation.cancelledTag', { on: c.approvedOn })}
              </Tag>
            ) : (
              <Tag color="warning" style={{ marginInlineStart: 8 }}>
                {t('members.probation.awaitingTag')}
              </Tag>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** The file stage by stage: what may be recorded now is open, the rest waits or is the advance's. */
function FileForm({ file, onSaved }: { file: PipelineFileT; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FileValues>();
  const [general, setGeneral] = useState<string | null>(null);
  const initial = valuesOf(file);
  const keys = [...PIPELINE_ITEMS, 'trainingHours', 'cultivationContactIds', 'sponsorIds'] as const;

  const save = useMutation({
    mutationFn: (v: FileValues) => {
      const body: Record<string, unknown> = {};
      for (const k of keys) if (!same(v[k], initial[k])) body[k] = v[k] ?? (k.endsWith('Ids') ? [] : null);
      return Object.keys(body).length
        ? pipelineApi.saveFile(file.memberId, body as PipelineUpdateBody)
        : Promise.resolve(null);
    },
    onSuccess: (r) => {
      if (r) {
        message.success(t('members.pipeline.saved'));
        onSaved();
      } else message.info(t('members.noChange'));
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, keys)),
  });

  const field = (name: FileField, locked: boolean) => {
    if (name === 'trainingHours')
      return (
        <Form.Item
          name="trainingHours"
          label={t('pipelineItem.trainingHours')}
          extra={t('members.pipeline.hoursHint')}
        >
          <InputNumber
            min={0}
            max={2000}
            precision={0}
            suffix={t('members.pipeline.hours')}
            style={{ width: '100%' }}
            disabled={locked}
            data-testid="pipeline-trainingHours"
          />
        </Form.Item>
      );
    const people = name === 'sponsorIds' ? file.sponsors : file.cultivationContacts;
    return (
      <Form.Item
        name={name}
        label={t(`pipelineItem.${name}`)}
        extra={
          name === 'sponsorIds' ? t('members.pipeline.sponsorsHint') : t('members.pipeline.contactsHint')
        }
      >
        <MemberPicker
          known={people}
          exclude={file.memberId}
          disabled={locked}
          data-testid={`pipeline-${name}`}
        />
      </Form.Item>
    );
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('members.pipeline.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={!file.can.manage}
        initialValues={initial}
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        {PIPELINE_STEPS.map((step) => {
          const state = stepState(file.status, step.to);
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
                {step.fields.map((name) => (
                  <Col key={name} xs={24} md={12} xl={8}>
                    {field(name, state === 'notYet')}
                  </Col>
                ))}
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
      {file.can.manage && (
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="pipeline-save"
        >
          {t('members.pipeline.save')}
        </Button>
      )}
    </>
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
  const toLabel = t(`memberStatus.${to}`);
  return (
    <FormModal<{ on: string }>
      title={t('members.pipeline.advanceTitle', { name: member.name, to: toLabel })}
      okTestId="advance-submit"
      fields={['on', 'to']}
      initialValues={{ on: dayjs().format('YYYY-MM-DD') }}
      submit={(v) => pipelineApi.advance(member.id, { to, on: v.on })}
      saved={t('members.pipeline.advanced', { to: toLabel })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item
        name="on"
        label={t('members.pipeline.advanceOn', { to: toLabel })}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
        {...dateProps}
      >
        <DatePicker style={{ width: '100%' }} data-testid="advance-on" />
      </Form.Item>
    </FormModal>
  );
}
