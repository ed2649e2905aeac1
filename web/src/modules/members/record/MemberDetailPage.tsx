import { ArrowLeftOutlined, EyeOutlined, EyeInvisibleOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isEthnicity } from '../../../../../contracts/members/codes.ts';
import type { MemberDetail } from '../../../../../contracts/members/record.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { testIdProps } from '../../../app/forms.ts';
import { yuan } from '../../../app/format.ts';
import { StatusPage } from '../../../app/pages/StatusPage.tsx';
import { MemberDuesPanel } from '../dues/MemberDuesPanel.tsx';
import { memberKeys } from '../keys.ts';
import { PipelinePanel } from '../pipeline/PipelinePanel.tsx';
import { LeftNotice, StandingPanel, StandingTag } from '../standing/StandingPanel.tsx';
import { StatusTag } from '../StatusTag.tsx';
import { cardApi, type IssuedCardT } from '../study-cards/api.ts';
import { CardSheet } from '../study-cards/CardSheet.tsx';
import { usePendingTransfer } from '../transfers/api.ts';
import { TransferModal } from '../transfers/TransferModal.tsx';
import { memberApi, type RevealedPiiT, useMember } from './api.ts';
import { useChangeWords } from '../changeWords.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { SanctionsPanel } from './SanctionsPanel.tsx';
import { TripsPanel } from './TripsPanel.tsx';
import { MemberDrawer } from './MemberDrawer.tsx';
import { MemberPhoto } from './MemberPhoto.tsx';
import './i18n.ts';
import '../members.css';

