import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Spin,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Exam } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { momentOf, when } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { examApi, examKeys, useExam } from '../sittings/admin-api.ts';
import { PhaseTag } from '../sittings/ExamsPage.tsx';
import '../sittings/admin-i18n.ts';
import {
  type GradingItemT,
  gradingApi,
  gradingKeys,
  type ResultFilter,
  type ResultRowT,
  useGradingQueue,
  useOrgResults,
  useResults,
  useStatistics,
} from './api.ts';
import './i18n.ts';

const Bars = lazy(() => import('./Bars.tsx'));
const RED = '#c8161d';
const GOLD = '#d48806';
const GREEN = '#389e0d';

/**
 * 考试 (console), one exam: its facts and 取消考试; tabs 成绩 (each candidate's best score and ranks,
 * filters, the export), 组织统计 (average and pass rate per org), 试题分析 (the score bands and
 * each question's facility and discrimination) and 阅卷 (short answers waiting for a grader).
 */
export default function ExamPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const exam = useExam(id);
  const e = exam.data;
  const [tab, setTab] = useState('results');
  useEffect(() => {
    document.title = `${e?.title ?? t('examAdmin.title')} · ${t('app.title')}`;
  }, [e, t]);
  const cancel = useMutation({
    mutationFn: () => examApi.cancel(id!),
    onSuccess: () => {
      message.success(t('examPage.cancelled'));
      void queryClient.invalidateQueries({ queryKey: examKeys.all });
    },
    onError: (err) => message.error({ content: errorMessage(err), duration: 6 }),
  });
  if (exam.isError) return <Typography.Text type="danger">{errorMessage(exam.error)}</Typography.Text>;
  if (!e || !id) return <Spin />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Link to="/exams">‹ {t('examPage.back')}</Link>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} className="hy-page-title" style={{ margin: '4px 0' }}>
            {e.title}
          </Typography.Title>
          <PhaseTag exam={e} />
        </Flex>
        {e.description && <Typography.Text type="secondary">{e.description}</Typography.Text>}
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'org', label: t('examPage.facts.org'), children: e.orgName },
            { key: 'paper', label: t('examPage.facts.paper'), children: e.paperTitle },
            {
              key: 'window',
              label: t('examPage.facts.window'),
              children: `${momentOf(e.opensAt)} — ${momentOf(e.closesAt)}`,
            },
            {
              key: 'duration',
              label: t('examPage.facts.duration'),
              children: t('examPage.minutes', { count: e.durationMinutes }),
            },
            { key: 'attempts', label: t('examPage.facts.attempts'), children: e.attemptsAllowed },
            {
              key: 'points',
              label: t('examPage.facts.points'),
              children: `${e.totalPoints} / ${e.passScore}`,
            },
            {
              key: 'audience',
              label: t('examPage.facts.audience'),
              children: t(`examAdmin.audience.${e.audienceKind}`),
            },
            {
              key: 'progress',
              label: t('examPage.facts.progress'),
              children: (
                <span data-testid="exam-progress">
                  {e.candidateCount} / {e.submittedCount} / {e.pendingCount}
                </span>
              ),
            },
          ]}
        />
        {e.can.manage && e.status === 'published' && (
          <Popconfirm title={t('examPage.cancelConfirm')} onConfirm={() => cancel.mutate()}>
            <Button danger loading={cancel.isPending} data-testid="exam-cancel">
              {t('examPage.cancel')}
            </Button>
          </Popconfirm>
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'results', label: t('examPage.tabs.results'), children: <ResultsTab exam={e} /> },
          { key: 'orgs', label: t('examPage.tabs.orgs'), children: <OrgsTab exam={e} /> },
          { key: 'statistics', label: t('examPage.tabs.statistics'), children: <StatisticsTab exam={e} /> },
          ...(e.can.grade
            ? [{ key: 'grading', label: t('examPage.tabs.grading'), children: <GradingTab exam={e} /> }]
            : []),
        ]}
      />
    </Space>
  );
}

