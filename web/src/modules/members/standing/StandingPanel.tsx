import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  StandingDecision,
  StandingDecisionKind,
  StandingSummary,
} from '../../../../../contracts/members/standing.ts';
import { errorMessage } from '../../../app/api.ts';
import { applyServerErrors, testIdProps } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { dateProps, scrollingBody } from '../transfers/TransferModal.tsx';
import { type DecisionBody, standingApi, useMemberStanding } from './api.ts';
import './i18n.ts';
import { useGuardedClose } from '../../../app/discard.ts';

const today = () => dayjs().format('YYYY-MM-DD');

/** 已出党（自行脱党，2027-08-25）: what the top of a left member's page says. */
export function LeftNotice({ standing }: { standing: StandingSummary }) {
  const { t } = useTranslation();
  if (standing.standing !== 'left') return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      data-testid="member-left-notice"
      title={t('standing.left', {
        how: standing.leftHow ? t(`standing.leftHow.${standing.leftHow}`) : '',
        on: standing.leftOn ?? '',
      })}
      description={t('standing.leftHint')}
    />
  );
}

/** A member's standing in a tag: shown next to the name when it is not normal. */
export function StandingTag({ standing }: { standing: StandingSummary }) {
  const { t } = useTranslation();
  if (standing.standing === 'left')
    return (
      <Tag color="default" data-testid="member-standing-tag">
        {t('standing.status.left')}
      </Tag>
    );
  if (standing.standing === 'suspended')
    return (
      <Tag color="error" data-testid="member-standing-tag">
        {t('standing.status.suspended')}
      </Tag>
    );
  if (standing.lostContactOn && !standing.foundOn)
    return (
      <Tag color="warning" data-testid="member-standing-tag">
        {t('standing.lostTag')}
      </Tag>
    );
  return null;
}

type Dialog =
  | { kind: 'lost' }
  | { kind: 'found' }
  | { kind: 'abroad' }
  | { kind: 'decide' }
  | { kind: 'approve'; decision: StandingDecision };

/**
 * 党籍 on the member's page: the standing in words, lost contact and found again, abroad, and the
 * decisions with their branch meeting and approval. The buttons are those the server allows.
 */
