import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Popconfirm, Typography } from 'antd';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { Logo } from '../../../app/pages/LoginPage.tsx';
import type { IssuedCardT } from './api.ts';
import { QrCode } from '../../../app/QrCode.tsx';
import './cards.css';
import './i18n.ts';

const PER_PAGE = 10;

/** The login address a card's QR code opens: the card number filled in, never the password. */
export const cardLoginUrl = (cardNo: string) =>
  `${window.location.origin}/login?card=${encodeURIComponent(cardNo)}`;

function StudyCard({ card }: { card: IssuedCardT }) {
  const { t } = useTranslation();
  return (
    <div className="hy-card" data-testid="study-card">
      <div className="hy-card-head">
        <Logo size={22} />
        <span>{t('cards.cardTitle')}</span>
      </div>
      <div className="hy-card-body">
        <dl className="hy-card-dl">
          <dt>{t('cards.name')}</dt>
          <dd>{card.name}</dd>
          <dt>{t('cards.branch')}</dt>
          <dd className="hy-card-branch">{card.orgName}</dd>
          <dt>{t('cards.cardNo')}</dt>
          <dd className="hy-card-no" data-testid="study-card-no">
            {card.cardNo}
          </dd>
          <dt>{t('cards.password')}</dt>
          <dd className="hy-card-password" data-testid="study-card-password">
            {card.password}
          </dd>
        </dl>
        <div className="hy-card-qr">
          <QrCode text={cardLoginUrl(card.cardNo)} size="24mm" label={`${t('cards.scan')} ${card.cardNo}`} />
          <span>{t('cards.scan')}</span>
        </div>
      </div>
      <div className="hy-card-foot">{t('cards.firstLogin')}</div>
    </div>
  );
}

/** Cards in pages of ten: A4, two columns, five rows, dashed edges to cut along. */
function Pages({ cards }: { cards: IssuedCardT[] }) {
  const pages: IssuedCardT[][] = [];
  for (let i = 0; i < cards.length; i += PER_PAGE) pages.push(cards.slice(i, i + PER_PAGE));
  return (
    <>
      {pages.map((page) => (
        <div className="hy-print-page" key={page[0].cardNo}>
          {page.map((c) => (
            <StudyCard key={c.cardNo} card={c} />
          ))}
        </div>
      ))}
    </>
  );
}

/**
 * Freshly issued study cards with their initial passwords, shown this once: a warning, a print
 * button, and the sheet. Printing uses a copy of the sheet placed straight under <body>, so the
 * console around it (header, menu) never reaches the paper.
 */
export function CardSheet({
  cards,
  onClose,
  modal = false,
}: {
  cards: IssuedCardT[];
  onClose: () => void;
  modal?: boolean;
}) {
  const { t } = useTranslation();
  const { modal: dialog } = App.useApp();

  // Moving to another screen loses the passwords too: ask first.
  const blocker = useBlocker(true);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    dialog.confirm({
      title: t('cards.closeConfirm'),
      content: t('cards.once'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, dialog, t]);

  // Leaving the page loses the passwords for good: let the browser ask first. And while the sheet
  // is open, printing prints the cards alone (cards.css).
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    document.body.classList.add('hy-printing-cards');
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.body.classList.remove('hy-printing-cards');
    };
  }, []);

  const toolbar = (
    <Flex vertical gap={12} className="hy-no-print">
      <Alert type="warning" showIcon title={t('cards.once')} role="alert" data-testid="cards-once" />
      <Flex gap={8} wrap align="center">
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="cards-print"
        >
          {t('cards.print')}
        </Button>
        <Typography.Text type="secondary">{t('cards.printHint')}</Typography.Text>
        <Popconfirm
          title={t('cards.closeConfirm')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={onClose}
        >
          <Button data-testid="cards-close">{t('cards.close')}</Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );

  const preview = (
    <div className="hy-cards-preview" data-testid="cards-sheet">
      <Pages cards={cards} />
    </div>
  );
  const print = createPortal(
    <div className="hy-print-root" aria-hidden="true">
      <Pages cards={cards} />
    </div>,
    document.body,
  );

  if (modal)
    return (
      <Modal
        open
        width={860}
        title={t('cards.title')}
        footer={null}
        closable={false}
        mask={{ closable: false }}
      >
        <Flex vertical gap={16}>
          {toolbar}
          {preview}
        </Flex>
        {print}
      </Modal>
    );
  return (
    <Flex vertical gap={16}>
      {toolbar}
      {preview}
      {print}
    </Flex>
  );
}
