import { ArrowLeftOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Segmented, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TransferLetter } from '../../../../../contracts/members/transfers.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { StatusPage } from '../../../app/pages/StatusPage.tsx';
import { memberKeys } from '../keys.ts';
import { transferApi } from './api.ts';
import './i18n.ts';
import './letter.css';

type Doc = 'letter' | 'certificate';

/** 2026-03-05 → 2026年3月5日, as the forms write dates. */
export const zhDate = (d: string | null | undefined) =>
  d
    ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
    : '　　年　　月　　日';
/** 2026-03 → 2026年3月. */
export const zhMonth = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

const F = ({ children }: { children: ReactNode }) => <span className="hy-letter-field">{children}</span>;

/** Who the member is, as every part of the form says it. */
function Who({ l }: { l: TransferLetter }) {
  return (
    <>
      <F>{l.memberName}</F> 同志（<F>{l.gender}</F>，<F>{l.age}</F> 岁，<F>{l.ethnicity}</F>），系中共
      <F>{l.memberStatus}</F>，身份证号码 <F>{l.idNumber}</F>
    </>
  );
}

/**
 * 中国共产党党员组织关系介绍信 in the standard three parts: the stub the issuer keeps (存根联), the
 * letter the member carries (介绍信联) and the receipt the receiving committee sends back (回执联).
 */
export function LetterSheet({ l }: { l: TransferLetter }) {
  return (
    <div className="hy-letter-sheet" data-testid="letter-sheet">
      <section className="hy-letter-part">
        <h2 className="hy-letter-title">中国共产党党员组织关系介绍信（存根）</h2>
        <div className="hy-letter-no">第 {l.letterNo} 号</div>
        <div className="hy-letter-body">
          <p>
            <Who l={l} />
            ，组织关系由 <F>{l.fromOrgName}</F> 转到 <F>{l.toOrgName}</F>。
          </p>
          <p>
            党费已交到 <F>{zhMonth(l.duesPaidUntil)}</F>。
          </p>
          <div className="hy-letter-sign">{zhDate(l.issuedOn)}</div>
        </div>
      </section>
      <section className="hy-letter-part">
        <span className="hy-letter-cut">（骑缝）</span>
        <h2 className="hy-letter-title">中国共产党党员组织关系介绍信</h2>
        <div className="hy-letter-no">第 {l.letterNo} 号</div>
        <div className="hy-letter-body">
          <p className="hy-letter-to">
            <F>{l.toOrgName}</F>：
          </p>
          <p>
            <Who l={l} />
            ，由 <F>{l.fromOrgName}</F> 去 <F>{l.toOrgName}</F>，请转接组织关系。该同志党费已交到{' '}
            <F>{zhMonth(l.duesPaidUntil)}</F>。
          </p>
          <p>
            （有效期 {l.validDays} 天，至 {zhDate(l.validUntil)}）
          </p>
          <div className="hy-letter-sign">
            <div>{l.issuerName}（盖章）</div>
            <div>{zhDate(l.issuedOn)}</div>
          </div>
          <div className="hy-letter-foot">
            党员联系电话或其他联系方式：__________________　党员原所在基层党委通讯地址：__________________
            <br />
            联系电话：______________　传真：______________　邮编：__________
          </div>
        </div>
      </section>
      <section className="hy-letter-part">
        <span className="hy-letter-cut">（骑缝）</span>
        <h2 className="hy-letter-title">中国共产党党员组织关系介绍信（回执）</h2>
        <div className="hy-letter-no">第 {l.letterNo} 号</div>
        <div className="hy-letter-body">
          <p className="hy-letter-to">
            <F>{l.issuerName}</F>：
          </p>
          <p>
            <F>{l.memberName}</F> 同志的党员组织关系已转达我处，特此回执。
          </p>
          <div className="hy-letter-sign">
            <div>接收党员组织关系的基层党委（盖章）</div>
            <div>{zhDate(l.receiptOn)}</div>
          </div>
        </div>
      </section>
    </div>
  );
}

/**
 * 党员证明: the branch certifies the member's standing, for a letter past its validity (因特殊情况
 * 超期的，需由所在党支部出具证明) or wherever proof of membership is asked for.
 */
