import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Paper } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { when } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { paperApi, paperKeys, usePapers } from './api.ts';
import { PaperForm } from './PaperForm.tsx';
import { PreviewDrawer } from './PreviewDrawer.tsx';
import './i18n.ts';

/**
 * 试卷 (console): the papers of the caller's subtree, fixed or random, with their questions and
 * points; a new or edited one in the drawer, a sample drawn in the preview.
 */
export default function PapersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Paper | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<Paper | null>(null);
  const list = usePapers({ orgId, q: q || undefined, ...page });
  const archive = useMutation({
    mutationFn: (id: string) => paperApi.archive(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: paperKeys.all });
      message.success(t('papers.archived'));
    },
    onError: (err) => message.error({ content: errorMessage(err), duration: 6 }),
  });
  useEffect(() => {
    document.title = `${t('papers.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('papers.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('papers.hint')}</Typography.Text>
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
              placeholder={t('papers.orgFilter')}
              aria-label={t('papers.orgFilter')}
              style={{ width: 320 }}
            />
            <Input.Search
              allowClear
              placeholder={t('papers.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage((p) => ({ ...p, page: 1 }));
              }}
              style={{ maxWidth: 240 }}
            />
          </Flex>
          {can(me, 'exam.manage') && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="paper-create">
              {t('papers.create')}
            </Button>
          )}
        </Flex>
      </Card>
      <Table<Paper>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('papers.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="papers-list"
        columns={[
          {
            key: 'title',
            title: t('papers.field.title'),
            render: (_, p) => (
              <Space>
                <span data-testid={`paper-title-${p.id}`}>{p.title}</span>
                {p.status === 'archived' && <Tag>{t('papers.status.archived')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'kind',
            title: t('papers.field.kind'),
            render: (_, p) => (
              <Tag color={p.kind === 'random' ? 'blue' : 'default'}>{t(`papers.kindShort.${p.kind}`)}</Tag>
            ),
          },
          { key: 'questions', title: t('papers.field.questions'), dataIndex: 'questionCount' },
          { key: 'points', title: t('papers.field.totalPoints'), dataIndex: 'totalPoints' },
          { key: 'org', title: t('papers.field.org'), dataIndex: 'orgName' },
          { key: 'updated', title: t('papers.field.updatedAt'), render: (_, p) => when(p.updatedAt) },
          {
            key: 'act',
            title: '',
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => setPreviewing(p)} data-testid={`paper-preview-${p.id}`}>
                  {t('papers.preview.open')}
                </Button>
                {p.can.edit && (
                  <Button size="small" onClick={() => setEditing(p)} data-testid={`paper-edit-${p.id}`}>
                    {t('common.edit')}
                  </Button>
                )}
                {p.can.edit && (
                  <Popconfirm title={t('papers.archiveConfirm')} onConfirm={() => archive.mutate(p.id)}>
                    <Button size="small" danger data-testid={`paper-archive-${p.id}`}>
                      {t('papers.archive')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <PaperForm
          paper={editing === 'new' ? undefined : editing}
          defaultOrgId={
            orgId ?? me.grants.find((g) => g.role === 'org_admin' || g.role === 'dept_admin')?.orgId
          }
          onClose={() => setEditing(null)}
        />
      )}
      {previewing && <PreviewDrawer paper={previewing} onClose={() => setPreviewing(null)} />}
    </Space>
  );
}
