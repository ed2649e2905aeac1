import { Button, Card, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Exam } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { momentOf } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useExams } from './admin-api.ts';
import { ExamForm } from './ExamForm.tsx';
import './admin-i18n.ts';

const PHASE_COLOR = { upcoming: 'blue', open: 'green', closed: 'default', cancelled: 'red' } as const;

/** Where an exam stands, as a tag: cancelled, or upcoming / open / closed by the server's clock. */
export function PhaseTag({ exam }: { exam: Pick<Exam, 'status' | 'phase'> }) {
  const { t } = useTranslation();
  const key = exam.status === 'cancelled' ? 'cancelled' : exam.phase;
  return (
    <Tag color={PHASE_COLOR[key]} data-testid="exam-phase">
      {t(`examAdmin.phase.${key}`)}
    </Tag>
  );
}

/**
 * 考试 (console): the exams held by orgs of the caller's subtree — window, time limit, candidates,
 * submitted, short answers waiting for a grader, phase; a new one in the drawer.
 */
export default function ExamsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useExams({ orgId, q: q || undefined, ...page });
  useEffect(() => {
    document.title = `${t('examAdmin.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('examAdmin.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('examAdmin.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap justify="space-between">
          <Flex gap={8} wrap>
            <OrgSelect
              value={orgId}
              onChange={(id) => {
                setParams(id ? { orgId: id } : {});
                setPage((p) => ({ ...p, page: 1 }));
              }}
              allowClear
              placeholder={t('examAdmin.orgFilter')}
              aria-label={t('examAdmin.orgFilter')}
              style={{ width: 320 }}
            />
            <Input.Search
              allowClear
              placeholder={t('examAdmin.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage((p) => ({ ...p, page: 1 }));
              }}
              style={{ maxWidth: 240 }}
            />
          </Flex>
          {can(me, 'exam.manage') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="exam-create">
              {t('examAdmin.create')}
            </Button>
          )}
        </Flex>
      </Card>
      <Table<Exam>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('examAdmin.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="exams-list"
        columns={[
          {
            key: 'title',
            title: t('examAdmin.field.title'),
            render: (_, e) => (
              <Link to={`/exams/${e.id}`} data-testid={`exam-open-${e.id}`}>
                {e.title}
              </Link>
            ),
          },
          { key: 'org', title: t('examAdmin.field.org'), dataIndex: 'orgName' },
          {
            key: 'window',
            title: t('examAdmin.field.window'),
            render: (_, e) => `${momentOf(e.opensAt)} — ${momentOf(e.closesAt)}`,
          },
          {
            key: 'duration',
            title: t('examAdmin.field.duration'),
            render: (_, e) => t('examAdmin.minutes', { count: e.durationMinutes }),
          },
          { key: 'candidates', title: t('examAdmin.field.candidates'), dataIndex: 'candidateCount' },
          { key: 'submitted', title: t('examAdmin.field.submitted'), dataIndex: 'submittedCount' },
          {
            key: 'pending',
            title: t('examAdmin.field.pending'),
            render: (_, e) =>
              e.pendingCount ? (
                <Tag color="orange">{e.pendingCount}</Tag>
              ) : (
                <Typography.Text>0</Typography.Text>
              ),
          },
          { key: 'phase', title: t('examAdmin.field.status'), render: (_, e) => <PhaseTag exam={e} /> },
        ]}
      />
      {creating && <ExamForm onClose={() => setCreating(false)} />}
    </Space>
  );
}
