import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  STANDING_DECISION_KINDS,
  type StandingDecisionKind,
} from '../../../../../contracts/members/standing.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { memberKeys } from '../keys.ts';
import { StatusTag } from '../StatusTag.tsx';
import { type StandingDueT, useStandingDue } from './api.ts';
import { ApproveModal, DecisionModal } from './StandingPanel.tsx';
import './i18n.ts';
import '../members.css';

const PAGE = 50;

/**
 * 党籍管理: who is due for which decision on their standing, by which rule, since when — and the
 * branch decisions awaiting the committee's approval. The branch decides; the page takes the
 * secretary to recording it.
 */
export default function StandingPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [decision, setDecision] = useState<StandingDecisionKind | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<StandingDueT | null>(null);
  const canManage = can(me, 'standing.manage');
  const due = useStandingDue({ orgId, decision, page, pageSize: PAGE });

  useEffect(() => {
    document.title = `${t('standingPage.title')} · ${t('app.title')}`;
  }, [t]);

  const done = () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('standingPage.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('standingPage.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={orgId}
            onChange={(id) => {
              setParams(id ? { orgId: id } : {});
              setPage(1);
            }}
            allowClear
            placeholder={t('standingPage.org')}
            aria-label={t('standingPage.org')}
            style={{ flex: '1 1 260px', maxWidth: 380 }}
            data-testid="standing-org"
          />
          <Select
            allowClear
            value={decision}
            onChange={(v) => {
              setDecision(v);
              setPage(1);
            }}
            placeholder={t('standingPage.decisionFilter')}
            aria-label={t('standingPage.decisionFilter')}
            style={{ flex: '0 1 200px' }}
            options={STANDING_DECISION_KINDS.map((k) => ({ value: k, label: t(`standing.decision.${k}`) }))}
            data-testid="standing-decision-filter"
          />
          {due.data && (
            <Typography.Text data-testid="standing-count">
              {t('standingPage.count', { total: due.data.total })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {due.error && <Alert type="error" showIcon title={errorMessage(due.error)} role="alert" />}
      <Table<StandingDueT>
        rowKey={(d) => `${d.memberId}-${d.decision}-${d.rule}`}
        size="middle"
        loading={due.isFetching}
        dataSource={due.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('standingPage.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: due.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
        }}
        rowClassName={(d) => (d.rule === 'awaiting_approval' ? '' : 'hy-row-attention')}
        data-testid="standing-table"
        columns={[
          { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
          {
            key: 'name',
            title: t('members.field.name'),
            render: (_, d) => <Link to={`/members/${d.memberId}?tab=standing`}>{d.name}</Link>,
          },
          {
            key: 'status',
            title: t('members.field.status'),
            render: (_, d) => <StatusTag status={d.status} />,
          },
          {
            key: 'standing',
            title: t('standingPage.standing'),
            render: (_, d) => t(`standing.status.${d.standing}`),
          },
          {
            key: 'decision',
            title: t('standingPage.decision'),
            render: (_, d) => (
              <Flex gap={4} wrap>
                <Tag color={d.decision === 'restore' ? 'success' : 'error'}>
                  {t(`standing.decision.${d.decision}`)}
                </Tag>
                {d.rule === 'awaiting_approval' && <Tag color="processing">{t('standing.awaiting')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'rule',
            title: t('standingPage.rule'),
            render: (_, d) => (
              <Typography.Text style={{ display: 'inline-block', maxWidth: 360, whiteSpace: 'normal' }}>
                {t(`standing.rule.${d.rule}`)}
              </Typography.Text>
            ),
          },
          { key: 'basis', title: t('standingPage.basisOn'), dataIndex: 'basisOn' },
          { key: 'since', title: t('standingPage.dueSince'), dataIndex: 'dueSince' },
          ...(canManage
            ? [
                {
                  key: 'act',
                  title: '',
                  render: (_: unknown, d: StandingDueT) => (
                    <Button
                      type="primary"
                      onClick={() => setOpen(d)}
                      data-testid={`standing-open-${d.memberId}-${d.rule}`}
                    >
                      {d.rule === 'awaiting_approval' ? t('standing.approve') : t('standingPage.open')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {open && open.rule === 'awaiting_approval' && open.decisionId && (
        <ApproveModal
          name={open.name}
          decision={{ id: open.decisionId, kind: open.decision, resolutionOn: open.dueSince }}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      )}
      {open && open.rule !== 'awaiting_approval' && (
        <DecisionModal
          member={{ id: open.memberId, name: open.name }}
          kinds={[open.decision]}
          initial={{ kind: open.decision, reason: t(`standing.rule.${open.rule}`) }}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      )}
    </Space>
  );
}
