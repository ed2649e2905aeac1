import { DownloadOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Input,
  InputNumber,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DUES_CATEGORY_DESCRIPTIONS } from '../../../../../contracts/labels.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { currentMonth } from '../../../app/dates.ts';
import { toFen, yuan } from '../../../app/format.ts';
import { useOrg } from '../../orgs/api.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { memberKeys } from '../keys.ts';
import { StatusTag } from '../StatusTag.tsx';
import {
  type ArrearsFilter,
  type ArrearsRowT,
  duesApi,
  type ReliefT,
  type SheetRowT,
  useArrears,
  useReliefs,
  useSheet,
  useStandardTable,
} from './api.ts';
import { ReliefDrawer } from './ReliefDrawer.tsx';
import { ReliefActions, ReliefWhat, ReliefPeriod } from './reliefParts.tsx';
import { DuesStateTag, useDuesWords } from './parts.tsx';
import { bracketRange, ratePercent } from './standards.ts';
import './i18n.ts';
import '../members.css';
import './dues.css';

/** 党费: the month's collection sheet of a branch, who owes, reductions and exemptions, the standards. */
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
          { key: 'record', label: t('dues.record'), children: <CollectionSheet /> },
          { key: 'arrears', label: t('dues.arrears'), children: <Arrears /> },
          { key: 'reliefs', label: t('dues.reliefs'), children: <Reliefs /> },
          { key: 'standard', label: t('dues.standard'), children: <Standards /> },
        ]}
      />
    </Space>
  );
}

const DUES_ROLES = ['dept_admin', 'org_admin', 'secretary'];

/**
 * The branch the sheet opens on: the one last chosen here (kept in this browser), else the user's
 * only branch — a secretary of one branch never has to look it up.
 */
function useSheetBranch(): [string | undefined, (id: string | undefined) => void] {
  const me = useCurrentUser();
  const key = `hy.dues.branch.${me.id}`;
  const [orgId, setOrgId] = useState<string | undefined>(() => localStorage.getItem(key) ?? undefined);
  const grants = me.grants.filter((g) => DUES_ROLES.includes(g.role));
  const only = grants.length === 1 ? grants[0].orgId : undefined;
  const onlyOrg = useOrg(orgId ? undefined : only);
  useEffect(() => {
    if (!orgId && onlyOrg.data?.kind === 'branch') setOrgId(onlyOrg.data.id);
  }, [orgId, onlyOrg.data]);
  const choose = (id: string | undefined) => {
    setOrgId(id);
    if (id) localStorage.setItem(key, id);
    else localStorage.removeItem(key);
  };
  return [orgId, choose];
}

const SHEET_PAGE = 100;
/** Rows a batch may record: not paid, or paid short (补交). Paid, exempt and not-due rows are skipped. */
const payable = (r: SheetRowT) => r.state === 'unpaid' || r.state === 'underpaid';
const settled = (r: SheetRowT) => r.state === 'paid' || r.state === 'overpaid' || r.state === 'exempt';
/** What a tick records by default: what was due, or what is still owed of it. */
const suggested = (r: SheetRowT) =>
  r.dueFen == null ? null : (r.dueFen - (r.state === 'underpaid' ? (r.paidFen ?? 0) : 0)) / 100;

