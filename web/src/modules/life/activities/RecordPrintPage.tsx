import { Button, Result, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Activity, rollOf } from '../../../../../contracts/life/activities.ts';
import { errorMessage } from '../../../app/api.ts';
import { momentOf } from '../../../app/when.ts';
import { fileUrl, useActivity } from './api.ts';
import { rateText } from './parts.tsx';
import './i18n.ts';
import './activities.css';

function Sheet({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const r = rollOf(a.attendees);
  const names = (list: { name: string }[]) =>
    list.map((p) => p.name).join('、') || t('activities.print.none');
  const rows: [string, string][] = [
    [t('activities.print.org'), a.orgName],
    [t('activities.print.kind'), t(`activities.kind.${a.kind}`)],
    [t('activities.print.topic'), a.topic],
    [t('activities.print.time'), `${momentOf(a.startsAt)} – ${momentOf(a.endsAt).slice(11)}`],
    [t('activities.print.place'), a.place],
    [t('activities.print.host'), a.host ?? ''],
    [t('activities.print.recorder'), a.recorder ?? ''],
    [
      t('activities.print.figures'),
      `${t('activities.figures', a.attendance)}，${t('activities.rate', { rate: rateText(a.attendance.rate) })}`,
    ],
    [t('activities.print.present'), names(r.present)],
    [
      t('activities.print.leave'),
      r.leave.map((p) => `${p.name}（${p.leaveReason ?? ''}）`).join('、') || t('activities.print.none'),
    ],
    [t('activities.print.absent'), names(r.absent)],
  ];
  return (
    <div className="hy-record-sheet" data-testid="record-sheet">
      <h1>{t('activities.print.title')}</h1>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('activities.print.minutes')}</th>
            <td className="hy-record-minutes">{a.minutes ?? ''}</td>
          </tr>
        </tbody>
      </table>
      {a.files.some((f) => f.kind === 'photo') && (
        <>
          <h2>{t('activities.print.photos')}</h2>
          {a.files
            .filter((f) => f.kind === 'photo')
            .map((f) => (
              <img key={f.id} src={fileUrl(a.id, f.id)} alt={f.name} />
            ))}
        </>
      )}
    </div>
  );
}

/** 会议记录, printable: a preview on screen; on paper the sheet alone (a copy placed under <body>). */
export default function RecordPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useActivity(id);
  useEffect(() => {
    document.title = `${t('activities.print.title')} · ${t('app.title')}`;
    document.body.classList.add('hy-printing-record');
    return () => document.body.classList.remove('hy-printing-record');
  }, [t]);
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  if (!q.data) return <Spin />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space className="hy-record-sheet-bar">
        <Link to={`/activities/${id}`}>‹ {t('activities.back')}</Link>
        <Button type="primary" onClick={() => window.print()}>
          {t('activities.print.print')}
        </Button>
      </Space>
      <Sheet a={q.data} />
      {createPortal(
        <div className="hy-record-print-root">
          <Sheet a={q.data} />
        </div>,
        document.body,
      )}
    </Space>
  );
}