function ResultsTab({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [f, setF] = useState<ResultFilter>({ status: 'all', page: 1, pageSize: 20 });
  const results = useResults(exam.id, f);
  const exporting = useMutation({
    mutationFn: () => gradingApi.exportResults(exam.id),
    onSuccess: () => message.success(t('examPage.results.exported')),
    onError: (err) => message.error(errorMessage(err)),
  });
  const statuses = ['all', 'sat', 'absent', 'passed', 'failed'] as const;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <OrgSelect
            value={f.orgId}
            onChange={(orgId) => setF((x) => ({ ...x, orgId, page: 1 }))}
            allowClear
            placeholder={t('examPage.results.orgFilter')}
            aria-label={t('examPage.results.orgFilter')}
            style={{ width: 300 }}
          />
          <Select
            value={f.status}
            onChange={(status) => setF((x) => ({ ...x, status, page: 1 }))}
            options={statuses.map((s) => ({ value: s, label: t(`examPage.results.status.${s}`) }))}
            style={{ width: 140 }}
            data-testid="results-status"
          />
        </Flex>
        <Button onClick={() => exporting.mutate()} loading={exporting.isPending} data-testid="results-export">
          {t('examPage.results.export')}
        </Button>
      </Flex>
      <Table<ResultRowT>
        rowKey="memberId"
        size="middle"
        loading={results.isFetching}
        dataSource={results.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: results.error ? errorMessage(results.error) : t('common.none') }}
        pagination={{
          current: f.page,
          pageSize: f.pageSize,
          total: results.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (page, pageSize) => setF((x) => ({ ...x, page, pageSize })),
        }}
        data-testid="exam-results"
        columns={[
          { key: 'rank', title: t('examPage.results.rank'), render: (_, r) => r.rank ?? '—' },
          { key: 'name', title: t('examPage.results.name'), dataIndex: 'name' },
          { key: 'org', title: t('examPage.results.org'), dataIndex: 'orgName' },
          {
            key: 'score',
            title: t('examPage.results.score'),
            render: (_, r) =>
              r.score != null ? (
                <span data-testid={`result-score-${r.memberId}`}>{r.score}</span>
              ) : r.attempts ? (
                <Tag color="orange">{t('examPage.results.pendingGrade')}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('examPage.results.absent')}</Typography.Text>
              ),
          },
          {
            key: 'passed',
            title: t('examPage.results.passed'),
            render: (_, r) =>
              r.passed == null ? (
                ''
              ) : r.passed ? (
                <Tag color="green">{t('examPage.results.yes')}</Tag>
              ) : (
                <Tag color="red">{t('examPage.results.no')}</Tag>
              ),
          },
          { key: 'orgRank', title: t('examPage.results.orgRank'), render: (_, r) => r.orgRank ?? '—' },
          { key: 'attempts', title: t('examPage.results.attempts'), dataIndex: 'attempts' },
          {
            key: 'submittedAt',
            title: t('examPage.results.submittedAt'),
            render: (_, r) => when(r.submittedAt),
          },
        ]}
      />
    </Space>
  );
}

