import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { QrCode } from '../../../app/QrCode.tsx';
import { activityApi, activityKeys, useActivity } from './api.ts';
import './i18n.ts';
import './activities.css';

/**
 * The room's screen (签到二维码): the QR code of the current 30 seconds, as big as the screen
 * allows, with the seconds until the next one and how many have signed in. The server makes each
 * code (the screen's clock does not matter) and is asked again when the next is due.
 */
export default function QrScreenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  // the count of those signed in, every few seconds
  const activity = useActivity(id, 5000);
  const qr = useQuery({
    queryKey: activityKeys.qr(id),
    queryFn: () => activityApi.qr(id),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const nextAt = qr.data ? Date.parse(qr.data.nextAt) : 0;
  const left = Math.max(0, Math.ceil((nextAt - now) / 1000));
  // a new code when this one's 30 seconds are up
  useEffect(() => {
    if (qr.data && now >= nextAt && !qr.isFetching) void qr.refetch();
  }, [now, nextAt, qr]);
  useEffect(() => {
    document.title = `${t('activities.qrScreen.title')} · ${t('app.title')}`;
  }, [t]);

  const a = activity.data;
  const url = qr.data ? `${window.location.origin}${qr.data.path}` : '';
  return (
    <div className="hy-qr-screen" data-testid="qr-screen">
      <div className="hy-qr-screen-bar">
        <Button onClick={() => navigate(`/activities/${id}`)}>{t('activities.qrScreen.close')}</Button>
        <Button onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}>
          {t('activities.qrScreen.fullscreen')}
        </Button>
      </div>
      {a && (
        <>
          <p className="hy-qr-screen-kind">{t(`activities.kind.${a.kind}`)}</p>
          <h1 className="hy-qr-screen-topic">{a.topic}</h1>
        </>
      )}
      {qr.isError && (
        <p className="hy-qr-screen-error" role="alert">
          {t('activities.qrScreen.error', { message: errorMessage(qr.error) })}
        </p>
      )}
      {qr.data && (
        <>
          <div className="hy-qr-screen-code" data-testid="qr-code" data-url={url}>
            <QrCode text={url} size="min(62vh, 80vw)" label={t('activities.qrScreen.scan')} />
          </div>
          <p className="hy-qr-screen-scan">{t('activities.qrScreen.scan')}</p>
          <p className="hy-qr-screen-count" data-testid="qr-countdown">
            {t('activities.qrScreen.changes', { seconds: left })}
          </p>
        </>
      )}
      {a && (
        <p className="hy-qr-screen-signed" data-testid="qr-signed">
          {t('activities.qrScreen.signed', {
            present: a.attendance.present,
            expected: a.attendance.expected,
          })}
        </p>
      )}
    </div>
  );
}