export function CertificateSheet({ l }: { l: TransferLetter }) {
  return (
    <div className="hy-letter-sheet" data-testid="certificate-sheet">
      <section className="hy-letter-part">
        <h2 className="hy-letter-title">党员证明</h2>
        <div className="hy-letter-body">
          <p>
            兹证明 <F>{l.memberName}</F> 同志（<F>{l.gender}</F>，<F>{l.ethnicity}</F>，身份证号码{' '}
            <F>{l.idNumber}</F>）于 <F>{zhDate(l.joinedOn)}</F> 加入中国共产党
            {l.fullOn ? (
              <>
                ，<F>{zhDate(l.fullOn)}</F> 转为正式党员
              </>
            ) : null}
            ，现为中共<F>{l.memberStatus}</F>，组织关系在 <F>{l.fromOrgName}</F>，党费已交到{' '}
            <F>{zhMonth(l.duesPaidUntil)}</F>。
          </p>
          <p>
            该同志持第 <F>{l.letterNo}</F> 号党员组织关系介绍信转往 <F>{l.toOrgName}</F>
            （有效期至 {zhDate(l.validUntil)}），因特殊情况未能在有效期内办理接转手续，经本人申请，特此证明。
          </p>
          <div className="hy-letter-sign" style={{ marginTop: '16mm' }}>
            <div>{l.fromOrgName}（盖章）</div>
            <div>　　年　　月　　日</div>
          </div>
        </div>
      </section>
    </div>
  );
}

/**
 * The print page of a transfer: the letter (介绍信 with stub and receipt) or the 党员证明, A4,
 * printed alone. The ID number is masked on screen and on paper unless a person who may see it in
 * full asks for it (and that look is audited like any other).
 */
export default function LetterPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const doc: Doc = params.get('doc') === 'certificate' ? 'certificate' : 'letter';
  const [reveal, setReveal] = useState(false);
  const letter = useQuery({
    queryKey: [...memberKeys.transfers, 'letter', id, reveal],
    queryFn: () => transferApi.letter(id, reveal),
    enabled: !!id,
  });

  useEffect(() => {
    document.title = `${t(doc === 'letter' ? 'transfers.print.letter' : 'transfers.print.certificate')} · ${t('app.title')}`;
  }, [doc, t]);
  // while this page is open, printing prints the document alone (letter.css)
  useEffect(() => {
    document.body.classList.add('hy-printing-letter');
    return () => document.body.classList.remove('hy-printing-letter');
  }, []);

  const back = (
    <Link to="/transfers" className="hy-no-print">
      <ArrowLeftOutlined /> {t('transfers.print.back')}
    </Link>
  );
  if (letter.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (isApiError(letter.error, 403) || isApiError(letter.error, 404))
    return (
      <StatusPage
        embedded
        code={isApiError(letter.error, 403) ? '403' : '404'}
        title={t(isApiError(letter.error, 403) ? 'status.forbiddenTitle' : 'transfers.print.notFound')}
        description={letter.error.message}
        actions={[{ to: '/transfers', label: t('transfers.print.back') }]}
      />
    );
  if (letter.error || !letter.data) return <Empty description={errorMessage(letter.error)} />;
  const l = letter.data;
  const sheet = doc === 'letter' ? <LetterSheet l={l} /> : <CertificateSheet l={l} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {back}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
          {t(doc === 'letter' ? 'transfers.print.letter' : 'transfers.print.certificate')}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          <Segmented<Doc>
            value={doc}
            onChange={(d) => setParams(d === 'letter' ? {} : { doc: d }, { replace: true })}
            options={[
              { value: 'letter', label: t('transfers.print.letter') },
              { value: 'certificate', label: t('transfers.print.certificate') },
            ]}
            data-testid="print-doc"
          />
          {l.canReveal && !l.idNumberRevealed && (
            <Button icon={<EyeOutlined />} onClick={() => setReveal(true)} data-testid="print-reveal">
              {t('transfers.print.reveal')}
            </Button>
          )}
          <Button
            type="primary"
            size="large"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="print-now"
          >
            {t('transfers.print.now')}
          </Button>
        </Flex>
      </Flex>
      <Alert
        type="info"
        showIcon
        role="status"
        title={t(l.idNumberRevealed ? 'transfers.print.revealed' : 'transfers.print.masked')}
      />
      <div className="hy-letter-preview" data-testid="letter-preview">
        {sheet}
      </div>
      {createPortal(
        <div className="hy-letter-print-root" aria-hidden="true">
          {sheet}
        </div>,
        document.body,
      )}
    </Space>
  );
}