/** One member's record: every field (personal numbers masked until revealed, and that view audited). */
export default function MemberDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const member = useMember(id);
  // 转接中: a letter issued and not yet decided
  const pendingTransfer = usePendingTransfer(id);
  const [revealed, setRevealed] = useState<RevealedPiiT | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'transfer' | null>(null);
  const [card, setCard] = useState<IssuedCardT | null>(null);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'info';
  const setTab = (k: string) => setParams(k === 'info' ? {} : { tab: k }, { replace: true });

  // Another member, another reveal: full numbers never carry over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on navigation on purpose
  useEffect(() => setRevealed(null), [id]);

  useEffect(() => {
    if (member.data) document.title = `${member.data.name} · ${t('members.title')} · ${t('app.title')}`;
  }, [member.data, t]);

  const reveal = useMutation({
    mutationFn: () => memberApi.reveal(id),
    onSuccess: setRevealed,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const resetCard = useMutation({
    mutationFn: () => cardApi.reset(id),
    onSuccess: (c) => {
      message.success(t('cards.resetDone'));
      setCard(c);
      void queryClient.invalidateQueries({ queryKey: memberKeys.one(id) });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const back = (
    <Link to="/members">
      <ArrowLeftOutlined /> {t('members.detail.back')}
    </Link>
  );

  if (member.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (isApiError(member.error, 403))
    return (
      <StatusPage
        embedded
        code="403"
        title={t('status.forbiddenTitle')}
        description={member.error.message}
        actions={[{ to: '/members', label: t('members.detail.back') }]}
      />
    );
  if (isApiError(member.error, 404) || isApiError(member.error, 400))
    return (
      <StatusPage
        embedded
        code="404"
        title={t('members.detail.notFound')}
        actions={[{ to: '/members', label: t('members.detail.back') }]}
      />
    );
  if (member.error || !member.data) return <Empty description={errorMessage(member.error)} />;
  const m = member.data;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="member-detail">
      {back}
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <Flex gap={16} align="flex-start">
            <MemberPhoto memberId={m.id} hasPhoto={m.hasPhoto} canUpload={m.can.edit} onUploaded={refresh} />
            <div>
              <Flex align="center" gap={8} wrap>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-detail-name">
                  {m.name}
                </Typography.Title>
                <StatusTag status={m.status} />
                <StandingTag standing={m.standing} />
                {m.mobile && <Tag>{t('members.field.mobile')}</Tag>}
                {pendingTransfer.data && (
                  <Tag
                    color="processing"
                    icon={<SwapOutlined />}
                    title={t('transfers.pendingTagHint', {
                      no: pendingTransfer.data.letterNo,
                      org: pendingTransfer.data.toOrgName,
                      until: pendingTransfer.data.validUntil,
                    })}
                    data-testid="member-transfer-pending"
                  >
                    {t('transfers.pendingTag')}
                  </Tag>
                )}
              </Flex>
              <Typography.Text type="secondary" data-testid="member-detail-org">
                {m.orgName}
              </Typography.Text>
            </div>
          </Flex>
          <Space wrap>
            {m.can.revealPii &&
              (revealed ? (
                <Button icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>
                  {t('members.reveal.hide')}
                </Button>
              ) : (
                <Popconfirm
                  title={t('members.reveal.button')}
                  description={<div style={{ maxWidth: 320 }}>{t('members.reveal.confirm')}</div>}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  okButtonProps={testIdProps('member-reveal-confirm')}
                  onConfirm={() => reveal.mutate()}
                >
                  <Button icon={<EyeOutlined />} loading={reveal.isPending} data-testid="member-reveal">
                    {t('members.reveal.button')}
                  </Button>
                </Popconfirm>
              ))}
            {m.can.edit && (
              <Button onClick={() => setDialog('edit')} data-testid="member-edit">
                {t('members.detail.edit')}
              </Button>
            )}
            {m.can.transfer && !pendingTransfer.data && (
              <Button
                icon={<SwapOutlined />}
                onClick={() => setDialog('transfer')}
                data-testid="member-transfer"
              >
                {t('members.detail.transfer')}
              </Button>
            )}
            {m.can.manageCard && m.studyCardNo && (
              <Popconfirm
                title={t('members.detail.resetCard')}
                description={<div style={{ maxWidth: 320 }}>{t('members.detail.resetCardConfirm')}</div>}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => resetCard.mutate()}
              >
                <Button loading={resetCard.isPending}>{t('members.detail.resetCard')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Flex>
        {m.standing.standing === 'left' && (
          <div style={{ marginTop: 12 }}>
            <LeftNotice standing={m.standing} />
          </div>
        )}
        {revealed && (
          <Alert
            type="warning"
            showIcon
            title={t('members.reveal.recorded')}
            style={{ marginTop: 12 }}
            role="status"
            data-testid="member-revealed-notice"
          />
        )}
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'info',
              label: t('members.detail.tabs.info'),
              children: <Record m={m} revealed={revealed} />,
            },
            {
              key: 'pipeline',
              label: t('members.detail.tabs.pipeline'),
              children: <PipelinePanel member={m} canManage={m.can.edit} onChanged={refresh} />,
            },
            {
              key: 'standing',
              label: t('standing.tab'),
              children: <StandingPanel memberId={m.id} name={m.name} />,
            },
            // 党费: Party members (probationary and full) only
            ...(m.status === 'probationary' || m.status === 'full'
              ? [
                  {
                    key: 'dues',
                    label: t('dues.memberTab.title'),
                    children: <MemberDuesPanel memberId={m.id} enabled={tab === 'dues'} />,
                  },
                ]
              : []),
            {
              key: 'sanctions',
              label: t('members.detail.tabs.sanctions'),
              children: tab === 'sanctions' && <SanctionsPanel memberId={m.id} canManage={m.can.edit} />,
            },
            {
              key: 'trips',
              label: t('members.detail.tabs.trips'),
              children: tab === 'trips' && <TripsPanel memberId={m.id} canManage={m.can.edit} />,
            },
            {
              key: 'history',
              label: t('members.detail.tabs.history'),
              children: <HistoryPanel memberId={m.id} enabled={tab === 'history'} />,
            },
          ]}
        />
      </Card>
      {dialog === 'edit' && (
        <MemberDrawer
          member={m}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setRevealed(null);
            refresh();
          }}
        />
      )}
      {dialog === 'transfer' && (
        <TransferModal
          member={m}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            refresh();
            void queryClient.invalidateQueries({ queryKey: memberKeys.transfers });
          }}
        />
      )}
      {card && <CardSheet cards={[card]} onClose={() => setCard(null)} modal />}
    </Space>
  );
}

