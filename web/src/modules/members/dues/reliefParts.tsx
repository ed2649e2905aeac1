import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Modal, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api.ts';
import { DatePicker as DayPicker } from '../../../app/DatePicker.tsx';
import { currentMonth } from '../../../app/dates.ts';
import { yuan } from '../../../app/format.ts';
import { memberKeys } from '../keys.ts';
import { duesApi, type ReliefT } from './api.ts';
import { useDuesWords } from './parts.tsx';
import './i18n.ts';

/** The relief's period, amount and reason in words. */
export function ReliefWhat({ r }: { r: ReliefT }) {
  const { t } = useTranslation();
  const words = useDuesWords();
  return (
    <Flex vertical gap={2}>
      <span>
        <Tag color={r.kind === 'excused' ? 'blue' : 'cyan'}>{words.relief(r.kind)}</Tag>
        {r.kind === 'reduced' &&
          r.amountFen != null &&
          t('dues.relief.perMonth', { amount: yuan(r.amountFen) })}
        {r.kind === 'excused' && r.reasonKind && words.reason(r.reasonKind)}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.reason}
      </Typography.Text>
    </Flex>
  );
}

/** 登记上级批准 and 结束: the two later steps of a relief, each a date asked for in a small dialog. */
export function ReliefActions({ r }: { r: ReliefT }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<'approve' | 'end' | null>(null);
  const [value, setValue] = useState<Dayjs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: () =>
      asking === 'approve'
        ? duesApi.approveRelief(r.id, value!.format('YYYY-MM-DD'))
        : duesApi.endRelief(r.id, value!.format('YYYY-MM')),
    onSuccess: () => {
      message.success(t(asking === 'approve' ? 'dues.relief.approved' : 'dues.relief.ended'));
      setAsking(null);
      void queryClient.invalidateQueries({ queryKey: memberKeys.dues });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const open = (what: 'approve' | 'end') => {
    setError(null);
    setValue(what === 'approve' ? dayjs() : dayjs(`${currentMonth()}-01`));
    setAsking(what);
  };
  if (!r.can.approve && !r.can.end) return null;
  return (
    <>
      <Space wrap>
        {r.can.approve && (
          <Button
            size="small"
            type="primary"
            onClick={() => open('approve')}
            data-testid={`relief-approve-${r.id}`}
          >
            {t('dues.relief.approve')}
          </Button>
        )}
        {r.can.end && (
          <Button size="small" onClick={() => open('end')} data-testid={`relief-end-${r.id}`}>
            {t('dues.relief.end')}
          </Button>
        )}
      </Space>
      <Modal
        open={!!asking}
        title={t(asking === 'approve' ? 'dues.relief.approveTitle' : 'dues.relief.endTitle')}
        onCancel={() => setAsking(null)}
        onOk={() => value && act.mutate()}
        okButtonProps={{ loading: act.isPending, disabled: !value }}
        destroyOnHidden
      >
        {asking === 'approve' ? (
          <DayPicker
            value={value}
            onChange={setValue}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="relief-approve-date"
          />
        ) : (
          <DatePicker picker="month" value={value} onChange={setValue} allowClear={false} />
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
      </Modal>
    </>
  );
}

/** The relief's period in words: 2026-01 起, 2026-01 至 2026-06. */
export function ReliefPeriod({ r }: { r: ReliefT }) {
  const { t } = useTranslation();
  return (
    <>
      {r.toMonth
        ? t('dues.relief.fromTo', { from: r.fromMonth, to: r.toMonth })
        : t('dues.relief.fromOn', { from: r.fromMonth })}
    </>
  );
}