function OrgsTab({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<string | undefined>();
  const orgs = useOrgResults(exam.id, orgId);
  const items = orgs.data?.items ?? [];
  const shown = items.filter((o) => o.candidates > 0);
  const chart = useMemo(
    () => ({
      categories: shown.map((o) => o.orgName),
      series: [
        { name: t('examPage.orgs.average'), data: shown.map((o) => o.average), color: RED },
        {
          name: t('examPage.orgs.passRate'),
          data: shown.map((o) => (o.sat ? Math.round((o.passed * 1000) / o.sat) / 10 : null)),
          color: GOLD,
          axis: 1 as const,
        },
      ],
    }),
    [shown, t],
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('examPage.orgs.pick')}</Typography.Text>
        <OrgSelect
          value={orgId ?? exam.orgId}
          onChange={(id) => setOrgId(id)}
          aria-label={t('examPage.orgs.pick')}
          style={{ width: 300 }}
        />
      </Flex>
      <Typography.Text type="secondary">{t('examPage.orgs.hint')}</Typography.Text>
      {orgs.error && <Typography.Text type="danger">{errorMessage(orgs.error)}</Typography.Text>}
      <Card size="small" title={t('examPage.orgs.chartTitle')}>
        {shown.length ? (
          <Suspense fallback={<Spin />}>
            <Bars {...chart} label={t('examPage.orgs.chartTitle')} testId="exam-orgs-chart" />
          </Suspense>
        ) : (
          <Empty description={t('examPage.orgs.none')} />
        )}
      </Card>
      <Table
        rowKey="orgId"
        size="middle"
        loading={orgs.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="exam-orgs"
        columns={[
          { key: 'rank', title: t('examPage.orgs.rank'), render: (_, o) => o.rank ?? '—' },
          { key: 'org', title: t('examPage.orgs.org'), dataIndex: 'orgName' },
          { key: 'candidates', title: t('examPage.orgs.candidates'), dataIndex: 'candidates' },
          { key: 'sat', title: t('examPage.orgs.sat'), dataIndex: 'sat' },
          { key: 'passed', title: t('examPage.orgs.passed'), dataIndex: 'passed' },
          { key: 'average', title: t('examPage.orgs.average'), render: (_, o) => o.average ?? '—' },
          {
            key: 'rate',
            title: t('examPage.orgs.passRate'),
            render: (_, o) => (o.sat ? `${Math.round((o.passed * 1000) / o.sat) / 10}` : '—'),
          },
        ]}
      />
    </Space>
  );
}

function StatisticsTab({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const stats = useStatistics(exam.id);
  const s = stats.data;
  const charts = useMemo(() => {
    if (!s) return null;
    const step = exam.totalPoints / 10;
    const fmt = (n: number) => String(Math.round(n * 10) / 10);
    return {
      histogram: {
        categories: s.histogram.map((_, i) =>
          t('examPage.statistics.band', { from: fmt(i * step), to: fmt((i + 1) * step) }),
        ),
        series: [{ name: t('examPage.statistics.series'), data: s.histogram, color: RED }],
      },
      facility: {
        categories: s.questions.map((_, i) => `${i + 1}`),
        series: [
          { name: t('examPage.statistics.facility'), data: s.questions.map((q) => q.facility), color: GREEN },
        ],
      },
    };
  }, [s, exam.totalPoints, t]);
  if (stats.isError) return <Typography.Text type="danger">{errorMessage(stats.error)}</Typography.Text>;
  if (!s || !charts) return <Spin />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('examPage.statistics.hint')}</Typography.Text>
      <Flex gap={32} wrap>
        <Statistic title={t('examPage.statistics.attempts')} value={s.attempts} />
        <Statistic title={t('examPage.statistics.average')} value={s.average ?? '—'} />
        <Statistic title={t('examPage.statistics.median')} value={s.median ?? '—'} />
        <Statistic
          title={t('examPage.statistics.passRate')}
          value={s.passRate ?? '—'}
          suffix={s.passRate == null ? undefined : '%'}
        />
      </Flex>
      <Flex gap={16} wrap>
        <Card size="small" title={t('examPage.statistics.histogramTitle')} style={{ flex: '1 1 420px' }}>
          <Suspense fallback={<Spin />}>
            <Bars
              {...charts.histogram}
              label={t('examPage.statistics.histogramTitle')}
              testId="exam-histogram"
            />
          </Suspense>
        </Card>
        <Card size="small" title={t('examPage.statistics.facilityTitle')} style={{ flex: '1 1 420px' }}>
          <Suspense fallback={<Spin />}>
            <Bars
              {...charts.facility}
              label={t('examPage.statistics.facilityTitle')}
              testId="exam-facility-chart"
            />
          </Suspense>
        </Card>
      </Flex>
      <Table
        rowKey="questionId"
        size="middle"
        dataSource={s.questions}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="exam-questions"
        columns={[
          { key: 'no', title: '#', render: (_, _q, i) => i + 1 },
          { key: 'name', title: t('examPage.statistics.question'), dataIndex: 'name' },
          {
            key: 'type',
            title: t('examPage.statistics.type'),
            render: (_, q) => t(`examPage.type.${q.type}`),
          },
          { key: 'attempts', title: t('examPage.statistics.answered'), dataIndex: 'attempts' },
          { key: 'facility', title: t('examPage.statistics.facility'), render: (_, q) => q.facility ?? '—' },
          { key: 'sd', title: t('examPage.statistics.sd'), render: (_, q) => q.sd ?? '—' },
          {
            key: 'discrimination',
            title: t('examPage.statistics.discrimination'),
            render: (_, q) =>
              q.discrimination == null ? (
                '—'
              ) : (
                <Typography.Text type={q.discrimination < 0 ? 'danger' : undefined}>
                  {q.discrimination}
                </Typography.Text>
              ),
          },
        ]}
      />
    </Space>
  );
}

