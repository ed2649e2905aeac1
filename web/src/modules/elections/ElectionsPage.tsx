import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Election } from '../../../../contracts/elections/elections.ts';
import { errorMessage } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useElections } from './api.ts';
import { ElectionForm } from './ElectionForm.tsx';
import './i18n.ts';

export const STATE_COLOR = {
  draft: 'default',
  submitted: 'orange',
  approved: 'blue',
  open: 'green',
  closed: 'purple',
} as const;

/**
 * 选举与民主评议 (console): the elections, appraisals and recommendations of my subtree, or at
 * /elections/approvals those the orgs below submit to me (lists to approve, results to approve).
 */
export default function ElectionsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const view = useLocation().pathname.endsWith('/approvals') ? 'approvals' : 'all';
  const [orgId, setOrgId] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useElections({ orgId, view, ...page });
  useEffect(() => {
    document.title = `${t('elections.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {view === 'approvals' ? t('elections.approvals') : t('elections.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('elections.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap justify="space-between">
          <OrgSelect
            value={orgId}
            onChange={(id) => setOrgId(id ?? undefined)}
            allowClear
            placeholder={t('elections.orgFilter')}
            style={{ minWidth: 260 }}
          />
          {can(me, 'election.manage') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="election-new">
              {t('elections.create')}
            </Button>
          )}
        </Flex>
      </Card>
      {list.isError && <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>}
      <Table<Election>
        rowKey="id"
        data-testid="elections-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('elections.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('elections.col.title'),
            dataIndex: 'title',
            render: (v: string, e) => <Link to={`/elections/${e.id}`}>{v}</Link>,
          },
          { title: t('elections.col.org'), dataIndex: 'orgName' },
          {
            title: t('elections.col.kind'),
            dataIndex: 'kind',
            render: (k: Election['kind']) => t(`elections.kind.${k}`),
          },
          {
            title: t('elections.col.seats'),
            dataIndex: 'seats',
            render: (s: number, e) => (e.kind === 'appraisal' ? '—' : s),
          },
          { title: t('elections.col.round'), dataIndex: 'round' },
          {
            title: t('elections.col.state'),
            dataIndex: 'state',
            render: (s: Election['state']) => <Tag color={STATE_COLOR[s]}>{t(`elections.state.${s}`)}</Tag>,
          },
        ]}
      />
      {creating && (
        <ElectionForm
          onClose={() => setCreating(false)}
          onDone={(e) => {
            setCreating(false);
            navigate(`/elections/${e.id}`);
          }}
        />
      )}
    </Space>
  );
}
