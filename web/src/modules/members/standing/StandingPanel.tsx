import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Form, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  StandingDecision,
  StandingDecisionKind,
  StandingSummary,
} from '../../../../../contracts/members/standing.ts';
import { errorMessage } from '../../../app/api.ts';
import { FormModal } from '../../../app/FormModal.tsx';
import { dateProps } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { type DecisionBody, standingApi, useMemberStanding } from './api.ts';
import './i18n.ts';

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
  | { kind: 'approve'; decision: StandingDecision }
  | { kind: 'refuse'; decision: StandingDecision };

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
                d.approvedOn
                  ? t('standing.approvedBy', { by: d.approvedBy ?? '', on: d.approvedOn })
                  : d.refusedOn
                    ? t('standing.refusedBy', {
                        by: d.refusedBy ?? '',
                        on: d.refusedOn,
                        reason: d.refusalReason ?? '',
                      })
                    : '—',
            },
            {
              key: 'state',
              title: t('standing.state'),
              render: (_, d) =>
                d.awaitingApproval ? (
                  <Tag color="processing">{t('standing.awaiting')}</Tag>
                ) : d.refusedOn ? (
                  <Tag color="default" data-testid={`standing-refused-${d.id}`}>
                    {t('standing.refused')}
                  </Tag>
                ) : (
                  <Tag color="success">{t('standing.effective', { on: d.effectiveOn })}</Tag>
                ),
            },
            { key: 'reason', title: t('standing.form.decisionReason'), dataIndex: 'reason' },
            {
              key: 'act',
              title: '',
              render: (_, d) =>
                d.can.approve || d.can.refuse ? (
                  <Flex gap={8} wrap>
                    {d.can.approve && (
                      <Button
                        size="large"
                        onClick={() => setDialog({ kind: 'approve', decision: d })}
                        data-testid={`standing-approve-${d.id}`}
                      >
                        {t('standing.approve')}
                      </Button>
                    )}
                    {d.can.refuse && (
                      <Button
                        size="large"
                        danger
                        onClick={() => setDialog({ kind: 'refuse', decision: d })}
                        data-testid={`standing-refuse-${d.id}`}
                      >
                        {t('standing.refuse')}
                      </Button>
                    )}
                  </Flex>
                ) : (
                  d.awaitingApproval &&
                  manage && (
                    <Typography.Text type="secondary" data-testid={`standing-by-committee-${d.id}`}>
                      {t('standing.byCommittee')}
                    </Typography.Text>
                  )
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
          canApprove={s.can.approve}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'approve' && (
        <ApproveModal name={name} decision={dialog.decision} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog?.kind === 'refuse' && (
        <RefuseModal name={name} decision={dialog.decision} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Flex>
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
      large
      saved={t('standing.saved')}
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
      large
      saved={t('standing.saved')}
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
      large
      saved={t('standing.saved')}
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
 * Records a decision: the branch meeting's date and the grounds, and — when the caller is the
 * committee above (`canApprove`) and it has already approved it — the approval; a branch records
 * its meeting only. 退党 and 逝世 take effect at once; the others on approval.
 */
export function DecisionModal({
  member,
  kinds,
  initial,
  canApprove = false,
  onClose,
  onDone,
}: {
  member: { id: string; name: string };
  kinds: StandingDecisionKind[];
  initial?: { kind?: StandingDecisionKind; reason?: string };
  canApprove?: boolean;
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
          approvedOn: v.kind === 'death' || !canApprove ? null : (v.approvedOn ?? null),
          approvedBy: v.kind === 'death' || !canApprove ? null : v.approvedBy?.trim() || null,
        };
        return standingApi.decide(member.id, body);
      }}
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-decide-submit"
      large
      saved={t('standing.saved')}
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
                        : canApprove
                          ? t('standing.form.needsApproval')
                          : t('standing.form.needsApprovalAbove')
                  }
                />
                {kind !== 'death' && canApprove && (
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

/** The decision the committee above answers: its kind and the branch meeting's date. */
function DecisionSummary({ decision }: { decision: { kind: StandingDecisionKind; resolutionOn: string } }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph>
      {t(`standing.decision.${decision.kind}`)} · {t('standing.resolution', { on: decision.resolutionOn })}
    </Typography.Paragraph>
  );
}

/**
 * The committee above's answer, approval or refusal alike: the day it decided and its name (中共××
 * 镇委员会), both required; the inputs are `${testId}-on` and `${testId}-by`.
 */
function CommitteeFields({
  on,
  by,
  testId,
}: {
  on: { name: string; label: string };
  by: { name: string; label: string };
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={on.name} label={on.label} rules={required(t('common.requiredSelect'))} {...dateProps}>
        <DatePicker style={{ width: '100%' }} data-testid={`${testId}-on`} />
      </Form.Item>
      <Form.Item
        name={by.name}
        label={by.label}
        rules={[{ required: true, whitespace: true, message: t('standing.form.approvedByPlaceholder') }]}
      >
        <Input
          maxLength={100}
          placeholder={t('standing.form.approvedByPlaceholder')}
          data-testid={`${testId}-by`}
        />
      </Form.Item>
    </>
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
      large
      saved={t('standing.saved')}
    >
      <>
        <DecisionSummary decision={decision} />
        <CommitteeFields
          on={{ name: 'approvedOn', label: t('standing.form.approvedOnRequired') }}
          by={{ name: 'approvedBy', label: t('standing.form.approvedBy') }}
          testId="standing-approve"
        />
      </>
    </FormModal>
  );
}

/** The committee above refused (不予批准): the decision has no effect; what was due is due again. */
export function RefuseModal({
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
    <FormModal<{ refusedOn: string; refusedBy: string; reason: string }>
      title={`${t('standing.refuse')}：${name}`}
      fields={['refusedOn', 'refusedBy', 'reason']}
      initialValues={{ refusedOn: today() }}
      submit={(v) =>
        standingApi.refuse(decision.id, {
          refusedOn: v.refusedOn,
          refusedBy: v.refusedBy.trim(),
          reason: v.reason.trim(),
        })
      }
      onClose={onClose}
      onDone={onDone}
      okTestId="standing-refuse-submit"
      large
      saved={t('standing.saved')}
    >
      <>
        <DecisionSummary decision={decision} />
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('standing.form.refuseHint')} />
        <CommitteeFields
          on={{ name: 'refusedOn', label: t('standing.form.refusedOn') }}
          by={{ name: 'refusedBy', label: t('standing.form.refusedBy') }}
          testId="standing-refuse"
        />
        <Form.Item
          name="reason"
          label={t('standing.form.refusalReason')}
          rules={[{ required: true, whitespace: true, message: t('standing.form.refusalReasonPlaceholder') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('standing.form.refusalReasonPlaceholder')}
            data-testid="standing-refuse-reason"
          />
        </Form.Item>
      </>
    </FormModal>
  );
}