export function StandingPanel({ memberId, name }: { memberId: string; name: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const standing = useMemberStanding(memberId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (standing.isPending) return <Skeleton active />;
  if (standing.error || !standing.data) return <Empty description={errorMessage(standing.error)} />;
  const s = standing.data;
  const manage = s.can.manage;
  const out = !!s.lostContactOn && !s.foundOn;
  const done = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };

  const lines: string[] = [];
  if (s.standing === 'suspended' && s.suspendedOn)
    lines.push(t('standing.suspendedSince', { on: s.suspendedOn }));
  if (out) {
    lines.push(t('standing.lostSince', { on: s.lostContactOn }));
    if (s.lostContactReason) lines.push(t('standing.lostReason', { reason: s.lostContactReason }));
  } else if (s.lostContactOn && s.foundOn) lines.push(t('standing.foundOn', { on: s.foundOn }));
  if (s.abroadKind && s.abroadSince)
    lines.push(t('standing.abroadSince', { kind: t(`standing.abroad.${s.abroadKind}`), on: s.abroadSince }));

  return (
    <Flex vertical gap={16} data-testid="member-standing">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('standing.hint')}
      </Typography.Paragraph>
      {s.standing === 'left' ? (
        <LeftNotice standing={s} />
      ) : (
        <Alert
          type={s.standing === 'suspended' ? 'error' : out ? 'warning' : 'success'}
          showIcon
          title={<span data-testid="standing-status">{t(`standing.status.${s.standing}`)}</span>}
          description={lines.length ? lines.map((l) => <div key={l}>{l}</div>) : undefined}
        />
      )}
      {manage && (
        <Flex gap={8} wrap>
          {out ? (
            <Button size="large" onClick={() => setDialog({ kind: 'found' })} data-testid="standing-found">
              {t('standing.markFound')}
            </Button>
          ) : (
            <Button size="large" onClick={() => setDialog({ kind: 'lost' })} data-testid="standing-lost">
              {t('standing.markLost')}
            </Button>
          )}
          <Button size="large" onClick={() => setDialog({ kind: 'abroad' })} data-testid="standing-abroad">
            {s.abroadKind ? t('standing.backFromAbroad') : t('standing.recordAbroad')}
          </Button>
          {s.decisionsAllowed.length > 0 && (
            <Button
              size="large"
              type="primary"
              onClick={() => setDialog({ kind: 'decide' })}
              data-testid="standing-decide"
            >
              {t('standing.recordDecision')}
            </Button>
          )}
        </Flex>
      )}
      <div>
        <Typography.Title level={5}>{t('standing.decisions')}</Typography.Title>
        <Table<StandingDecision>
          rowKey="id"
          size="small"
          dataSource={s.decisions}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('standing.noDecisions') }}
          data-testid="standing-decisions"
          columns={[
            {
              key: 'kind',
              title: t('standing.form.kind'),
              render: (_, d) => t(`standing.decision.${d.kind}`),
            },
            {
              key: 'resolution',
              title: t('standing.form.resolutionOn'),
              dataIndex: 'resolutionOn',
            },
            {
              key: 'approval',
              title: t('standing.form.approvedBy'),
              render: (_, d) =>
                d.approvedOn ? t('standing.approvedBy', { by: d.approvedBy ?? '', on: d.approvedOn }) : '—',
            },
            {
              key: 'state',
              title: t('standing.state'),
              render: (_, d) =>
                d.awaitingApproval ? (
                  <Tag color="processing">{t('standing.awaiting')}</Tag>
                ) : (
                  <Tag color="success">{t('standing.effective', { on: d.effectiveOn })}</Tag>
                ),
            },
            { key: 'reason', title: t('standing.form.decisionReason'), dataIndex: 'reason' },
            {
              key: 'act',
              title: '',
              render: (_, d) =>
                d.can.approve && (
                  <Button
                    onClick={() => setDialog({ kind: 'approve', decision: d })}
                    data-testid={`standing-approve-${d.id}`}
                  >
                    {t('standing.approve')}
                  </Button>
                ),
            },
          ]}
        />
      </div>
      {dialog?.kind === 'lost' && (
        <LostContactModal memberId={memberId} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'found' && (
        <FoundModal
          memberId={memberId}
          lostOn={s.lostContactOn}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'abroad' && (
        <AbroadModal
          memberId={memberId}
          current={s.abroadKind ? { kind: s.abroadKind, since: s.abroadSince } : null}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'decide' && (
        <DecisionModal
          member={{ id: memberId, name }}
          kinds={s.decisionsAllowed}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'approve' && (
        <ApproveModal name={name} decision={dialog.decision} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Flex>
  );
}

/** A modal form that sends `submit`, shows the server's field errors beside the fields and the rest above. */
function FormModal<T extends object>({
  title,
  fields,
  initialValues,
  submit,
  onClose,
  onDone,
  okTestId,
  children,
}: {
  title: string;
  fields: string[];
  initialValues: Partial<T>;
  submit: (v: T) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  okTestId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: submit,
    onSuccess: () => {
      message.success(t('standing.saved'));
      onDone();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, fields)),
  });
  return (
    <Modal
      open
      title={title}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={send.isPending}
      okButtonProps={testIdProps(okTestId, { size: 'large' })}
      cancelButtonProps={{ size: 'large' }}
      mask={{ closable: false }}
      styles={scrollingBody}
      destroyOnHidden
    >
      <Form<T>
        form={form}
        layout="vertical"
        size="large"
        initialValues={initialValues}
        onFinish={(v) => {
          setGeneral(null);
          send.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        {children}
      </Form>
    </Modal>
  );
}

const required = (message: string) => [{ required: true, message }];

function LostContactModal({
  memberId,
  onClose,
  onDone,
}: {
  memberId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ lostOn: string; reason: string }>
      title={t('standing.markLost')}
      fields={['lostOn', 'reason']}
      initialValues={{ lostOn: today() }}
      submit={(v) => standingApi.lostContact(memberId, { lostOn: v.lostOn, reason: v.reason.trim() })}
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-lost-submit"
    >
      <>
        <Form.Item
          name="lostOn"
          label={t('standing.form.lostOn')}
          rules={required(t('common.requiredSelect'))}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="standing-lost-on" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('standing.form.reason')}
          rules={[{ required: true, whitespace: true, message: t('standing.form.reasonPlaceholder') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('standing.form.reasonPlaceholder')}
            data-testid="standing-lost-reason"
          />
        </Form.Item>
      </>
    </FormModal>
  );
}

function FoundModal({
  memberId,
  lostOn,
  onClose,
  onDone,
}: {
  memberId: string;
  lostOn: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ foundOn: string }>
      title={t('standing.markFound')}
      fields={['foundOn']}
      initialValues={{ foundOn: today() }}
      submit={(v) => standingApi.found(memberId, v)}
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-found-submit"
    >
      <>
        {lostOn && (
          <Typography.Paragraph type="secondary">
            {t('standing.lostSince', { on: lostOn })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="foundOn"
          label={t('standing.form.foundOn')}
          rules={required(t('common.requiredSelect'))}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="standing-found-on" />
        </Form.Item>
      </>
    </FormModal>
  );
}

function AbroadModal({
  memberId,
  current,
  onClose,
  onDone,
}: {
  memberId: string;
  current: { kind: 'settled' | 'studying'; since: string | null } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  type V = { kind: 'settled' | 'studying' | 'back'; since: string | null };
  return (
    <FormModal<V>
      title={current ? t('standing.backFromAbroad') : t('standing.recordAbroad')}
      fields={['kind', 'since']}
      initialValues={current ? { kind: 'back', since: null } : { kind: 'studying', since: today() }}
      submit={(v) =>
        standingApi.abroad(
          memberId,
          v.kind === 'back' ? { kind: null, since: null } : { kind: v.kind, since: v.since },
        )
      }
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-abroad-submit"
    >
      <>
        <Form.Item
          name="kind"
          label={t('standing.form.abroadKind')}
          rules={required(t('common.requiredSelect'))}
        >
          <Select
            data-testid="standing-abroad-kind"
            options={[
              { value: 'settled', label: t('standing.abroad.settled') },
              { value: 'studying', label: t('standing.abroad.studying') },
              ...(current ? [{ value: 'back', label: t('standing.backFromAbroad') }] : []),
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) =>
            getFieldValue('kind') !== 'back' && (
              <Form.Item
                name="since"
                label={t('standing.form.abroadSince')}
                rules={required(t('common.requiredSelect'))}
                {...dateProps}
              >
                <DatePicker style={{ width: '100%' }} data-testid="standing-abroad-since" />
              </Form.Item>
            )
          }
        </Form.Item>
      </>
    </FormModal>
  );
}

/**
 * Records a decision: the branch meeting's date and the grounds, and — when the committee above has
 * already approved it — the approval. 退党 and 逝世 take effect at once; the others on approval.
 */
export function DecisionModal({
  member,
  kinds,
  initial,
  onClose,
  onDone,
}: {
  member: { id: string; name: string };
  kinds: StandingDecisionKind[];
  initial?: { kind?: StandingDecisionKind; reason?: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  type V = {
    kind: StandingDecisionKind;
    resolutionOn: string;
    reason: string;
    approvedOn: string | null;
    approvedBy: string | null;
  };
  return (
    <FormModal<V>
      title={`${t('standing.recordDecision')}：${member.name}`}
      fields={['kind', 'resolutionOn', 'reason', 'approvedOn', 'approvedBy']}
      initialValues={{ kind: initial?.kind ?? kinds[0], resolutionOn: today(), reason: initial?.reason }}
      submit={(v) => {
        const body: DecisionBody = {
          kind: v.kind,
          resolutionOn: v.resolutionOn,
          reason: v.reason.trim(),
          approvedOn: v.kind === 'death' ? null : (v.approvedOn ?? null),
          approvedBy: v.kind === 'death' ? null : v.approvedBy?.trim() || null,
        };
        return standingApi.decide(member.id, body);
      }}
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-decide-submit"
    >
      <>
        <Form.Item name="kind" label={t('standing.form.kind')} rules={required(t('common.requiredSelect'))}>
          <Select
            data-testid="standing-decide-kind"
            options={kinds.map((k) => ({ value: k, label: t(`standing.decision.${k}`) }))}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) => {
            const kind = getFieldValue('kind') as StandingDecisionKind;
            return (
              <>
                <Form.Item
                  name="resolutionOn"
                  label={kind === 'death' ? t('standing.form.deathOn') : t('standing.form.resolutionOn')}
                  rules={required(t('common.requiredSelect'))}
                  {...dateProps}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="standing-decide-on" />
                </Form.Item>
                <Form.Item
                  name="reason"
                  label={t('standing.form.decisionReason')}
                  rules={[{ required: true, whitespace: true, message: t('standing.form.decisionReason') }]}
                >
                  <Input.TextArea rows={3} maxLength={500} showCount data-testid="standing-decide-reason" />
                </Form.Item>
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={
                    kind === 'death'
                      ? t('standing.form.deathNoApproval')
                      : kind === 'resign'
                        ? t('standing.form.resignFiled')
                        : t('standing.form.needsApproval')
                  }
                />
                {kind !== 'death' && (
                  <Flex gap={12} wrap>
                    <Form.Item
                      name="approvedOn"
                      label={t('standing.form.approvedOn')}
                      style={{ flex: '1 1 200px' }}
                      {...dateProps}
                    >
                      <DatePicker style={{ width: '100%' }} data-testid="standing-decide-approved-on" />
                    </Form.Item>
                    <Form.Item
                      name="approvedBy"
                      label={t('standing.form.approvedBy')}
                      style={{ flex: '1 1 200px' }}
                    >
                      <Input maxLength={100} placeholder={t('standing.form.approvedByPlaceholder')} />
                    </Form.Item>
                  </Flex>
                )}
              </>
            );
          }}
        </Form.Item>
      </>
    </FormModal>
  );
}

/** The committee above approved: the decision takes effect on that day. */
export function ApproveModal({
  name,
  decision,
  onClose,
  onDone,
}: {
  name: string;
  decision: { id: string; kind: StandingDecisionKind; resolutionOn: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ approvedOn: string; approvedBy: string }>
      title={`${t('standing.approve')}：${name}`}
      fields={['approvedOn', 'approvedBy']}
      initialValues={{ approvedOn: today() }}
      submit={(v) =>
        standingApi.approve(decision.id, { approvedOn: v.approvedOn, approvedBy: v.approvedBy.trim() })
      }
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-approve-submit"
    >
      <>
        <Typography.Paragraph>
          {t(`standing.decision.${decision.kind}`)} ·{' '}
          {t('standing.resolution', { on: decision.resolutionOn })}
        </Typography.Paragraph>
        <Form.Item
          name="approvedOn"
          label={t('standing.form.approvedOnRequired')}
          rules={required(t('common.requiredSelect'))}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="standing-approve-on" />
        </Form.Item>
        <Form.Item
          name="approvedBy"
          label={t('standing.form.approvedBy')}
          rules={[{ required: true, whitespace: true, message: t('standing.form.approvedByPlaceholder') }]}
        >
          <Input
            maxLength={100}
            placeholder={t('standing.form.approvedByPlaceholder')}
            data-testid="standing-approve-by"
          />
        </Form.Item>
      </>
    </FormModal>
  );
}