function GradingTab({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const [pendingOnly, setPendingOnly] = useState(true);
  const [names, setNames] = useState(false);
  const queue = useGradingQueue(exam.id, {
    pendingOnly: pendingOnly ? 'true' : 'false',
    names: names ? 'true' : 'false',
  });
  const q = queue.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('examPage.grading.hint')}</Typography.Text>
      <Flex gap={16} wrap align="center">
        <Checkbox
          checked={pendingOnly}
          onChange={(x) => setPendingOnly(x.target.checked)}
          data-testid="grading-pending-only"
        >
          {t('examPage.grading.pendingOnly')}
        </Checkbox>
        {exam.can.manage && (
          <Space>
            <Switch checked={names} onChange={setNames} data-testid="grading-names" />
            <Typography.Text>{t('examPage.grading.showNames')}</Typography.Text>
          </Space>
        )}
        {q && (
          <Tag color={q.pending ? 'orange' : 'green'}>
            {t('examPage.grading.pending', { count: q.pending })}
          </Tag>
        )}
      </Flex>
      {queue.error && <Typography.Text type="danger">{errorMessage(queue.error)}</Typography.Text>}
      {queue.isLoading && <Spin />}
      {q && !q.items.length && <Empty description={t('examPage.grading.none')} />}
      {q?.items.map((item) => (
        <GradeCard key={`${item.attemptId}-${item.slot}`} examId={exam.id} item={item} />
      ))}
    </Space>
  );
}

function GradeCard({ examId, item }: { examId: string; item: GradingItemT }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [score, setScore] = useState<number | null>(item.score);
  const [comment, setComment] = useState(item.comment ?? '');
  const key = `${item.attemptId}-${item.slot}`;
  const grade = useMutation({
    mutationFn: () =>
      gradingApi.grade(examId, item.attemptId, item.slot, { score: score ?? 0, comment: comment.trim() }),
    onSuccess: () => {
      message.success(t('examPage.grading.saved'));
      void queryClient.invalidateQueries({ queryKey: gradingKeys.all(examId) });
      void queryClient.invalidateQueries({ queryKey: examKeys.one(examId) });
    },
    onError: (err) => message.error({ content: errorMessage(err), duration: 6 }),
  });
  return (
    <Card
      size="small"
      data-testid={`grade-${key}`}
      title={
        <Space>
          <span>{item.examinee}</span>
          {item.score != null && (
            <Tag color="green">{t('examPage.grading.graded', { score: item.score })}</Tag>
          )}
        </Space>
      }
      extra={`${t('examPage.grading.points')} ${item.points}`}
    >
      <Typography.Paragraph strong>{item.stem}</Typography.Paragraph>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 6 }}
        data-testid={`grade-answer-${key}`}
      >
        {item.answer}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('examPage.grading.score')}</Typography.Text>
        <InputNumber
          min={0}
          max={item.points}
          value={score}
          onChange={(v) => setScore(v)}
          style={{ width: 120 }}
          aria-label={t('examPage.grading.score')}
          data-testid={`grade-score-${key}`}
        />
        <Input
          value={comment}
          onChange={(x) => setComment(x.target.value)}
          maxLength={500}
          placeholder={t('examPage.grading.comment')}
          aria-label={t('examPage.grading.comment')}
          style={{ flex: '1 1 240px' }}
          data-testid={`grade-comment-${key}`}
        />
        <Button
          type="primary"
          disabled={score == null}
          loading={grade.isPending}
          onClick={() => grade.mutate()}
          data-testid={`grade-save-${key}`}
        >
          {t('examPage.grading.save')}
        </Button>
      </Flex>
    </Card>
  );
}
