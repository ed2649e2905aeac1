import {
  ClockCircleOutlined,
  ImportOutlined,
  PrinterOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  type Transfer,
  TransferStatus as TransferStatusEnum,
} from '../../../../../contracts/members/transfers.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { testIdProps } from '../../../app/forms.ts';
import { StatusPage } from '../../../app/pages/StatusPage.tsx';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { memberKeys } from '../keys.ts';
import {
  type TransferFilter,
  transferApi,
  useTransferCount,
  useTransferMonthly,
  useTransfers,
} from './api.ts';
import { RegisterIncomingDrawer } from './RegisterIncomingDrawer.tsx';
import { CertificateAcceptModal, ReceiptModal } from './TransferDialogs.tsx';
import { TransferModal } from './TransferModal.tsx';
import './i18n.ts';
import '../members.css';

type Side = 'out' | 'in';
const STATUSES = TransferStatusEnum.options;
const RECEIPTS = ['overdue', 'open', 'done'] as const;
const STATUS_COLOR: Record<Transfer['status'], string> = {
  pending: 'orange',
  accepted: 'green',
  returned: 'red',
  cancelled: 'default',
};

/** Status in words with a tag; an overdue letter gets its own tag and icon, never colour alone. */
export function TransferStatus({ tr }: { tr: Transfer }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      <Tag
        color={STATUS_COLOR[tr.status]}
        icon={tr.status === 'pending' ? <ClockCircleOutlined /> : undefined}
        data-testid="transfer-status"
      >
        {t(`transfers.status.${tr.status}`)}
      </Tag>
      {tr.overdue && tr.status === 'pending' && (
        <Tag
          color="error"
          icon={<WarningOutlined />}
          title={t('transfers.overdueHint')}
          data-testid="transfer-overdue"
        >
          {t('transfers.overdue')}
        </Tag>
      )}
      {tr.receiptOverdue && (
        <Tag
          color="error"
          icon={<WarningOutlined />}
          title={t('transfers.receiptOverdueHint', { due: tr.receiptDueOn })}
          data-testid="transfer-receipt-overdue"
        >
          {t('transfers.receiptOverdue')}
        </Tag>
      )}
      {tr.certificateNote && (
        <Tag
          icon={<SafetyCertificateOutlined />}
          title={tr.certificateNote}
          data-testid="transfer-on-certificate"
        >
          {t('transfers.onCertificate')}
        </Tag>
      )}
    </Flex>
  );
}