function Record({ m, revealed }: { m: MemberDetail; revealed: RevealedPiiT | null }) {
  const { t } = useTranslation();
  const words = useChangeWords();
  const none = <Typography.Text type="secondary">{t('members.none')}</Typography.Text>;
  const masked = (full: string | null | undefined, shown: string | null) =>
    shown === null ? (
      none
    ) : (
      <span className="hy-mono" data-testid="pii-value">
        {full ?? shown}
        {!full && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            （{t('members.masked')}）
          </Typography.Text>
        )}
      </span>
    );
  const text = (v: string | null) => v ?? none;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      data-testid="member-record"
      items={[
        { key: 'name', label: t('members.field.name'), children: m.name },
        { key: 'gender', label: t('members.field.gender'), children: t(`gender.${m.gender}`) },
        {
          key: 'ethnicity',
          label: t('members.field.ethnicity'),
          children: isEthnicity(m.ethnicity) ? (
            m.ethnicity
          ) : (
            // saved before the list was enforced: a record-quality problem, corrected by an edit
            <Flex gap={8} wrap align="center">
              {m.ethnicity}
              <Tag color="warning" data-testid="member-ethnicity-legacy">
                {t('members.national.notOnList')}
              </Tag>
            </Flex>
          ),
        },
        {
          key: 'idNumber',
          label: t('members.field.idNumber'),
          children: <span data-testid="member-idNumber-value">{masked(revealed?.idNumber, m.idNumber)}</span>,
        },
        { key: 'birthDate', label: t('members.field.birthDate'), children: m.birthDate },
        { key: 'education', label: t('members.field.education'), children: m.education },
        { key: 'degree', label: t('members.field.degree'), children: text(m.degree) },
        { key: 'status', label: t('members.field.status'), children: t(`memberStatus.${m.status}`) },
        { key: 'org', label: t('members.field.orgName'), children: m.orgName },
        { key: 'joinedOn', label: t('members.field.joinedOn'), children: text(m.joinedOn) },
        { key: 'fullOn', label: t('members.field.fullOn'), children: text(m.fullOn) },
        {
          key: 'positions',
          label: t('members.field.positions'),
          children: m.positions.length ? m.positions.join('、') : none,
        },
        {
          key: 'phone',
          label: t('members.field.phone'),
          children: <span data-testid="member-phone-value">{masked(revealed?.phone, m.phone)}</span>,
        },
        { key: 'workUnit', label: t('members.field.workUnit'), children: text(m.workUnit) },
        {
          key: 'postCode',
          label: t('members.field.postCode'),
          children: m.postCode ? words.value('postCode', m.postCode) : none,
        },
        { key: 'workStartedOn', label: t('members.field.workStartedOn'), children: text(m.workStartedOn) },
        {
          key: 'homeAddress',
          label: t('members.field.homeAddress'),
          children: (
            <span data-testid="member-homeAddress-value">{masked(revealed?.homeAddress, m.homeAddress)}</span>
          ),
        },
        {
          key: 'hardshipKind',
          label: t('members.field.hardshipKind'),
          children: m.hardshipKind ? t(`hardshipKind.${m.hardshipKind}`) : t('members.no'),
        },
        {
          key: 'mobile',
          label: t('members.field.mobile'),
          children: m.mobile ? `${t('members.yes')}（${m.mobileLocation ?? ''}）` : t('members.no'),
        },
        {
          key: 'duesCategory',
          label: t('members.field.duesCategory'),
          children: m.duesCategory ? t(`duesCategory.${m.duesCategory}`) : none,
        },
        {
          key: 'income',
          label: t('members.field.monthlyIncomeFen'),
          children: m.monthlyIncomeFen === null ? none : yuan(m.monthlyIncomeFen),
        },
        {
          key: 'dues',
          label: t('members.field.duesStandardFen'),
          children:
            m.duesStandardFen === null
              ? none
              : t('members.yuanPerMonth', { amount: yuan(m.duesStandardFen) }),
        },
        {
          key: 'photo',
          label: t('members.field.hasPhoto'),
          children: m.hasPhoto ? t('members.photo.yes') : t('members.photo.no'),
        },
        { key: 'card', label: t('members.field.studyCardNo'), children: text(m.studyCardNo) },
        {
          key: 'updated',
          label: t('members.field.recordUpdatedAt'),
          children: dayjs(m.recordUpdatedAt).format('YYYY-MM-DD HH:mm'),
        },
        {
          key: 'created',
          label: t('members.field.createdAt'),
          children: dayjs(m.createdAt).format('YYYY-MM-DD'),
        },
      ]}
    />
  );
}
