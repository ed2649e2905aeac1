import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpStatus } from '../../../../contracts/index.ts';
import { api, errorMessage } from '../api.ts';
import { QrCode } from '../QrCode.tsx';
import { RecoveryCodes } from './SecondFactor.tsx';

const statusKey = ['auth', 'totp'] as const;

/**
 * 两步验证 on the account page: switch it on (QR code, first code, recovery codes shown once),
 * new recovery codes, switch it off where no role requires it, forget remembered devices.
 */
export function TwoStepCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: statusKey, queryFn: () => api.get<TotpStatus>('/auth/totp') });
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const done = () => {
    setCode('');
    void queryClient.invalidateQueries({ queryKey: statusKey });
  };
  const fail = (e: unknown) => void message.error(errorMessage(e));

  const start = useMutation({
    mutationFn: () => api.post<{ secret: string; otpauthUri: string }>('/auth/totp/enrol'),
    onSuccess: setEnrolment,
    onError: fail,
  });
  const confirm = useMutation({
    mutationFn: () => api.post<{ recoveryCodes: string[] }>('/auth/totp/confirm', { code }),
    onSuccess: (r) => {
      message.success(t('totp.card.enabled'));
      setEnrolment(null);
      setCodes(r.recoveryCodes);
      done();
    },
    onError: fail,
  });
  const renew = useMutation({
    mutationFn: () => api.post<{ recoveryCodes: string[] }>('/auth/totp/recovery-codes', { code }),
    onSuccess: (r) => {
      setCodes(r.recoveryCodes);
      done();
    },
    onError: fail,
  });
  const disable = useMutation({
    mutationFn: () => api.post('/auth/totp/disable', { code }),
    onSuccess: () => {
      message.success(t('totp.card.disabled'));
      done();
    },
    onError: fail,
  });
  const forget = useMutation({
    mutationFn: () => api.del('/auth/trusted-devices'),
    onSuccess: () => {
      message.success(t('totp.card.forgotten'));
      done();
    },
    onError: fail,
  });
  const withCode = (m: { mutate: () => void }) => () =>
    code.trim() ? m.mutate() : void message.warning(t('totp.card.needCode'));

  const s = status.data;
  const codeInput = (label: string, testId: string) => (
    <Input
      aria-label={label}
      placeholder={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      value={code}
      onChange={(e) => setCode(e.target.value)}
      style={{ width: '16rem' }}
      data-testid={testId}
    />
  );

  return (
    <Card title={t('totp.title')} size="small" loading={status.isPending} data-testid="totp-card">
      {codes && (
        <div style={{ marginBottom: 16 }}>
          <RecoveryCodes codes={codes} />
          <Button onClick={() => setCodes(null)} style={{ marginTop: 8 }}>
            {t('totp.saved')}
          </Button>
        </div>
      )}
      {s && !s.enabled && !enrolment && (
        <Space direction="vertical">
          <Typography.Text>{t('totp.card.off')}</Typography.Text>
          <Button
            type="primary"
            onClick={() => start.mutate()}
            loading={start.isPending}
            data-testid="totp-start"
          >
            {t('totp.card.start')}
          </Button>
        </Space>
      )}
      {enrolment && (
        <Space direction="vertical">
          <Typography.Text>{t('totp.enrolIntro')}</Typography.Text>
          <QrCode text={enrolment.otpauthUri} size="12rem" label={t('totp.qrLabel')} />
          <Typography.Text>
            {t('totp.manual')}{' '}
            <code data-testid="totp-secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </Typography.Text>
          <Space wrap>
            {codeInput(t('totp.card.confirmCode'), 'totp-confirm-code')}
            <Button
              type="primary"
              onClick={withCode(confirm)}
              loading={confirm.isPending}
              data-testid="totp-confirm"
            >
              {t('totp.card.confirm')}
            </Button>
          </Space>
        </Space>
      )}
      {s?.enabled && (
        <Space direction="vertical">
          <Space wrap>
            <Tag color="green" data-testid="totp-on">
              {t('totp.card.on', { date: dayjs(s.enabledAt).format('YYYY-MM-DD') })}
            </Tag>
            {s.required && <Tag>{t('totp.card.required')}</Tag>}
            <Typography.Text type="secondary">
              {t('totp.card.left', { n: s.recoveryCodesLeft })}
            </Typography.Text>
          </Space>
          <Space wrap>
            {codeInput(t('totp.card.actionCode'), 'totp-action-code')}
            <Button onClick={withCode(renew)} loading={renew.isPending}>
              {t('totp.card.renew')}
            </Button>
            {!s.required && (
              <Button
                danger
                onClick={withCode(disable)}
                loading={disable.isPending}
                data-testid="totp-disable"
              >
                {t('totp.card.disable')}
              </Button>
            )}
          </Space>
        </Space>
      )}
      {s && s.devices.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">
            {t('totp.card.devices', { n: s.devices.length, days: s.rememberDays })}
          </Typography.Text>
          <Button size="small" onClick={() => forget.mutate()} loading={forget.isPending}>
            {t('totp.card.forget')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