/** 组织关系转接: letters sent from the scope (转出) and to be received in it (转入), and the monthly count. */
export default function TransfersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [registering, setRegistering] = useState(false);
  const [starting, setStarting] = useState(false);
  const tab = params.get('tab') ?? 'out';
  const canManage = can(me, 'member.manage');

  useEffect(() => {
    document.title = `${t('transfers.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
          {t('transfers.title')}
        </Typography.Title>
        {canManage && (
          <Space wrap>
            <Button
              type="primary"
              icon={<SwapOutlined />}
              onClick={() => setStarting(true)}
              data-testid="transfer-start"
            >
              {t('transfers.create')}
            </Button>
            <Button
              icon={<ImportOutlined />}
              onClick={() => setRegistering(true)}
              data-testid="transfer-register"
            >
              {t('transfers.register')}
            </Button>
          </Space>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'out' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          {
            key: 'out',
            label: t('transfers.out'),
            children: <TransferList side="out" />,
          },
          { key: 'in', label: t('transfers.in'), children: <TransferList side="in" /> },
          { key: 'monthly', label: t('transfers.monthly'), children: <Monthly /> },
        ]}
      />
      {registering && <RegisterIncomingDrawer onClose={() => setRegistering(false)} />}
      {starting && <TransferModal onClose={() => setStarting(false)} onDone={() => setStarting(false)} />}
    </Space>
  );
}

function TransferList({ side }: { side: Side }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<TransferFilter>({ side, page: 1, pageSize: 20 });
  const [returning, setReturning] = useState<Transfer | null>(null);
  const [certifying, setCertifying] = useState<Transfer | null>(null);
  const [receipting, setReceipting] = useState<Transfer | null>(null);
  const navigate = useNavigate();
  const list = useTransfers(filter);
  const pending = useTransferCount({ side, status: 'pending', orgId: filter.orgId });
  const overdue = useTransferCount({ side, status: 'pending', overdue: 'true', orgId: filter.orgId });
  const receiptsOverdue = useTransferCount({ side, receipt: 'overdue', orgId: filter.orgId });
  const set = (patch: Partial<TransferFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));

  const done = (text: string) => {
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: memberKeys.transfers });
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };
  const act = useMutation({
    mutationFn: ({ tr, action }: { tr: Transfer; action: 'accept' | 'cancel' }) =>
      action === 'accept' ? transferApi.accept(tr.id) : transferApi.cancel(tr.id),
    onSuccess: (tr, { action }) =>
      done(
        t(
          action === 'cancel'
            ? 'transfers.cancelled'
            : tr.kind === 'outgoing'
              ? 'transfers.completed'
              : 'transfers.accepted',
        ),
      ),
    onError: (e) => void message.error({ content: errorMessage(e), duration: 6 }),
  });

  if (isApiError(list.error, 403))
    return (
      <StatusPage embedded code="403" title={t('status.forbiddenTitle')} description={list.error.message} />
    );

  // What may be done with each letter is the server's decision (tr.can): the receiving side
  // accepts or returns an internal letter, the sending side closes (or records the return of) a
  // letter to outside the platform, and withdraws its own pending letters.
  const actions = (tr: Transfer) => {
    const buttons: React.ReactNode[] = [];
    if (tr.can.accept && tr.kind === 'internal' && tr.overdue) {
      // past its validity: only on the sending branch's certificate
      buttons.push(
        <Button
          key="accept"
          size="small"
          type="primary"
          icon={<SafetyCertificateOutlined />}
          onClick={() => setCertifying(tr)}
          data-testid={`transfer-accept-${tr.id}`}
        >
          {t('transfers.acceptOnCertificate')}
        </Button>,
      );
    } else if (tr.can.accept) {
      const complete = tr.kind === 'outgoing';
      buttons.push(
        <Popconfirm
          key="accept"
          title={
            complete
              ? t('transfers.completeConfirm', { name: tr.memberName })
              : t('transfers.acceptConfirm', { name: tr.memberName, org: tr.toOrgName })
          }
          okText={t(complete ? 'transfers.complete' : 'transfers.accept')}
          cancelText={t('common.cancel')}
          okButtonProps={complete ? undefined : testIdProps('transfer-accept-confirm')}
          onConfirm={() => act.mutate({ tr, action: 'accept' })}
        >
          <Button size="small" type="primary" data-testid={`transfer-accept-${tr.id}`}>
            {t(complete ? 'transfers.complete' : 'transfers.accept')}
          </Button>
        </Popconfirm>,
      );
    }
    if (tr.can.return) {
      buttons.push(
        <Button
          key="return"
          size="small"
          danger
          onClick={() => setReturning(tr)}
          data-testid={`transfer-return-${tr.id}`}
        >
          {t('transfers.return')}
        </Button>,
      );
    }
    if (tr.can.receipt) {
      buttons.push(
        <Button
          key="receipt"
          size="small"
          type={tr.receiptOverdue ? 'primary' : 'default'}
          onClick={() => setReceipting(tr)}
          data-testid={`transfer-receipt-${tr.id}`}
        >
          {t('transfers.receipt')}
        </Button>,
      );
    }
    if (tr.can.print) {
      buttons.push(
        <Button
          key="print"
          size="small"
          icon={<PrinterOutlined />}
          onClick={() => navigate(`/transfers/${tr.id}/print`)}
          data-testid={`transfer-print-${tr.id}`}
        >
          {t('transfers.printShort')}
        </Button>,
      );
    }
    if (tr.can.cancel) {
      buttons.push(
        <Popconfirm
          key="cancel"
          title={t('transfers.cancelConfirm')}
          okText={t('transfers.cancel')}
          cancelText={t('common.cancel')}
          onConfirm={() => act.mutate({ tr, action: 'cancel' })}
        >
          <Button size="small">{t('transfers.cancel')}</Button>
        </Popconfirm>,
      );
    }
    if (!buttons.length) return null;
    return (
      <Space size={4} wrap>
        {buttons}
      </Space>
    );
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {pending.data !== undefined && pending.data > 0 && (
        <Alert
          type={overdue.data ? 'warning' : 'info'}
          showIcon
          role="status"
          data-testid="transfer-pending-summary"
          title={t('transfers.pendingSummary', { pending: pending.data, overdue: overdue.data ?? 0 })}
          action={
            <Button size="small" onClick={() => set({ status: 'pending', overdue: undefined })}>
              {t('transfers.status.pending')}
            </Button>
          }
        />
      )}
      {receiptsOverdue.data !== undefined && receiptsOverdue.data > 0 && (
        <Alert
          type="warning"
          showIcon
          role="status"
          data-testid="transfer-receipt-summary"
          title={t(side === 'in' ? 'transfers.receiptSummaryIn' : 'transfers.receiptSummaryOut', {
            n: receiptsOverdue.data,
          })}
          action={
            <Button
              size="small"
              onClick={() => set({ receipt: 'overdue', status: undefined, overdue: undefined })}
              data-testid={`transfer-receipt-filter-${side}`}
            >
              {t('transfers.receiptOverdue')}
            </Button>
          }
        />
      )}
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => set({ orgId })}
            allowClear
            placeholder={t('transfers.orgFilter')}
            aria-label={t('transfers.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
          />
          <Select
            value={filter.status}
            onChange={(status: TransferFilter['status']) => set({ status })}
            allowClear
            placeholder={t('transfers.statusFilter')}
            aria-label={t('transfers.statusFilter')}
            options={STATUSES.map((s) => ({ value: s, label: t(`transfers.status.${s}`) }))}
            style={{ width: 160 }}
            data-testid={`transfer-status-filter-${side}`}
          />
          <Select
            value={filter.receipt}
            onChange={(receipt: TransferFilter['receipt']) => set({ receipt })}
            allowClear
            placeholder={t('transfers.receiptFilter')}
            aria-label={t('transfers.receiptFilter')}
            options={RECEIPTS.map((r) => ({ value: r, label: t(`transfers.receiptState.${r}`) }))}
            style={{ width: 160 }}
            data-testid={`transfer-receipt-select-${side}`}
          />
          <Checkbox
            checked={filter.overdue === 'true'}
            onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
          >
            {t('transfers.overdueOnly')}
          </Checkbox>
        </Flex>
      </Card>
      <Table<Transfer>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid={`transfers-${side}`}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('transfers.empty') }}
        rowClassName={(tr) =>
          tr.status === 'pending' ? (tr.overdue ? 'hy-row-alert' : 'hy-row-attention') : ''
        }
        onRow={(tr) => ({ 'data-transfer-id': tr.id }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (tr) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'reason', label: t('transfers.field.reason'), children: tr.reason },
                ...(tr.returnReason
                  ? [{ key: 'ret', label: t('transfers.field.returnReason'), children: tr.returnReason }]
                  : []),
                ...(tr.certificateNote
                  ? [
                      {
                        key: 'cert',
                        label: t('transfers.field.certificateNote'),
                        children: tr.certificateNote,
                      },
                    ]
                  : []),
                {
                  key: 'created',
                  label: t('transfers.field.createdAt'),
                  children: dayjs(tr.createdAt).format('YYYY-MM-DD HH:mm'),
                },
              ]}
            />
          ),
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          {
            key: 'member',
            title: t('transfers.field.member'),
            fixed: 'start',
            render: (_, tr) =>
              tr.kind === 'outgoing' && tr.status === 'accepted' ? (
                tr.memberName
              ) : (
                <Link to={`/members/${tr.memberId}`}>{tr.memberName}</Link>
              ),
          },
          {
            key: 'status',
            title: t('transfers.field.status'),
            render: (_, tr) => <TransferStatus tr={tr} />,
          },
          {
            key: 'kind',
            title: t('transfers.field.kind'),
            render: (_, tr) => t(`transfers.kind.${tr.kind}`),
          },
          { key: 'from', title: t('transfers.field.from'), dataIndex: 'fromOrgName' },
          { key: 'to', title: t('transfers.field.to'), dataIndex: 'toOrgName' },
          { key: 'letter', title: t('transfers.field.letterNo'), dataIndex: 'letterNo' },
          { key: 'issued', title: t('transfers.field.issuedOn'), dataIndex: 'issuedOn' },
          {
            key: 'valid',
            title: t('transfers.field.validUntil'),
            render: (_, tr) =>
              tr.overdue && tr.status === 'pending' ? (
                <Typography.Text type="danger" strong>
                  {tr.validUntil}（{t('transfers.overdue')}）
                </Typography.Text>
              ) : (
                tr.validUntil
              ),
          },
          { key: 'dues', title: t('transfers.field.duesPaidUntil'), dataIndex: 'duesPaidUntil' },
          {
            key: 'receipt',
            title: t('transfers.field.receipt'),
            render: (_, tr) =>
              tr.receiptOn ? (
                t('transfers.receiptDone', { date: tr.receiptOn })
              ) : tr.receiptDueOn ? (
                <Typography.Text type={tr.receiptOverdue ? 'danger' : undefined} strong={tr.receiptOverdue}>
                  {t('transfers.receiptDue', { date: tr.receiptDueOn })}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { key: 'actions', title: t('common.actions'), render: (_, tr) => actions(tr) },
        ]}
      />
      {certifying && (
        <CertificateAcceptModal
          tr={certifying}
          onClose={() => setCertifying(null)}
          onDone={() => {
            setCertifying(null);
            done(t('transfers.accepted'));
          }}
        />
      )}
      {receipting && (
        <ReceiptModal
          tr={receipting}
          onClose={() => setReceipting(null)}
          onDone={() => {
            setReceipting(null);
            done(t('transfers.receiptRecorded'));
          }}
        />
      )}
      {returning && (
        <ReasonModal
          title={t('transfers.returnTitle', { name: returning.memberName })}
          okText={t('transfers.return')}
          okTestId="transfer-return-submit"
          label={t('transfers.field.returnReason')}
          placeholder={t('transfers.placeholder.returnReason')}
          submit={(reason) => transferApi.giveBack(returning.id, reason)}
          onClose={() => setReturning(null)}
          onDone={() => {
            setReturning(null);
            done(t('transfers.returned'));
          }}
        />
      )}
    </Space>
  );
}

function Monthly() {
  const { t } = useTranslation();
  const monthly = useTransferMonthly(true);
  return (
    <Table
      rowKey="month"
      size="middle"
      loading={monthly.isFetching}
      dataSource={monthly.data ?? []}
      pagination={false}
      locale={{ emptyText: monthly.error ? errorMessage(monthly.error) : t('transfers.empty') }}
      data-testid="transfers-monthly"
      columns={[
        { key: 'month', title: t('transfers.month'), dataIndex: 'month' },
        { key: 'out', title: t('transfers.outCount'), dataIndex: 'out', align: 'end' },
        { key: 'in', title: t('transfers.inCount'), dataIndex: 'in', align: 'end' },
        { key: 'accepted', title: t('transfers.acceptedCount'), dataIndex: 'accepted', align: 'end' },
      ]}
    />
  );
}
