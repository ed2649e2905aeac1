import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SURVEY_CROSS_BY_LABELS } from '../../../../contracts/labels.ts';
import {
  CROSS_BYS,
  type CrossBy,
  type QuestionResult,
  type Survey,
} from '../../../../contracts/surveys/surveys.ts';
import { errorMessage } from '../../app/api.ts';
import { currentLang } from '../../app/i18n.ts';
import { queryClient } from '../../app/queryClient.ts';
import { surveyApi, surveyKeys, useCrossTab, usePublicLink, useResults, useSurvey, useWords } from './api.ts';
import { StatusTag } from './SurveysPage.tsx';
import './i18n.ts';

const SurveyChart = lazy(() => import('./SurveyChart.tsx'));

function QuestionCard({ r, n, responses }: { r: QuestionResult; n: number; responses: number }) {
  const { t } = useTranslation();
  const [pie, setPie] = useState(false);
  const hasOptions = r.options.length > 0;
  return (
    <Card
      size="small"
      title={`${n}. ${r.title}`}
      extra={t('surveyAdmin.result.answered', { n: r.answered })}
      data-testid={`result-${r.id}`}
    >
      {hasOptions && (
        <>
          {r.kind !== 'ranking' && (
            <Segmented
              size="small"
              value={pie ? 'pie' : 'bar'}
              onChange={(v) => setPie(v === 'pie')}
              options={[
                { value: 'bar', label: t('surveyAdmin.result.chartBar') },
                { value: 'pie', label: t('surveyAdmin.result.chartPie') },
              ]}
            />
          )}
          <Suspense fallback={null}>
            <SurveyChart
              spec={{
                kind: pie ? 'pie' : 'bar',
                labels: r.options.map((o) => o.label),
                values: r.options.map((o) => o.count),
              }}
              label={r.title}
              testId={`chart-${r.id}`}
            />
          </Suspense>
          <Table
            size="small"
            pagination={false}
            rowKey="label"
            dataSource={r.options.map((o, i) => ({ ...o, meanRank: r.ranks[i]?.meanRank }))}
            columns={[
              { title: '', dataIndex: 'label' },
              { title: '#', dataIndex: 'count', align: 'right' },
              { title: '%', dataIndex: 'percent', align: 'right', render: (v: number) => `${v}%` },
              ...(r.kind === 'ranking'
                ? [
                    {
                      title: t('surveyAdmin.result.meanRank'),
                      dataIndex: 'meanRank',
                      align: 'right' as const,
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {r.matrix && (
        <Suspense fallback={null}>
          <SurveyChart
            spec={{
              kind: 'heat',
              rows: r.matrix.rows,
              columns: r.matrix.scale.map((v) => `${v}`),
              counts: r.matrix.counts,
            }}
            label={t('surveyAdmin.result.heat')}
            testId={`chart-${r.id}`}
          />
        </Suspense>
      )}
      {r.mean != null && <Typography.Text>{t('surveyAdmin.result.mean', { mean: r.mean })}</Typography.Text>}
      {(r.kind === 'text' || r.kind === 'textarea') && <Words questionId={r.id} responses={responses} />}
    </Card>
  );
}

/** 词频 of one text question, as bars, with the latest answers under it. */
function Words({ questionId, responses }: { questionId: string; responses: number }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const words = useWords(id, questionId, responses);
  if (!words.data) return null;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('surveyAdmin.result.wordsHint')}</Typography.Paragraph>
      {words.data.words.length > 0 && (
        <Suspense fallback={null}>
          <SurveyChart
            spec={{
              kind: 'bar',
              labels: words.data.words.slice(0, 20).map((w) => w.word),
              values: words.data.words.slice(0, 20).map((w) => w.count),
            }}
            label={t('surveyAdmin.result.words')}
            testId={`words-${questionId}`}
          />
        </Suspense>
      )}
      <Typography.Text strong>{t('surveyAdmin.result.samples')}</Typography.Text>
      <ul>
        {words.data.samples.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the latest answers, listed as they come
          <li key={i}>{s}</li>
        ))}
      </ul>
    </>
  );
}

function CrossTabCard({
  s,
  questions,
  responses,
}: {
  s: Survey;
  questions: QuestionResult[];
  responses: number;
}) {
  const { t } = useTranslation();
  const lang = currentLang() === 'en' ? 'en' : 'zh';
  const choice = questions.filter((q) => ['single', 'multiple', 'rating'].includes(q.kind));
  const [qid, setQid] = useState<string | undefined>(choice[0]?.id);
  const [by, setBy] = useState<CrossBy>(s.audienceKind === 'public' ? 'category' : 'org');
  const cross = useCrossTab(s.id, qid, by, responses);
  if (!choice.length) return null;
  return (
    <Card size="small" title={t('surveyAdmin.result.cross')}>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ minWidth: 280 }}
          value={qid}
          onChange={setQid}
          aria-label={t('surveyAdmin.result.crossQuestion')}
          options={choice.map((q) => ({ value: q.id, label: q.title }))}
          data-testid="cross-question"
        />
        <Segmented
          value={by}
          onChange={(v) => setBy(v as CrossBy)}
          options={CROSS_BYS.map((b) => ({ value: b, label: SURVEY_CROSS_BY_LABELS[b][lang] }))}
          data-testid="cross-by"
        />
      </Flex>
      {cross.isError && <Alert type="error" title={errorMessage(cross.error)} />}
      {cross.data && cross.data.groups.length > 0 && (
        <>
          <Suspense fallback={null}>
            <SurveyChart
              spec={{
                kind: 'stack',
                groups: cross.data.groups,
                series: cross.data.options,
                counts: cross.data.counts,
              }}
              label={t('surveyAdmin.result.cross')}
              testId="cross-chart"
            />
          </Suspense>
          <Table
            size="small"
            pagination={false}
            rowKey="group"
            scroll={{ x: true }}
            dataSource={cross.data.groups.map((g, i) => ({
              group: g,
              counts: cross.data.counts[i],
              total: cross.data.totals[i],
            }))}
            columns={[
              { title: SURVEY_CROSS_BY_LABELS[by][lang], dataIndex: 'group' },
              ...cross.data.options.map((o, oi) => ({
                title: o,
                align: 'right' as const,
                render: (_: unknown, row: { counts: number[] }) => row.counts[oi],
              })),
              { title: 'Σ', dataIndex: 'total', align: 'right' as const },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/**
 * 调查结果 (/surveys/:id/results): counts and percentages per question (bars or a pie, a heat map for
 * a matrix, words for open answers), refreshed live while the survey is open; the response rate per
 * org; cross-tabulation; the admin's summary; the Word report and the raw answers; the public link.
 */
export default function ResultsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  const s = survey.data;
  const results = useResults(id, s?.status === 'open');
  const link = usePublicLink(id, !!s?.publicToken);
  const [summary, setSummary] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${s?.title ?? t('surveyAdmin.result.title')} · ${t('app.title')}`;
  }, [t, s?.title]);
  const saveSummary = useMutation({
    mutationFn: () => surveyApi.summary(id, summary ?? ''),
    onSuccess: (x) => {
      queryClient.setQueryData(surveyKeys.one(id), x);
      message.success(t('surveyAdmin.result.summarySaved'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const close = useMutation({
    mutationFn: () => surveyApi.close(id),
    onSuccess: (x) => {
      queryClient.setQueryData(surveyKeys.one(id), x);
      message.success(t('surveyAdmin.result.closed'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const report = useMutation({
    mutationFn: () => surveyApi.report(id),
    onError: (e) => message.error(errorMessage(e)),
  });
  const raw = useMutation({
    mutationFn: () => surveyApi.responses(id),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (survey.isError) return <Alert type="error" title={errorMessage(survey.error)} />;
  if (!s) return null;
  const r = results.data;
  const rate = r && s.invitedCount ? `${Math.round((r.responseCount * 1000) / s.invitedCount) / 10}%` : '—';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
            {s.title} <StatusTag s={s} /> {s.anonymous && <Tag>{t('surveyAdmin.anonymousTag')}</Tag>}
          </Typography.Title>
          <Typography.Text type="secondary">{s.orgName}</Typography.Text>
        </div>
        <Space wrap>
          {s.can.manage && s.status !== 'closed' && (
            <Link to={`/surveys/${s.id}`}>{t('surveyAdmin.edit')}</Link>
          )}
          <Button onClick={() => report.mutate()} loading={report.isPending} data-testid="survey-report">
            {t('surveyAdmin.result.report')}
          </Button>
          <Button onClick={() => raw.mutate()} loading={raw.isPending} data-testid="survey-raw">
            {t('surveyAdmin.result.raw')}
          </Button>
          {s.can.manage && s.status === 'open' && (
            <Popconfirm title={t('surveyAdmin.result.confirmClose')} onConfirm={() => close.mutate()}>
              <Button danger data-testid="survey-close">
                {t('surveyAdmin.result.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      {s.anonymous && (
        <Alert
          type="success"
          showIcon
          title={t('surveyAdmin.result.anonymousNote')}
          data-testid="survey-anonymous-note"
        />
      )}
      {s.status === 'open' && (
        <Typography.Text type="secondary">{t('surveyAdmin.result.live')}</Typography.Text>
      )}
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Card size="small">
            <div data-testid="survey-response-count">
              <Statistic title={t('surveyAdmin.result.responses')} value={r?.responseCount ?? 0} />
            </div>
          </Card>
        </Col>
        {s.audienceKind !== 'public' && (
          <>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('surveyAdmin.result.invited')} value={s.invitedCount} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('surveyAdmin.result.rate')} value={rate} />
              </Card>
            </Col>
          </>
        )}
      </Row>
      {link.data && (
        <Card size="small" title={t('surveyAdmin.result.link')}>
          <Flex gap={16} align="center" wrap>
            <img
              width={160}
              height={160}
              alt={t('surveyAdmin.result.link')}
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.data.qrSvg)}`}
              data-testid="survey-qr"
            />
            <Space orientation="vertical">
              <Typography.Text copyable data-testid="survey-link">
                {link.data.url}
              </Typography.Text>
              <Typography.Text type="secondary">{t('surveyAdmin.result.linkHint')}</Typography.Text>
            </Space>
          </Flex>
        </Card>
      )}
      {s.can.manage && (
        <Card size="small" title={t('surveyAdmin.result.summary')}>
          <Input.TextArea
            autoSize={{ minRows: 3 }}
            value={summary ?? s.summary}
            onChange={(e) => setSummary(e.target.value)}
            data-testid="survey-summary"
          />
          <Button
            style={{ marginTop: 8 }}
            onClick={() => saveSummary.mutate()}
            loading={saveSummary.isPending}
            data-testid="survey-summary-save"
          >
            {t('surveyAdmin.result.saveSummary')}
          </Button>
        </Card>
      )}
      {r && r.orgRates.length > 0 && (
        <Card size="small" title={t('surveyAdmin.result.orgRates')}>
          <Table
            size="small"
            rowKey="orgId"
            pagination={r.orgRates.length > 10 ? { pageSize: 10 } : false}
            dataSource={r.orgRates}
            columns={[
              { title: t('surveyAdmin.result.orgRateCols.org'), dataIndex: 'orgName' },
              { title: t('surveyAdmin.result.orgRateCols.invited'), dataIndex: 'invited', align: 'right' },
              { title: t('surveyAdmin.result.orgRateCols.answered'), dataIndex: 'answered', align: 'right' },
              {
                title: t('surveyAdmin.result.orgRateCols.rate'),
                dataIndex: 'rate',
                align: 'right',
                render: (v: number | null) => (v == null ? '—' : `${v}%`),
              },
            ]}
          />
        </Card>
      )}
      {r && r.responseCount > 0 && <CrossTabCard s={s} questions={r.questions} responses={r.responseCount} />}
      {r && r.responseCount === 0 && <Empty description={t('surveyAdmin.result.none')} />}
      {r?.questions.map((q, i) => (
        <QuestionCard key={q.id} r={q} n={i + 1} responses={r.responseCount} />
      ))}
    </Space>
  );
}
