import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STANDING_DECISION_KINDS,
  type StandingDecisionKind,
} from '../../../../../contracts/members/standing.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { DueListPage, useDueListState, useDueRowColumns } from '../DueListPage.tsx';
import { memberKeys } from '../keys.ts';
import { type StandingDueT, useStandingDue } from './api.ts';
import { ApproveModal, DecisionModal } from './StandingPanel.tsx';
import './i18n.ts';

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
  const state = useDueListState();
  const [decision, setDecision] = useState<StandingDecisionKind | undefined>();
  const [open, setOpen] = useState<StandingDueT | null>(null);
  const canManage = can(me, 'standing.manage');
  const due = useStandingDue({ orgId: state.orgId, decision, page: state.page, pageSize: PAGE });
  const memberColumns = useDueRowColumns<StandingDueT>({ tab: 'standing' });

  const done = () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };

  return (
    <DueListPage<StandingDueT>
      title={t('standingPage.title')}
      hint={t('standingPage.hint')}
      orgLabel={t('standingPage.org')}
      testId="standing"
      state={state}
      filters={
        <Select
          allowClear
          value={decision}
          onChange={(v) => {
            setDecision(v);
            state.setPage(1);
          }}
          placeholder={t('standingPage.decisionFilter')}
          aria-label={t('standingPage.decisionFilter')}
          style={{ flex: '0 1 200px' }}
          options={STANDING_DECISION_KINDS.map((k) => ({ value: k, label: t(`standing.decision.${k}`) }))}
          data-testid="standing-decision-filter"
        />
      }
      count={due.data && t('standingPage.count', { total: due.data.total })}
      error={due.error}
      rows={due.data?.items ?? []}
      loading={due.isFetching}
      total={due.data?.total ?? 0}
      pageSize={PAGE}
      rowKey={(d) => `${d.memberId}-${d.decision}-${d.rule}`}
      attention={(d) => d.rule !== 'awaiting_approval'}
      emptyText={t('standingPage.empty')}
      columns={[
        ...memberColumns,
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
                render: (_: unknown, d: StandingDueT) =>
                  // the approval is the committee above's: the branch waits for it
                  d.rule === 'awaiting_approval' && !d.can.approve ? (
                    <Typography.Text type="secondary" data-testid={`standing-wait-${d.memberId}`}>
                      {t('standing.byCommittee')}
                    </Typography.Text>
                  ) : (
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
    >
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
          canApprove={open.can.approve}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      )}
    </DueListPage>
  );
}
