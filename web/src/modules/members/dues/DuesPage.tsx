import { WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  InputNumber,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DUES_CATEGORY_DESCRIPTIONS } from '../../../../../contracts/labels.ts';
import type { Member } from '../../../../../contracts/members/record.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { currentMonth } from '../../../app/dates.ts';
import { toFen, yuan } from '../../../app/format.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { memberKeys } from '../keys.ts';
import { fetchBranchMembers } from '../record/api.ts';
import { StatusTag } from '../StatusTag.tsx';
import { type ArrearsRowT, duesApi, useArrears, useStandardTable } from './api.ts';
import { bracketRange, ratePercent } from './standards.ts';
import './i18n.ts';
import '../members.css';

const BRANCH_LIMIT = 2000;

/** 党费: record a month's payments for a branch, see who owes (six months flagged), and the standards. */
export default function DuesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'record';
  useEffect(() => {
    document.title = `${t('dues.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
        {t('dues.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'record' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          { key: 'record', label: t('dues.record'), children: <RecordPayments /> },
          { key: 'arrears', label: t('dues.arrears'), children: <Arrears /> },
          { key: 'standard', label: t('dues.standard'), children: <Standards /> },
        ]}
      />
    </Space>
  );
}

function RecordPayments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [month, setMonth] = useState(currentMonth());
  const [paid, setPaid] = useState<Record<string, boolean>>({});
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const branch = useQuery({
    queryKey: memberKeys.branch(orgId ?? ''),
    queryFn: () => fetchBranchMembers(orgId ?? '', BRANCH_LIMIT),
    enabled: !!orgId,
  });
  // Dues are paid by members: probationary and full (入党申请人 and the like pay none).
  const payers = useMemo(
    () => (branch.data?.items ?? []).filter((m) => m.status === 'full' || m.status === 'probationary'),
    [branch.data],
  );

  // A new branch starts with the standard prefilled and nobody ticked.
  useEffect(() => {
    setPaid({});
    setRowErrors({});
    setGeneral(null);
    setAmounts(
      Object.fromEntries(
        payers.map((m) => [m.id, m.duesStandardFen === null ? null : m.duesStandardFen / 100]),
      ),
    );
  }, [payers]);

  const ticked = payers.filter((m) => paid[m.id]);
  const totalFen = ticked.reduce((s, m) => s + (amounts[m.id] ? toFen(amounts[m.id] ?? 0) : 0), 0);

  const record = useMutation({
    mutationFn: (list: Member[]) =>
      duesApi.record(list.map((m) => ({ memberId: m.id, month, amountFen: toFen(amounts[m.id] ?? 0) }))),
    onSuccess: (_r, list) => {
      message.success(t('dues.submitted', { count: list.length, month, amount: yuan(totalFen) }));
      setPaid({});
      void queryClient.invalidateQueries({ queryKey: memberKeys.dues });
    },
    onError: (e, list) => {
      // payments.3.amountFen → under the amount of the fourth ticked member.
      const errs: Record<string, string> = {};
      const rest: string[] = [];
      for (const f of e instanceof ApiError ? e.fieldErrors : []) {
        const m = /^payments\.(\d+)\./.exec(f.path);
        const who = m ? list[Number(m[1])] : undefined;
        if (who) errs[who.id] = f.message;
        else rest.push(f.message);
      }
      setRowErrors(errs);
      setGeneral(
        Object.keys(errs).length && !rest.length ? null : rest.length ? rest.join('；') : errorMessage(e),
      );
    },
  });

  const submit = () => {
    setGeneral(null);
    const errs: Record<string, string> = {};
    for (const m of ticked) if (!amounts[m.id]) errs[m.id] = t('dues.needAmount');
    setRowErrors(errs);
    if (ticked.length === 0) return setGeneral(t('dues.nothing'));
    if (Object.keys(errs).length) return;
    record.mutate(ticked);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            kind="branch"
            value={orgId}
            onChange={setOrgId}
            placeholder={t('dues.branchPlaceholder')}
            aria-label={t('dues.branch')}
            style={{ flex: '1 1 280px', maxWidth: 400 }}
            data-testid="dues-branch"
          />
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            allowClear={false}
            aria-label={t('dues.month')}
            data-testid="dues-month"
          />
        </Flex>
      </Card>
      {!orgId && <Empty description={t('dues.pickBranch')} />}
      {orgId && (
        <>
          {branch.error && <Alert type="error" showIcon title={errorMessage(branch.error)} role="alert" />}
          {branch.data && branch.data.total > BRANCH_LIMIT && (
            <Alert type="info" showIcon title={t('dues.tooMany', { shown: BRANCH_LIMIT })} />
          )}
          <Flex gap={8} wrap align="center" justify="space-between">
            <Space wrap>
              <Button onClick={() => setPaid(Object.fromEntries(payers.map((m) => [m.id, true])))}>
                {t('dues.selectAll')}
              </Button>
              <Button onClick={() => setPaid({})}>{t('dues.selectNone')}</Button>
              <Typography.Text data-testid="dues-summary">
                {t('dues.summary', { count: ticked.length, amount: yuan(totalFen) })}
              </Typography.Text>
            </Space>
            <Button type="primary" loading={record.isPending} onClick={submit} data-testid="dues-submit">
              {t('dues.submit', { month })}
            </Button>
          </Flex>
          {general && <Alert type="error" showIcon title={general} role="alert" />}
          <Table<Member>
            rowKey="id"
            size="small"
            loading={branch.isFetching}
            dataSource={payers}
            pagination={payers.length > 100 ? { pageSize: 100 } : false}
            scroll={{ x: 'max-content' }}
            data-testid="dues-table"
            columns={[
              {
                key: 'paid',
                title: t('dues.paid'),
                width: 64,
                render: (_, m) => (
                  <Checkbox
                    checked={!!paid[m.id]}
                    onChange={(e) => setPaid((p) => ({ ...p, [m.id]: e.target.checked }))}
                    aria-label={`${m.name} ${t('dues.paid')}`}
                    data-testid={`dues-paid-${m.id}`}
                  />
                ),
              },
              { key: 'name', title: t('members.field.name'), dataIndex: 'name' },
              {
                key: 'status',
                title: t('members.field.status'),
                render: (_, m) => <StatusTag status={m.status} />,
              },
              {
                key: 'standard',
                title: t('dues.standardCol'),
                align: 'end',
                render: (_, m) =>
                  m.duesStandardFen === null ? (
                    <Typography.Text type="warning">{t('dues.noStandard')}</Typography.Text>
                  ) : (
                    yuan(m.duesStandardFen)
                  ),
              },
              {
                key: 'amount',
                title: t('dues.amount'),
                render: (_, m) => (
                  <Flex vertical>
                    <InputNumber
                      min={0.01}
                      max={100000}
                      precision={2}
                      prefix="¥"
                      value={amounts[m.id]}
                      onChange={(v) => setAmounts((a) => ({ ...a, [m.id]: v }))}
                      status={rowErrors[m.id] ? 'error' : undefined}
                      aria-label={`${m.name} ${t('dues.amount')}`}
                      style={{ width: 140 }}
                    />
                    {rowErrors[m.id] && (
                      <Typography.Text type="danger" role="alert">
                        {rowErrors[m.id]}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

const ARREARS_PAGE = 50;

function Arrears() {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<string | undefined>();
  // a month's dues fall due within it: by default, owed up to the last completed month
  const [asOf, setAsOf] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [page, setPage] = useState(1);
  // the server pages the report; a new filter starts again at page 1
  const query = { orgId, asOf, minMonths: onlyFlagged ? 6 : 1, page, pageSize: ARREARS_PAGE };
  const report = useArrears(query);
  const items = report.data?.items ?? [];
  const flagged = report.data?.flaggedTotal ?? 0;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
            allowClear
            placeholder={t('members.orgFilter')}
            aria-label={t('members.orgFilter')}
            style={{ flex: '1 1 260px', maxWidth: 380 }}
          />
          <Flex gap={6} align="center">
            <span>{t('dues.asOf')}</span>
            <DatePicker
              picker="month"
              value={dayjs(`${asOf}-01`)}
              onChange={(d) => {
                if (!d) return;
                setAsOf(d.format('YYYY-MM'));
                setPage(1);
              }}
              allowClear={false}
              aria-label={t('dues.asOf')}
            />
          </Flex>
          <Checkbox
            checked={onlyFlagged}
            onChange={(e) => {
              setOnlyFlagged(e.target.checked);
              setPage(1);
            }}
            data-testid="arrears-flagged"
          >
            {t('dues.onlyFlagged')}
          </Checkbox>
        </Flex>
      </Card>
      {report.error && <Alert type="error" showIcon title={errorMessage(report.error)} role="alert" />}
      {report.data && (
        <Alert
          type={flagged ? 'warning' : 'info'}
          showIcon
          role="status"
          title={t('dues.arrearsSummary', { total: report.data.total, flagged })}
          description={flagged ? t('dues.flaggedHint') : undefined}
          data-testid="arrears-summary"
        />
      )}
      <Table<ArrearsRowT>
        rowKey="memberId"
        size="middle"
        loading={report.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: ARREARS_PAGE,
          total: report.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
        }}
        locale={{ emptyText: t('dues.noArrears') }}
        rowClassName={(r) => (r.flagged ? 'hy-row-alert' : '')}
        data-testid="arrears-table"
        columns={[
          {
            key: 'name',
            title: t('members.field.name'),
            fixed: 'start',
            render: (_, r) => <Link to={`/members/${r.memberId}`}>{r.name}</Link>,
          },
          { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
          {
            key: 'standard',
            title: t('dues.standardCol'),
            align: 'end',
            render: (_, r) => (r.duesStandardFen === null ? '—' : yuan(r.duesStandardFen)),
          },
          {
            key: 'months',
            title: t('dues.monthsOwed'),
            dataIndex: 'monthsOwed',
            align: 'end',
            sorter: (a, b) => a.monthsOwed - b.monthsOwed,
          },
          {
            key: 'owed',
            title: t('dues.owed'),
            align: 'end',
            sorter: (a, b) => a.owedFen - b.owedFen,
            render: (_, r) => yuan(r.owedFen),
          },
          { key: 'since', title: t('dues.since'), render: (_, r) => r.since ?? '—' },
          {
            key: 'flag',
            title: '',
            render: (_, r) =>
              r.flagged ? (
                <Tag color="error" icon={<WarningOutlined />} data-testid="arrears-flag">
                  {t('dues.flagged')}
                </Tag>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

function Standards() {
  const { t, i18n } = useTranslation();
  const table = useStandardTable();
  // The category's wording comes from contracts/labels.ts, like every other enumeration's.
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  if (table.error) return <Alert type="error" showIcon title={errorMessage(table.error)} role="alert" />;
  const d = table.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {d ? `${d.source}。${d.basis}` : t('dues.standardHint')}
      </Typography.Paragraph>
      <Table
        rowKey={(r) => `${r.category}-${r.overFen}`}
        size="small"
        loading={table.isPending}
        dataSource={d?.brackets ?? []}
        pagination={false}
        data-testid="dues-brackets"
        columns={[
          {
            key: 'cat',
            title: t('members.field.duesCategory'),
            render: (_, r) => DUES_CATEGORY_DESCRIPTIONS[r.category][lang],
          },
          {
            key: 'range',
            title: t('members.field.monthlyIncomeFen'),
            render: (_, r) => bracketRange(r.overFen, r.upToFen, lang),
          },
          {
            key: 'rate',
            title: t('dues.standardCol'),
            align: 'end',
            render: (_, r) => ratePercent(r.rate),
          },
        ]}
      />
      <Table
        rowKey="category"
        size="small"
        loading={table.isPending}
        dataSource={d?.fixed ?? []}
        pagination={false}
        data-testid="dues-fixed"
        columns={[
          {
            key: 'cat',
            title: t('members.field.duesCategory'),
            render: (_, r) => DUES_CATEGORY_DESCRIPTIONS[r.category][lang],
          },
          {
            key: 'amount',
            title: t('dues.standardCol'),
            align: 'end',
            render: (_, r) => t('members.yuanPerMonth', { amount: yuan(r.amountFen) }),
          },
        ]}
      />
    </Space>
  );
}
