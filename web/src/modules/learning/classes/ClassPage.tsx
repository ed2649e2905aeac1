import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ProgressRow } from '../../../../../contracts/learning/classes.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { momentOf } from '../../../app/when.ts';
import { classApi, classKeys, useClass, useProgress } from './api.ts';
import { ClassForm } from './ClassForm.tsx';
import './i18n.ts';

const DoneChart = lazy(() => import('./DoneChart.tsx'));

/**
 * 班级进度 (console): the class, the chart of how many finished 0 … n courses, the table of each
 * member by org and name (all, or the unfinished), its export, and the reminder to the unfinished.
 */
export default function ClassPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const klass = useClass(id);
  const [unfinished, setUnfinished] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState(false);
  const progress = useProgress(id, { ...(unfinished ? { unfinished: 'true' as const } : {}), ...page });
  const c = klass.data;
  useEffect(() => {
    document.title = `${c?.name ?? t('classes.progress.title')} · ${t('app.title')}`;
  }, [c, t]);
  const remind = useMutation({
    mutationFn: () => classApi.remind(id!),
    onSuccess: (r) => {
      message.success(t('classes.progress.reminded', { count: r.reminded }));
      void queryClient.invalidateQueries({ queryKey: classKeys.all });
    },
    onError: (err) => message.error({ content: errorMessage(err), duration: 8 }),
  });
  const exporting = useMutation({
    mutationFn: () => classApi.exportProgress(id!, unfinished),
    onSuccess: () => message.success(t('classes.progress.exported')),
    onError: (err) => message.error(errorMessage(err)),
  });
  if (klass.isError) return <Typography.Text type="danger">{errorMessage(klass.error)}</Typography.Text>;
  if (!c) return <Spin />;
  const p = progress.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Link to="/classes">‹ {t('classes.title')}</Link>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: '4px 0' }}>
          {c.name}
        </Typography.Title>
        {c.description && <Typography.Text type="secondary">{c.description}</Typography.Text>}
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'org', label: t('classes.field.org'), children: c.orgName },
            {
              key: 'cohort',
              label: t('classes.field.cohortKind'),
              children: `${c.cohortOrgName ?? t('classes.cohortKind.members')}（${c.memberCount}）`,
            },
            { key: 'dates', label: t('classes.field.dates'), children: `${c.startsOn} — ${c.deadline}` },
            {
              key: 'courses',
              label: t('classes.field.courses'),
              children: (
                <Flex gap={4} wrap>
                  {c.courses.map((x, i) => (
                    <Tag key={x.id}>
                      {i + 1}. {x.title}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
        {c.can.edit && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="class-edit">
            {t('common.edit')}
          </Button>
        )}
      </Card>
      <Card size="small" title={t('classes.progress.chartTitle')}>
        <Typography.Paragraph type="secondary">{t('classes.progress.chartHint')}</Typography.Paragraph>
        {p && (
          <Suspense fallback={<Spin />}>
            <DoneChart histogram={p.histogram} />
          </Suspense>
        )}
      </Card>
      <Card
        size="small"
        title={
          <span data-testid="class-finished">
            {t('classes.progress.title')} ·{' '}
            {t('classes.finished', { done: p?.finishedCount ?? 0, total: p?.memberCount ?? 0 })}
          </span>
        }
        extra={
          <Space wrap>
            <Checkbox
              checked={unfinished}
              onChange={(e) => {
                setUnfinished(e.target.checked);
                setPage((x) => ({ ...x, page: 1 }));
              }}
              data-testid="class-unfinished"
            >
              {t('classes.progress.unfinishedOnly')}
            </Checkbox>
            <Button
              onClick={() => exporting.mutate()}
              loading={exporting.isPending}
              data-testid="class-export"
            >
              {t('classes.progress.export')}
            </Button>
            {c.can.remind && (
              <Popconfirm title={t('classes.progress.remindConfirm')} onConfirm={() => remind.mutate()}>
                <Button type="primary" loading={remind.isPending} data-testid="class-remind">
                  {t('classes.progress.remind')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        {c.lastRemindedAt && (
          <Typography.Paragraph type="secondary">
            {t('classes.progress.lastReminded', { at: momentOf(c.lastRemindedAt) })}
          </Typography.Paragraph>
        )}
        <Table<ProgressRow>
          rowKey="memberId"
          size="middle"
          loading={progress.isFetching}
          dataSource={p?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: progress.error ? errorMessage(progress.error) : t('common.none') }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: p?.total ?? 0,
            hideOnSinglePage: true,
            onChange: (pg, s) => setPage({ page: pg, pageSize: s }),
          }}
          data-testid="class-progress"
          columns={[
            { key: 'name', title: t('classes.progress.name'), dataIndex: 'name' },
            { key: 'org', title: t('classes.progress.org'), dataIndex: 'orgName' },
            { key: 'done', title: t('classes.progress.done'), render: (_, r) => `${r.done} / ${r.total}` },
            {
              key: 'minutes',
              title: t('classes.progress.minutes'),
              render: (_, r) => t('classes.progress.minutesN', { count: Math.floor(r.seconds / 60) }),
            },
            {
              key: 'all',
              title: t('classes.progress.all'),
              render: (_, r) =>
                r.finishedAll ? (
                  <Tag color="green">{t('classes.progress.yes')}</Tag>
                ) : (
                  t('classes.progress.no')
                ),
            },
          ]}
        />
      </Card>
      {editing && <ClassForm klass={c} onClose={() => setEditing(false)} />}
    </Space>
  );
}
