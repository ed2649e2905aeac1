import { Button, Card, Flex, Input, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { OnlineClass } from '../../../../../contracts/learning/classes.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useClasses } from './api.ts';
import { ClassForm } from './ClassForm.tsx';
import './i18n.ts';

/**
 * 网上班级 (console): the classes run by orgs of the caller's subtree, each with its cohort, plan,
 * deadline and how many finished; open one for its progress, or a new one in the drawer.
 */
export default function ClassesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<OnlineClass | 'new' | null>(null);
  const list = useClasses({ orgId, q: q || undefined, ...page });
  useEffect(() => {
    document.title = `${t('classes.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('classes.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('classes.hint')}</Typography.Text>
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
              placeholder={t('classes.orgFilter')}
              aria-label={t('classes.orgFilter')}
              style={{ width: 320 }}
            />
            <Input.Search
              allowClear
              placeholder={t('classes.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage((p) => ({ ...p, page: 1 }));
              }}
              style={{ maxWidth: 240 }}
            />
          </Flex>
          {can(me, 'class.manage') && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="class-create">
              {t('classes.create')}
            </Button>
          )}
        </Flex>
      </Card>
      <Table<OnlineClass>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('classes.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="classes-list"
        columns={[
          {
            key: 'name',
            title: t('classes.field.name'),
            render: (_, c) => (
              <Link to={`/classes/${c.id}`} data-testid={`class-open-${c.id}`}>
                {c.name}
              </Link>
            ),
          },
          { key: 'org', title: t('classes.field.org'), dataIndex: 'orgName' },
          {
            key: 'cohort',
            title: t('classes.field.cohortKind'),
            render: (_, c) => c.cohortOrgName ?? t('classes.cohortKind.members'),
          },
          { key: 'members', title: t('classes.field.memberCount'), dataIndex: 'memberCount' },
          { key: 'courses', title: t('classes.field.courses'), render: (_, c) => c.courses.length },
          {
            key: 'dates',
            title: t('classes.field.dates'),
            render: (_, c) => `${c.startsOn} — ${c.deadline}`,
          },
          {
            key: 'progress',
            title: t('classes.field.progress'),
            render: (_, c) => (
              <Flex vertical style={{ minWidth: 160 }}>
                <Progress
                  percent={c.memberCount ? Math.round((c.finishedCount / c.memberCount) * 100) : 0}
                  size="small"
                />
                <Typography.Text type="secondary">
                  {t('classes.finished', { done: c.finishedCount, total: c.memberCount })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'act',
            title: '',
            render: (_, c) =>
              c.can.edit && (
                <Button size="small" onClick={() => setEditing(c)} data-testid={`class-edit-${c.id}`}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <ClassForm klass={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Space>
  );
}
