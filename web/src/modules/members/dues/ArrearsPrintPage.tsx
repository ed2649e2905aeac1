import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { yuan } from '../../../app/format.ts';
import { useOrg } from '../../orgs/api.ts';
import { type ArrearsReportT, useWholeArrears } from './api.ts';
import './i18n.ts';
import './dues.css';

function Sheet({ r, orgName, testId }: { r: ArrearsReportT; orgName: string | null; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="hy-dues-print" data-testid={testId}>
      <h1>{t('dues.printView.title')}</h1>
      <div className="hy-dues-print-meta">
        <span>
          {orgName ?? ''} {t('dues.printView.asOf', { month: r.asOf })}
        </span>
        <span>{t('dues.printView.printed', { date: new Date().toISOString().slice(0, 10) })}</span>
      </div>
      <p style={{ margin: '0 0 3mm' }}>
        {t('dues.arrearsSummary', { total: r.total, flagged: r.flaggedTotal, amount: yuan(r.owedFenTotal) })}
        {r.withoutStandard > 0 && `；${t('dues.withoutStandard', { count: r.withoutStandard })}`}
      </p>
      <table>
        <thead>
          <tr>
            <th className="num">{t('dues.printView.index')}</th>
            <th>{t('members.field.name')}</th>
            <th>{t('members.field.orgName')}</th>
            <th className="num">{t('dues.standardCol')}</th>
            <th className="num">{t('dues.monthsOwed')}</th>
            <th className="num">{t('dues.owed')}</th>
            <th>{t('dues.since')}</th>
            <th>{t('dues.printView.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {r.items.map((x, i) => (
            <tr key={x.memberId}>
              <td className="num">{i + 1}</td>
              <td>{x.name}</td>
              <td>{x.orgName}</td>
              <td className="num">{yuan(x.duesStandardFen)}</td>
              <td className="num">{x.monthsOwed}</td>
              <td className="num">{yuan(x.owedFen)}</td>
              <td>{x.since ?? '—'}</td>
              <td>{x.flagged ? `✓（${t('dues.months', { count: x.longestRun })}）` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 欠缴党费名单, printed alone (A4 landscape), the whole list with the filters of the arrears tab. */
export default function ArrearsPrintPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const asOf = params.get('asOf') ?? new Date().toISOString().slice(0, 7);
  const onlyFlagged = params.get('onlyFlagged') === 'true';
  const report = useWholeArrears({ orgId, asOf, minMonths: 1, onlyFlagged });
  const org = useOrg(orgId);
  useEffect(() => {
    document.title = `${t('dues.printView.title')} · ${t('app.title')}`;
  }, [t]);
  // while this page is open, printing prints the list alone (dues.css)
  useEffect(() => {
    document.body.classList.add('hy-printing-dues');
    return () => document.body.classList.remove('hy-printing-dues');
  }, []);
  const orgName = org.data?.name ?? null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/dues?tab=arrears">
        <ArrowLeftOutlined /> {t('dues.printView.back')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
          {t('dues.printView.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!report.data}
          onClick={() => window.print()}
          data-testid="arrears-do-print"
        >
          {t('dues.printView.doPrint')}
        </Button>
      </Flex>
      {report.error && <Alert type="error" showIcon title={errorMessage(report.error)} role="alert" />}
      {report.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {report.data && (
        <div className="hy-dues-print-preview">
          <Sheet r={report.data} orgName={orgName} testId="arrears-print-sheet" />
        </div>
      )}
      {report.data &&
        createPortal(
          <div className="hy-dues-print-root">
            <Sheet r={report.data} orgName={orgName} />
          </div>,
          document.body,
        )}
    </Space>
  );
}
