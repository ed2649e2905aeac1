import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Spin,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthState } from '../../../../contracts/assessment/scores.ts';
import { errorMessage } from '../../app/api.ts';
import { FormModal } from '../../app/FormModal.tsx';
import { testIdProps } from '../../app/forms.ts';
import { ReasonModal } from '../../app/ReasonModal.tsx';
import { when } from '../../app/when.ts';
import { addAdjustment, reopenMonth, useCloseMonth, useCompute, useMonthState } from './api.ts';

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Seconds since `running` became true, ticking while it stays so: a long computation shows it lives. */
function useElapsed(running: boolean): number {
  const [s, setS] = useState(0);
  useEffect(() => {
    if (!running) return;
    const start = Date.now();
    setS(0);
    const id = setInterval(() => setS(Math.floor((Date.now() - start) / 1000)), 1000);
    return () => clearInterval(id);
  }, [running]);
  return s;
}

/**
 * 本月状态: when the month was computed and how, open or closed; for the department (`manage`)
 * 重新计算, 全部重算, 关闭本月, 重新开启 and 加减分 for the org on screen.
 */
export function MonthPanel({
  month,
  org,
  manage,
}: {
  month: string;
  org: { orgId: string; name: string } | undefined;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const state = useMonthState(month);
  const compute = useCompute(month);
  const close = useCloseMonth(month);
  const elapsed = useElapsed(compute.isPending);
  const [reopening, setReopening] = useState(false);
  const [adjusting, setAdjusting] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  // a failure of another month is not this one's
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared when the month changes
  useEffect(() => setFailed(null), [month]);

  const s: MonthState | undefined = state.data;
  const closed = s?.state === 'closed';

  const run = (full: boolean) => {
    setFailed(null);
    compute.mutate(full, {
      onSuccess: (r) =>
        message.success(
          t('assessment.computed', { orgs: r.lastRun?.orgs ?? 0, seconds: seconds(r.lastRun?.ms ?? 0) }),
        ),
      onError: (e) => setFailed(errorMessage(e)),
    });
  };

  return (
    <Card size="small" title={t('assessment.state.title')} data-testid="assessment-month-state">
      {state.error && <Alert type="error" showIcon title={errorMessage(state.error)} role="alert" />}
      {s && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('assessment.state.status')}>
            {closed ? (
              <Tag color="default" icon={<LockOutlined />} data-testid="month-closed">
                {t('assessment.state.closed')}
              </Tag>
            ) : (
              <Tag color="blue" icon={<UnlockOutlined />} data-testid="month-open">
                {t('assessment.state.open')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.state.computedAt')}>
            <span data-testid="month-computed-at">
              {when(s.computedAt) || t('assessment.state.notComputed')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.state.lastRun')}>
            {s.lastRun
              ? t('assessment.state.lastRunText', {
                  mode: t(`assessment.state.${s.lastRun.mode}`),
                  orgs: s.lastRun.orgs,
                  seconds: seconds(s.lastRun.ms),
                })
              : t('common.none')}
          </Descriptions.Item>
          {closed && s.closedAt && (
            <Descriptions.Item label={t('assessment.state.closedAt')}>{when(s.closedAt)}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      {closed && (
        <Alert type="info" showIcon title={t('assessment.state.closedHint')} style={{ marginBottom: 12 }} />
      )}
      {manage && s && (
        <Space wrap>
          <Button
            type="primary"
            title={t('assessment.computeHint')}
            loading={compute.isPending && compute.variables === false}
            disabled={closed || compute.isPending}
            onClick={() => run(false)}
            {...testIdProps('assessment-compute')}
          >
            {t('assessment.compute')}
          </Button>
          <Button
            title={t('assessment.computeFullHint')}
            loading={compute.isPending && compute.variables === true}
            disabled={closed || compute.isPending}
            onClick={() => run(true)}
            {...testIdProps('assessment-compute-full')}
          >
            {t('assessment.computeFull')}
          </Button>
          {!closed && (
            <Button
              disabled={!org || compute.isPending}
              onClick={() => setAdjusting(true)}
              {...testIdProps('assessment-adjust')}
            >
              {t('assessment.adjust')}
            </Button>
          )}
          {closed ? (
            <Button danger onClick={() => setReopening(true)} {...testIdProps('assessment-reopen')}>
              {t('assessment.reopen')}
            </Button>
          ) : (
            <Popconfirm
              title={t('assessment.closeConfirm', { month })}
              okText={t('assessment.close')}
              cancelText={t('common.cancel')}
              okButtonProps={testIdProps('assessment-close-ok', { danger: true })}
              onConfirm={() =>
                close
                  .mutateAsync()
                  .then(() => message.success(t('assessment.closed', { month })))
                  .catch((e) => message.error(errorMessage(e)))
              }
            >
              <Button
                danger
                loading={close.isPending}
                disabled={!s.computedAt || compute.isPending}
                {...testIdProps('assessment-close')}
              >
                {t('assessment.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {compute.isPending && (
        <Alert
          type="info"
          style={{ marginTop: 12 }}
          role="status"
          data-testid="assessment-computing"
          title={
            <Space>
              <Spin size="small" />
              {t('assessment.computing', { seconds: elapsed })}
            </Space>
          }
        />
      )}
      {failed && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setFailed(null)}
          title={failed}
          role="alert"
          style={{ marginTop: 12 }}
          data-testid="assessment-error"
        />
      )}
      {reopening && (
        <ReasonModal
          title={t('assessment.reopenTitle', { month })}
          okText={t('assessment.reopen')}
          label={t('assessment.reopenReason')}
          placeholder={t('assessment.reopenPlaceholder')}
          hint={t('assessment.reopenHint')}
          okTestId="assessment-reopen-ok"
          submit={(reason) => reopenMonth(month, reason)}
          onClose={() => setReopening(false)}
          onDone={() => {
            setReopening(false);
            message.success(t('assessment.reopened', { month }));
          }}
        />
      )}
      {adjusting && org && <AdjustModal month={month} org={org} onClose={() => setAdjusting(false)} />}
    </Card>
  );
}

function AdjustModal({
  month,
  org,
  onClose,
}: {
  month: string;
  org: { orgId: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ points: number; reason: string }>
      title={t('assessment.adjustTitle', { org: org.name })}
      okTestId="assessment-adjust-ok"
      testId="assessment-adjust-modal"
      fields={['points', 'reason']}
      intro={<Alert type="info" showIcon title={t('assessment.adjustIntro')} style={{ marginBottom: 16 }} />}
      submit={(v) => addAdjustment(month, { orgId: org.orgId, points: v.points, reason: v.reason.trim() })}
      saved={t('assessment.adjusted')}
      onClose={onClose}
      onDone={onClose}
    >
      <Form.Item
        name="points"
        label={t('assessment.adjustPoints')}
        rules={[
          { required: true, message: t('assessment.adjustPointsRequired') },
          {
            validator: async (_r, v: unknown) => {
              if (v === 0) throw new Error(t('assessment.adjustNonZero'));
            },
          },
        ]}
      >
        <InputNumber min={-100} max={100} step={1} style={{ width: 160 }} data-testid="adjust-points" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('assessment.adjustReason')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 500 }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('assessment.adjustPlaceholder')}
          data-testid="adjust-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
