import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Lang } from '../../../../../contracts/labels.ts';
import { periodWords } from '../../../../../contracts/life/thought-report-periods.ts';
import type {
  ThoughtReportDue,
  ThoughtReportFrequency,
  ThoughtReportState,
  ThoughtReportSummary,
} from '../../../../../contracts/life/thought-reports.ts';
import { errorMessage } from '../../../app/api.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { currentMonth } from '../../../app/dates.ts';
import { OrgCounts } from '../../../app/OrgCounts.tsx';
import { dayOf, momentOf } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { reportApi, reportKeys, useDue, useFrequency, useMonthly, useReport, useReports } from './api.ts';
import './i18n.ts';

const FREQUENCIES: ThoughtReportFrequency[] = ['monthly', 'quarterly', 'half_yearly'];
const TABS = ['pending', 'reviewed', 'due', 'stats'] as const;
type TabKey = (typeof TABS)[number];

const useLang = (): Lang => (useTranslation().i18n.language === 'en' ? 'en' : 'zh');

/**
 * 思想汇报: the reports waiting for review (oldest first) and those reviewed, who has not handed
 * in this period or missed the last one, the month's figures of the orgs below, and the branch's
 * frequency. The review drawer shows the whole report and takes the comment.
 */
export default function ThoughtReportsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'pending';
  const orgId = params.get('orgId') ?? undefined;
  const [open, setOpen] = useState<string | null>(null);
  const set = (next: { tab?: TabKey; orgId?: string }) => {
    const p: Record<string, string> = {};
    const tb = next.tab ?? tab;
    const o = 'orgId' in next ? next.orgId : orgId;
    if (tb !== 'pending') p.tab = tb;
    if (o) p.orgId = o;
    setParams(p);
  };

  useEffect(() => {
    document.title = `${t('thoughtReports.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('thoughtReports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('thoughtReports.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={orgId}
            onChange={(id) => set({ orgId: id })}
            allowClear
            placeholder={t('thoughtReports.orgFilter')}
            aria-label={t('thoughtReports.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            data-testid="reports-org"
          />
          <FrequencySetting orgId={orgId ?? me.orgId ?? undefined} />
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k as TabKey })}
        destroyOnHidden
        items={[
          {
            key: 'pending',
            label: t('thoughtReports.pending'),
            children: <ReportList orgId={orgId} state="pending" onOpen={setOpen} />,
          },
          {
            key: 'reviewed',
            label: t('thoughtReports.reviewed'),
            children: <ReportList orgId={orgId} state="reviewed" onOpen={setOpen} />,
          },
          { key: 'due', label: t('thoughtReports.due'), children: <DueList orgId={orgId} /> },
          { key: 'stats', label: t('thoughtReports.stats'), children: <Figures orgId={orgId} /> },
        ]}
      />
      {open && <ReviewDrawer id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

/** The frequency of the chosen org (or the user's own), where it comes from, and the choice to change it. */
function FrequencySetting({ orgId }: { orgId: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const f = useFrequency(orgId);
  const save = useMutation({
    mutationFn: (v: ThoughtReportFrequency | 'inherit') =>
      reportApi.setFrequency(orgId!, v === 'inherit' ? null : v),
    onSuccess: (view) => {
      queryClient.setQueryData(reportKeys.frequency(orgId!), view);
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      message.success(t('thoughtReports.frequencySaved'));
    },
    onError: (e) => void message.error({ content: errorMessage(e), duration: 6 }),
  });
  if (!orgId) return <Typography.Text type="secondary">{t('thoughtReports.pickOrg')}</Typography.Text>;
  const v = f.data;
  if (!v) return null;
  const own = v.setOn?.orgId === v.orgId;
  const from = own
    ? t('thoughtReports.frequencyFrom.own')
    : v.setOn
      ? t('thoughtReports.frequencyFrom.above', { org: v.setOn.orgName })
      : t('thoughtReports.frequencyFrom.department', {
          value: t(`thoughtReports.frequencyName.${v.departmentDefault}`),
        });
  return (
    <Flex gap={8} wrap align="center" data-testid="reports-frequency">
      <Typography.Text strong>{t('thoughtReports.frequencyOf', { org: v.orgName })}</Typography.Text>
      <Select<ThoughtReportFrequency | 'inherit'>
        value={own ? v.frequency : 'inherit'}
        disabled={!v.can.set}
        loading={save.isPending}
        onChange={(x) => save.mutate(x)}
        aria-label={t('thoughtReports.frequency')}
        style={{ minWidth: 200 }}
        options={[
          ...FREQUENCIES.map((x) => ({ value: x, label: t(`thoughtReports.frequencyName.${x}`) })),
          { value: 'inherit', label: `${t('thoughtReports.frequencyInherit')}` },
        ]}
        data-testid="reports-frequency-select"
      />
      <Typography.Text type="secondary">
        {from} ·{' '}
        {t('thoughtReports.periodNow', {
          period: periodWords(v.period.label, lang),
          start: v.period.start,
          last: v.period.last,
        })}
      </Typography.Text>
    </Flex>
  );
}

function ReportList({
  orgId,
  state,
  onOpen,
}: {
  orgId?: string;
  state: ThoughtReportState;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useReports({ orgId, state, ...page });
  return (
    <Table<ThoughtReportSummary>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: list.error ? errorMessage(list.error) : t('thoughtReports.empty') }}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: list.data?.total ?? 0,
        hideOnSinglePage: true,
        onChange: (p, s) => setPage({ page: p, pageSize: s }),
      }}
      onRow={(r) => ({ onDoubleClick: () => onOpen(r.id) })}
      data-testid={`reports-${state}`}
      columns={[
        {
          key: 'member',
          title: t('thoughtReports.field.member'),
          render: (_, r) => (
            <Flex vertical>
              <span>{r.memberName}</span>
              <Typography.Text type="secondary">{t(`thoughtReports.stage.${r.stage}`)}</Typography.Text>
            </Flex>
          ),
        },
        { key: 'org', title: t('thoughtReports.field.org'), dataIndex: 'orgName' },
        {
          key: 'period',
          title: t('thoughtReports.field.period'),
          render: (_, r) => periodWords(r.period, lang),
        },
        {
          key: 'title',
          title: t('thoughtReports.field.title'),
          render: (_, r) => (
            <Flex vertical style={{ maxWidth: 360 }}>
              <Typography.Text strong>{r.title}</Typography.Text>
              {/* plain text, shown as text: nothing in it is ever markup */}
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                {r.excerpt}
              </Typography.Paragraph>
              {r.attachment && (
                <Typography.Text type="secondary">
                  {t('thoughtReports.field.attachment')}：{r.attachment.name}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          key: 'submitted',
          title: t('thoughtReports.field.submittedAt'),
          render: (_, r) => momentOf(r.submittedAt),
        },
        ...(state === 'reviewed'
          ? [
              {
                key: 'comment',
                title: t('thoughtReports.field.comment'),
                render: (_: unknown, r: ThoughtReportSummary) => (
                  <Flex vertical style={{ maxWidth: 280 }}>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {r.comment}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {r.reviewerName} · {r.reviewedAt ? dayOf(r.reviewedAt) : ''}
                    </Typography.Text>
                  </Flex>
                ),
              },
            ]
          : []),
        {
          key: 'act',
          title: '',
          render: (_, r) => (
            <Button
              size="small"
              type={r.can.review ? 'primary' : 'default'}
              onClick={() => onOpen(r.id)}
              data-testid={`report-open-${r.id}`}
            >
              {r.can.review ? t('thoughtReports.open') : t('thoughtReports.view')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** Who has not handed in: this period (still due) or the last one (missing). */
function DueList({ orgId }: { orgId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [when, setWhen] = useState<'current' | 'previous'>('current');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const due = useDue({ orgId, when, ...page });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Segmented
        value={when}
        onChange={(v) => {
          setWhen(v as 'current' | 'previous');
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={[
          { value: 'current', label: t('thoughtReports.current') },
          { value: 'previous', label: t('thoughtReports.previous') },
        ]}
        data-testid="reports-due-when"
      />
      <Table<ThoughtReportDue>
        rowKey={(r) => `${r.memberId}-${r.period}`}
        size="middle"
        loading={due.isFetching}
        dataSource={due.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: due.error
            ? errorMessage(due.error)
            : t(when === 'current' ? 'thoughtReports.noneDue' : 'thoughtReports.noneMissing'),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: due.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: (n) => `${t('thoughtReports.total')} ${n}`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="reports-due"
        columns={[
          { key: 'name', title: t('thoughtReports.field.member'), dataIndex: 'name' },
          {
            key: 'stage',
            title: t('thoughtReports.field.stage'),
            render: (_, r) => t(`thoughtReports.stage.${r.stage}`),
          },
          { key: 'org', title: t('thoughtReports.field.org'), dataIndex: 'orgName' },
          {
            key: 'period',
            title: t('thoughtReports.field.period'),
            render: (_, r) => periodWords(r.period, lang),
          },
          { key: 'last', title: t('thoughtReports.field.periodLast'), dataIndex: 'periodLast' },
          {
            key: 'state',
            title: t('thoughtReports.field.state'),
            render: (_, r) => (
              <Tag color={r.state === 'missing' ? 'red' : 'orange'}>
                {t(`thoughtReports.dueState.${r.state}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}

const lastMonths = (n: number) => {
  const [y, m] = currentMonth().split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
};

/** The month's figures: the org's totals and each org below it, in a chart and a table. */
function Figures({ orgId }: { orgId?: string }) {
  const { t } = useTranslation();
  const months = lastMonths(12);
  // the month before this one: its periods are over, so its missing reports are known
  const [month, setMonth] = useState(months[1]);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useMonthly({ orgId, month, ...page });
  const d = q.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{t('thoughtReports.month')}</Typography.Text>
        <Select
          value={month}
          onChange={(m) => {
            setMonth(m);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={months.map((m) => ({ value: m, label: m }))}
          style={{ width: 140 }}
          aria-label={t('thoughtReports.month')}
        />
        <Typography.Text type="secondary">{t('thoughtReports.monthHint')}</Typography.Text>
      </Flex>
      <OrgCounts
        title={d?.org.orgName ?? ''}
        testId="reports-figures"
        total={d?.org}
        counts={[
          { key: 'handedIn', title: t('thoughtReports.handedIn'), value: (c) => c.handedIn },
          { key: 'reviewed', title: t('thoughtReports.reviewedCount'), value: (c) => c.reviewed },
          { key: 'due', title: t('thoughtReports.dueCount'), value: (c) => c.due },
          { key: 'missing', title: t('thoughtReports.missingCount'), value: (c) => c.missing, alarm: true },
        ]}
        orgTitle={t('thoughtReports.field.org')}
        rows={d?.children.items ?? []}
        // a month still running has no missing reports yet: nothing to chart
        bars={
          month < months[0]
            ? {
                rows: (d?.children.items ?? []).filter((c) => c.due > 0),
                // the most missing first
                order: (a, b) => b.missing / b.due - a.missing / a.due || b.due - a.due,
                parts: [
                  { name: t('thoughtReports.inTime'), color: '#389e0d', value: (c) => c.due - c.missing },
                  { name: t('thoughtReports.missingCount'), color: '#cf1322', value: (c) => c.missing },
                ],
                label: t('thoughtReports.chartLabel'),
                testId: 'reports-chart',
              }
            : undefined
        }
        error={q.error}
        loading={q.isFetching}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: d?.children.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Space>
  );
}

/** A whole report: its text, its attachment, and the comment box while it waits for review. */
function ReviewDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const report = useReport(id);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: () => reportApi.review(id, comment),
    onSuccess: (r) => {
      queryClient.setQueryData(reportKeys.one(id), r);
      setComment('');
      message.success(t('thoughtReports.reviewedOk'));
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (e) => void message.error({ content: errorMessage(e), duration: 6 }),
  });
  const r = report.data;
  return (
    <Drawer
      open
      size={Math.min(680, typeof window === 'undefined' ? 680 : window.innerWidth)}
      title={t('thoughtReports.drawer')}
      onClose={onClose}
      destroyOnHidden
      data-testid="report-drawer"
    >
      {report.error && <Typography.Text type="danger">{errorMessage(report.error)}</Typography.Text>}
      {r && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">
              {r.title}
            </Typography.Title>
            <Typography.Text>
              {r.memberName} <Tag>{t(`thoughtReports.stage.${r.stage}`)}</Tag>
              <Tag color={r.state === 'pending' ? 'orange' : 'green'}>
                {t(`thoughtReports.state.${r.state}`)}
              </Tag>
            </Typography.Text>
            <Typography.Text type="secondary">
              {r.orgName} · {periodWords(r.period, lang)} · {t('thoughtReports.field.submittedAt')}：
              {momentOf(r.submittedAt)}
            </Typography.Text>
          </Flex>
          {r.body && (
            <Card size="small">
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                data-testid="report-body"
              >
                {r.body}
              </Typography.Paragraph>
            </Card>
          )}
          {r.attachment && (
            <Button onClick={() => void reportApi.attachment(r.id)} data-testid="report-attachment">
              {t('thoughtReports.download')}：{r.attachment.name}
            </Button>
          )}
          {r.state === 'reviewed' ? (
            <Card
              size="small"
              type="inner"
              title={t('thoughtReports.field.comment')}
              data-testid="report-comment"
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                {r.comment}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('thoughtReports.reviewedBy', {
                  name: r.reviewerName ?? '',
                  at: r.reviewedAt ? momentOf(r.reviewedAt) : '',
                })}
              </Typography.Text>
            </Card>
          ) : (
            r.can.review && (
              <Flex vertical gap={8}>
                <label htmlFor="report-comment-box">
                  <Typography.Text strong>{t('thoughtReports.commentLabel')}</Typography.Text>
                </label>
                <Input.TextArea
                  id="report-comment-box"
                  rows={4}
                  maxLength={1000}
                  showCount
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  placeholder={t('thoughtReports.commentPlaceholder')}
                  data-testid="report-comment-box"
                />
                <Button
                  type="primary"
                  disabled={!comment.trim()}
                  loading={review.isPending}
                  onClick={() => review.mutate()}
                  data-testid="report-review-submit"
                >
                  {t('thoughtReports.submitReview')}
                </Button>
              </Flex>
            )
          )}
        </Space>
      )}
    </Drawer>
  );
}