function CollectionSheet() {
  const { t } = useTranslation();
  const words = useDuesWords();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useSheetBranch();
  const [month, setMonth] = useState(currentMonth());
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [paid, setPaid] = useState<Record<string, boolean>>({});
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const sheet = useSheet({ orgId, month, q, page, pageSize: SHEET_PAGE });
  const rows = useMemo(() => sheet.data?.items ?? [], [sheet.data]);

  // a new branch, month, search or page: the amounts prefilled, nobody ticked
  useEffect(() => {
    setPaid({});
    setRowErrors({});
    setGeneral(null);
    setAmounts(Object.fromEntries(rows.map((r) => [r.memberId, suggested(r)])));
  }, [rows]);

  const ticked = rows.filter((r) => paid[r.memberId] && payable(r));
  const totalFen = ticked.reduce((s, r) => s + toFen(amounts[r.memberId] ?? 0), 0);

  const record = useMutation({
    mutationFn: (list: SheetRowT[]) =>
      duesApi.record(
        list.map((r) => ({ memberId: r.memberId, month, amountFen: toFen(amounts[r.memberId] ?? 0) })),
      ),
    onSuccess: (res, list) => {
      message.success(
        t('dues.submitted', { count: list.length, month, amount: yuan(res.totalFen) }) +
          (res.extraFen ? t('dues.submittedExtra', { extra: yuan(res.extraFen) }) : '') +
          (res.shortFen ? t('dues.submittedShort', { short: yuan(res.shortFen) }) : ''),
      );
      void queryClient.invalidateQueries({ queryKey: memberKeys.dues });
    },
    onError: (e, list) => {
      // payments.3.amountFen → under the amount of the fourth ticked member
      const errs: Record<string, string> = {};
      const rest: string[] = [];
      for (const f of e instanceof ApiError ? e.fieldErrors : []) {
        const m = /^payments\.(\d+)\./.exec(f.path);
        const who = m ? list[Number(m[1])] : undefined;
        if (who) errs[who.memberId] = f.message;
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
    for (const r of ticked) if (!amounts[r.memberId]) errs[r.memberId] = t('dues.needAmount');
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
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
            placeholder={t('dues.branchPlaceholder')}
            aria-label={t('dues.branch')}
            style={{ flex: '1 1 260px', maxWidth: 400 }}
            data-testid="dues-branch"
          />
          <DatePicker
            picker="month"
            value={dayjs(`${month}-01`)}
            onChange={(d) => {
              if (!d) return;
              setMonth(d.format('YYYY-MM'));
              setPage(1);
            }}
            allowClear={false}
            aria-label={t('dues.month')}
            data-testid="dues-month"
          />
          <Input.Search
            allowClear
            placeholder={t('dues.search')}
            aria-label={t('dues.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
            data-testid="dues-search"
          />
        </Flex>
      </Card>
      {!orgId && <Empty description={t('dues.pickBranch')} />}
      {orgId && (
        <>
          {sheet.error && <Alert type="error" showIcon title={errorMessage(sheet.error)} role="alert" />}
          <Flex gap={8} wrap align="center" justify="space-between">
            <Space wrap>
              <Tooltip title={t('dues.selectAllHint')}>
                <Button
                  onClick={() =>
                    setPaid(Object.fromEntries(rows.filter(payable).map((r) => [r.memberId, true])))
                  }
                  data-testid="dues-select-all"
                >
                  {t('dues.selectAll')}
                </Button>
              </Tooltip>
              <Button onClick={() => setPaid({})}>{t('dues.selectNone')}</Button>
              <Typography.Text data-testid="dues-summary">
                {t('dues.summary', { count: ticked.length, amount: yuan(totalFen) })}
              </Typography.Text>
              {sheet.data && (
                <Typography.Text type="secondary" data-testid="dues-sheet-summary">
                  {t('dues.sheetSummary', { total: sheet.data.total, settled: sheet.data.settledTotal })}
                </Typography.Text>
              )}
            </Space>
            <Button
              type="primary"
              size="large"
              loading={record.isPending}
              onClick={submit}
              data-testid="dues-submit"
            >
              {t('dues.submit', { month })}
            </Button>
          </Flex>
          {general && <Alert type="error" showIcon title={general} role="alert" />}
          <Table<SheetRowT>
            rowKey="memberId"
            size="small"
            loading={sheet.isFetching}
            dataSource={rows}
            rowClassName={(r) =>
              settled(r) ? 'hy-row-paid' : r.state === 'underpaid' ? 'hy-row-attention' : ''
            }
            pagination={
              (sheet.data?.total ?? 0) > SHEET_PAGE
                ? {
                    current: page,
                    pageSize: SHEET_PAGE,
                    total: sheet.data?.total,
                    onChange: setPage,
                    showSizeChanger: false,
                  }
                : false
            }
            scroll={{ x: 'max-content' }}
            data-testid="dues-table"
            columns={[
              {
                key: 'paid',
                title: t('dues.paid'),
                width: 64,
                render: (_, r) => (
                  <Checkbox
                    checked={payable(r) ? !!paid[r.memberId] : settled(r)}
                    disabled={!payable(r)}
                    onChange={(e) => setPaid((p) => ({ ...p, [r.memberId]: e.target.checked }))}
                    aria-label={`${r.name} ${t('dues.paid')}`}
                    data-testid={`dues-paid-${r.memberId}`}
                  />
                ),
              },
              { key: 'name', title: t('members.field.name'), dataIndex: 'name' },
              {
                key: 'state',
                title: t('dues.stateCol'),
                render: (_, r) => (
                  <DuesStateTag
                    state={r.state}
                    extraFen={(r.paidFen ?? 0) - (r.dueFen ?? 0)}
                    shortFen={(r.dueFen ?? 0) - (r.paidFen ?? 0)}
                    testId={`dues-state-${r.memberId}`}
                  />
                ),
              },
              {
                key: 'due',
                title: t('dues.dueCol'),
                align: 'end',
                render: (_, r) =>
                  r.standardFen === null ? (
                    <Typography.Text type="warning">{t('dues.noStandard')}</Typography.Text>
                  ) : (
                    <Flex vertical align="end">
                      <span>{yuan(r.dueFen)}</span>
                      {r.relief && r.relief !== 'excused' && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {words.relief(r.relief)} · {t('dues.standardCol')} {yuan(r.standardFen)}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
              },
              {
                key: 'amount',
                title: t('dues.amount'),
                render: (_, r) =>
                  payable(r) ? (
                    <Flex vertical>
                      <InputNumber
                        min={0.01}
                        max={100000}
                        precision={2}
                        prefix="¥"
                        value={amounts[r.memberId]}
                        onChange={(v) => setAmounts((a) => ({ ...a, [r.memberId]: v }))}
                        status={rowErrors[r.memberId] ? 'error' : undefined}
                        aria-label={`${r.name} ${r.state === 'underpaid' ? t('dues.topUp') : t('dues.amount')}`}
                        style={{ width: 140 }}
                      />
                      {rowErrors[r.memberId] && (
                        <Typography.Text type="danger" role="alert">
                          {rowErrors[r.memberId]}
                        </Typography.Text>
                      )}
                    </Flex>
                  ) : (
                    <Typography.Text type="secondary">{r.paidFen ? yuan(r.paidFen) : '—'}</Typography.Text>
                  ),
              },
              {
                key: 'status',
                title: t('members.field.status'),
                render: (_, r) => <StatusTag status={r.status} />,
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
  const [relieve, setRelieve] = useState<ArrearsRowT | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const filter: ArrearsFilter = { orgId, asOf, minMonths: 1, onlyFlagged };
  const report = useArrears({ ...filter, page, pageSize: ARREARS_PAGE });
  const items = report.data?.items ?? [];
  const flagged = report.data?.flaggedTotal ?? 0;
  const printQuery = new URLSearchParams({
    asOf,
    ...(orgId ? { orgId } : {}),
    ...(onlyFlagged ? { onlyFlagged: 'true' } : {}),
  });
  const doExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await duesApi.exportArrears(filter);
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex gap={12} wrap align="center" style={{ flex: '1 1 auto' }}>
            <OrgSelect
              value={orgId}
              onChange={(v) => {
                setOrgId(v);
                setPage(1);
              }}
              allowClear
              placeholder={t('members.orgFilter')}
              aria-label={t('members.orgFilter')}
              style={{ flex: '1 1 240px', maxWidth: 360 }}
              data-testid="arrears-org"
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
                disabledDate={(d) => d.isAfter(dayjs(), 'month')}
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
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={doExport}
              data-testid="arrears-export"
            >
              {t('dues.export')}
            </Button>
            <Link to={`/dues/arrears/print?${printQuery}`} data-testid="arrears-print">
              <Button icon={<PrinterOutlined />}>{t('dues.print')}</Button>
            </Link>
          </Space>
        </Flex>
      </Card>
      {(report.error || exportError) && (
        <Alert type="error" showIcon title={exportError ?? errorMessage(report.error)} role="alert" />
      )}
      {report.data && (
        <Alert
          type={flagged ? 'warning' : 'info'}
          showIcon
          role="status"
          title={t('dues.arrearsSummary', {
            total: report.data.total,
            flagged,
            amount: yuan(report.data.owedFenTotal),
          })}
          description={flagged ? t('dues.flaggedHint') : undefined}
          data-testid="arrears-summary"
        />
      )}
      {report.data && report.data.withoutStandard > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('dues.withoutStandard', { count: report.data.withoutStandard })}
          action={
            <Link
              to={`/members/quality/gaps?${new URLSearchParams({ rate: 'duesStandardRate', ...(orgId ? { orgId } : {}) })}`}
            >
              {t('dues.withoutStandardLink')}
            </Link>
          }
          data-testid="arrears-without-standard"
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
            render: (_, r) => <Link to={`/members/${r.memberId}?tab=dues`}>{r.name}</Link>,
          },
          { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
          {
            key: 'standard',
            title: t('dues.standardCol'),
            align: 'end',
            render: (_, r) => (r.duesStandardFen === null ? '—' : yuan(r.duesStandardFen)),
          },
          { key: 'months', title: t('dues.monthsOwed'), dataIndex: 'monthsOwed', align: 'end' },
          { key: 'owed', title: t('dues.owed'), align: 'end', render: (_, r) => yuan(r.owedFen) },
          { key: 'since', title: t('dues.since'), render: (_, r) => r.since ?? '—' },
          {
            key: 'flag',
            title: t('dues.longestRun'),
            render: (_, r) =>
              r.flagged ? (
                <Tag color="error" icon={<WarningOutlined />} data-testid="arrears-flag">
                  {t('dues.flagged')}（{t('dues.months', { count: r.longestRun })}）
                </Tag>
              ) : r.longestRun > 0 ? (
                t('dues.months', { count: r.longestRun })
              ) : (
                '—'
              ),
          },
          {
            key: 'act',
            title: t('dues.actions'),
            render: (_, r) => (
              <Button size="small" onClick={() => setRelieve(r)} data-testid={`arrears-relief-${r.memberId}`}>
                {t('dues.addRelief')}
              </Button>
            ),
          },
        ]}
      />
      {relieve && (
        <ReliefDrawer
          memberId={relieve.memberId}
          memberName={relieve.name}
          fromMonth={relieve.since}
          onClose={() => setRelieve(null)}
        />
      )}
    </Space>
  );
}

function Reliefs() {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [showAll, setShowAll] = useState(false);
  const [page, setPage] = useState(1);
  const list = useReliefs({ orgId, show: showAll ? 'all' : 'current', page, pageSize: 20 });
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
            style={{ flex: '1 1 240px', maxWidth: 360 }}
          />
          <Checkbox checked={showAll} onChange={(e) => setShowAll(e.target.checked)}>
            {t('dues.relief.showAll')}
          </Checkbox>
        </Flex>
      </Card>
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} role="alert" />}
      <Table<ReliefT>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dues.relief.none') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="reliefs-table"
        columns={[
          {
            key: 'member',
            title: t('dues.relief.member'),
            render: (_, r) => (
              <Flex vertical>
                <Link to={`/members/${r.memberId}?tab=dues`}>{r.memberName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.orgName}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'what', title: t('dues.relief.kind'), render: (_, r) => <ReliefWhat r={r} /> },
          { key: 'period', title: t('dues.relief.period'), render: (_, r) => <ReliefPeriod r={r} /> },
          {
            key: 'approvals',
            title: t('dues.relief.approvals'),
            render: (_, r) => (
              <Flex vertical>
                {r.branchApprovedOn && (
                  <span>{t('dues.relief.branchShort', { date: r.branchApprovedOn })}</span>
                )}
                {r.committeeApprovedOn && (
                  <span>{t('dues.relief.committeeShort', { date: r.committeeApprovedOn })}</span>
                )}
              </Flex>
            ),
          },
          {
            key: 'state',
            title: t('dues.relief.state'),
            render: (_, r) =>
              r.inEffect ? (
                <Tag color="success">{t('dues.relief.inEffect')}</Tag>
              ) : (
                <Tag color="warning">{t('dues.relief.pending')}</Tag>
              ),
          },
          { key: 'act', title: t('dues.actions'), render: (_, r) => <ReliefActions r={r} /> },
        ]}
      />
    </Space>
  );
}

function Standards() {
  const { t } = useTranslation();
  const words = useDuesWords();
  const table = useStandardTable();
  const lang = words.lang;
  if (table.error) return <Alert type="error" showIcon title={errorMessage(table.error)} role="alert" />;
  const d = table.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {d ? `${d.source}。${d.basis}` : t('dues.standardHint')}
      </Typography.Paragraph>
      {d && (
        <Alert
          type={d.window.open ? 'success' : 'info'}
          showIcon
          data-testid="dues-window"
          title={
            d.window.open
              ? t('dues.windowOpen', { from: d.window.from, to: d.window.to })
              : t('dues.windowClosed', {
                  when:
                    d.window.from && d.window.to ? `${d.window.from} – ${d.window.to}` : t('dues.windowNone'),
                })
          }
        />
      )}
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
          { key: 'rate', title: t('dues.standardCol'), align: 'end', render: (_, r) => ratePercent(r.rate) },
        ]}
      />
      {d && (
        <Card size="small" title={t('dues.basesTitle')}>
          <ul className="hy-plain-list">
            {(['salary', 'annual_salary', 'self_employed', 'pension'] as const).map((b) => (
              <li key={b}>{words.basis(b)}</li>
            ))}
          </ul>
        </Card>
      )}
      {d && (
        <Alert
          type="info"
          showIcon
          title={t('dues.capTitle')}
          description={t('dues.cap', { amount: yuan(d.capFen), source: d.capSource })}
          data-testid="dues-cap"
        />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('dues.fixedTitle')}
      </Typography.Title>
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
