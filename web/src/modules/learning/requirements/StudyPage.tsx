import { Button, Card, Col, Flex, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ChildFigures, StudyFigures } from '../../../../../contracts/learning/requirements.ts';
import { errorMessage } from '../../../app/api.ts';
import { when } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useStudySummary } from './api.ts';
import './i18n.ts';

const StudyChart = lazy(() => import('./StudyChart.tsx'));

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const thisYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

/**
 * 学时达标情况 (/study): for an org (the caller's own by default), this year's members held to the
 * requirement, how many meet it and the average progress, then the same for each org below it,
 * as a chart and a table; an org below opens its own. Orgs are compared, people are not listed.
 */
export default function StudyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const year = Number(params.get('year')) || thisYear;
  const q = useStudySummary({ orgId, year });
  const s = q.data;

  useEffect(() => {
    document.title = `${t('studyReq.title')} · ${t('app.title')}`;
  }, [t]);

  const go = (next: { orgId?: string; year?: number }) => {
    const p: Record<string, string> = {};
    const o = 'orgId' in next ? next.orgId : orgId;
    if (o) p.orgId = o;
    const y = next.year ?? year;
    if (y !== thisYear) p.year = String(y);
    setParams(p);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('studyReq.title')}
        </Typography.Title>
        {s && (
          <Typography.Text type="secondary">
            {t('studyReq.hint', {
              member: s.requirement.memberClassHours,
              leader: s.requirement.leaderClassHours,
              minutes: s.requirement.classHourMinutes,
            })}
          </Typography.Text>
        )}
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={orgId ?? s?.org.id}
            onChange={(id) => go({ orgId: id })}
            placeholder={t('studyReq.org')}
            aria-label={t('studyReq.org')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
          />
          <Select
            value={year}
            onChange={(y) => go({ year: y })}
            aria-label={t('studyReq.year')}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 100 }}
          />
          {s?.org.parentId && orgId && (
            <Button onClick={() => go({ orgId: s.org.parentId ?? undefined })}>{t('studyReq.up')}</Button>
          )}
          <Typography.Text type="secondary" data-testid="study-computed-at">
            {s?.computedAt
              ? t('studyReq.computedAt', { at: when(s.computedAt) })
              : s
                ? t('studyReq.notYet')
                : ''}
          </Typography.Text>
        </Flex>
      </Card>
      {q.isError && <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>}
      {s && (
        <Card size="small" title={s.org.name}>
          <Figures f={s.total} />
        </Card>
      )}
      {s && s.children.length > 0 && (
        <Card size="small" title={t('studyReq.chartTitle')}>
          <Suspense fallback={<div style={{ height: 300 }} />}>
            <StudyChart rows={s.children} />
          </Suspense>
        </Card>
      )}
      {s && (
        <Table<ChildFigures | (StudyFigures & { orgId: string; name: string; hasChildren: boolean })>
          rowKey="orgId"
          size="small"
          loading={q.isFetching}
          pagination={false}
          data-testid="study-children"
          locale={{ emptyText: t('studyReq.none') }}
          dataSource={[
            ...s.children,
            ...(s.own
              ? [{ ...s.own, orgId: `own-${s.org.id}`, name: t('studyReq.own'), hasChildren: false }]
              : []),
          ]}
          columns={[
            {
              title: t('studyReq.child'),
              key: 'name',
              render: (_, r) =>
                r.hasChildren ? (
                  <Typography.Link onClick={() => go({ orgId: r.orgId })}>{r.name}</Typography.Link>
                ) : (
                  r.name
                ),
            },
            { title: t('studyReq.members'), dataIndex: 'members', align: 'right' },
            { title: t('studyReq.met'), dataIndex: 'met', align: 'right' },
            {
              title: t('studyReq.metRate'),
              key: 'metRate',
              align: 'right',
              render: (_, r) => pct(r.metRate),
            },
            {
              title: t('studyReq.avgProgress'),
              key: 'avg',
              align: 'right',
              render: (_, r) => pct(r.avgProgress),
            },
            { title: t('studyReq.avgClassHours'), dataIndex: 'avgClassHours', align: 'right' },
          ]}
        />
      )}
    </Space>
  );
}

function Figures({ f }: { f: StudyFigures }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} data-testid="study-total">
      <Col xs={12} md={6}>
        <Statistic title={t('studyReq.members')} value={f.members} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('studyReq.met')} value={f.met} suffix={`(${pct(f.metRate)})`} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('studyReq.avgProgress')} value={pct(f.avgProgress)} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('studyReq.avgClassHours')} value={f.avgClassHours} />
      </Col>
    </Row>
  );
}
