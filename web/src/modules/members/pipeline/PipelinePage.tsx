import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Flex, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { useChangeWords } from '../changeWords.ts';
import { DueListPage, useDueListState, useDueRowColumns } from '../DueListPage.tsx';
import { memberKeys } from '../keys.ts';
import { type PipelineDueT, usePipelineDue } from './api.ts';
import { AdvanceModal } from './PipelinePanel.tsx';
import './i18n.ts';

/**
 * 发展党员: who is due for which step, branch by branch. Within a branch those ready come first
 * (the server's order), then the overdue; what is missing is listed in words, the nearest
 * deadline with the item it is for (red once passed), and the alerts as tags whose title says the
 * rule in full.
 */
const PIPELINE_PAGE = 50;

export default function PipelinePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const state = useDueListState();
  const [onlyReady, setOnlyReady] = useState(false);
  const [advancing, setAdvancing] = useState<PipelineDueT | null>(null);
  const words = useChangeWords();
  const canManage = can(me, 'member.manage');
  const memberColumns = useDueRowColumns<PipelineDueT>({ statusTitle: t('pipelinePage.current') });

  // the server pages the list (ready first) and counts the whole of it
  const due = usePipelineDue({
    orgId: state.orgId,
    onlyReady,
    page: state.page,
    pageSize: PIPELINE_PAGE,
  });

  // Grouped by branch within the page (in the order branches first appear), keeping the server's order inside.
  const rows = useMemo(() => {
    const groups = new Map<string, PipelineDueT[]>();
    for (const d of due.data?.items ?? []) {
      const g = groups.get(d.orgId);
      if (g) g.push(d);
      else groups.set(d.orgId, [d]);
    }
    return [...groups.values()].flat();
  }, [due.data]);
  const ready = due.data?.readyTotal ?? 0;

  return (
    <DueListPage<PipelineDueT>
      title={t('pipelinePage.title')}
      hint={t('pipelinePage.hint')}
      orgLabel={t('pipelinePage.org')}
      testId="pipeline"
      state={state}
      filters={
        <Checkbox
          checked={onlyReady}
          onChange={(e) => {
            setOnlyReady(e.target.checked);
            state.setPage(1);
          }}
        >
          {t('pipelinePage.ready')}
        </Checkbox>
      }
      count={due.data && t('pipelinePage.count', { total: due.data.total, ready })}
      error={due.error}
      rows={rows}
      loading={due.isFetching}
      total={due.data?.total ?? 0}
      pageSize={PIPELINE_PAGE}
      rowKey="memberId"
      attention={(d) => d.ready}
      emptyText={t('pipelinePage.empty')}
      columns={[
        ...memberColumns,
        {
          key: 'next',
          title: t('pipelinePage.next'),
          render: (_, d) => (d.nextStatus ? t(`memberStatus.${d.nextStatus}`) : '—'),
        },
        {
          key: 'ready',
          title: t('pipelinePage.state'),
          render: (_, d) =>
            d.ready ? (
              <Tag color="success" icon={<CheckCircleOutlined />}>
                {t('pipelinePage.ready')}
              </Tag>
            ) : d.missing.length ? (
              <Tag icon={<ExclamationCircleOutlined />}>{t('pipelinePage.notReady')}</Tag>
            ) : (
              <Tag icon={<ClockCircleOutlined />}>{t('pipelinePage.notYet')}</Tag>
            ),
        },
        {
          key: 'missing',
          title: t('pipelinePage.missing'),
          render: (_, d) =>
            d.missing.length ? (
              <ul className="hy-plain-list">
                {d.missing.map((m) => (
                  <li key={m}>{words.label(m)}</li>
                ))}
              </ul>
            ) : (
              t('pipelinePage.none')
            ),
        },
        {
          key: 'earliest',
          title: t('pipelinePage.earliest'),
          render: (_, d) => (
            <>
              {d.earliestOn ?? '—'}
              {d.probationEndsOn && (
                <>
                  <br />
                  <Typography.Text type="secondary">
                    {t('pipelinePage.probationEnds')} {d.probationEndsOn}
                  </Typography.Text>
                </>
              )}
            </>
          ),
        },
        {
          // the nearest deadline with its item (red once passed), and any other passed one
          key: 'deadline',
          title: t('pipelinePage.deadline'),
          render: (_, d) => {
            const late = new Set(d.overdueItems);
            if (!d.deadline && !late.size) return '—';
            if (d.deadline) late.delete(d.deadline.item);
            const overdue = d.deadline && d.overdueItems.includes(d.deadline.item);
            return (
              <Flex vertical gap={2}>
                {d.deadline && (
                  <Typography.Text type={overdue ? 'danger' : undefined}>
                    {overdue && <WarningOutlined />} {d.deadline.dueOn}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {words.label(d.deadline.item)}
                    </Typography.Text>
                  </Typography.Text>
                )}
                {[...late].map((m) => (
                  <Typography.Text key={m} type="danger">
                    <WarningOutlined /> {words.label(m)}
                  </Typography.Text>
                ))}
              </Flex>
            );
          },
        },
        {
          key: 'alerts',
          title: t('pipelinePage.alerts'),
          render: (_, d) =>
            d.alerts.length ? (
              <Flex vertical gap={2} align="start">
                {d.alerts.map((a) => (
                  <Tag
                    key={a.kind}
                    color={a.kind === 'cancellationPending' || a.kind === 'talkLate' ? 'warning' : 'blue'}
                    title={t(`members.pipeline.alert.${a.kind}`, { on: a.on })}
                  >
                    {t(`pipelinePage.alert.${a.kind}`)}
                  </Tag>
                ))}
              </Flex>
            ) : (
              ''
            ),
        },
        ...(canManage
          ? [
              {
                key: 'act',
                title: '',
                render: (_: unknown, d: PipelineDueT) =>
                  d.ready && d.nextStatus ? (
                    <Button size="small" type="primary" onClick={() => setAdvancing(d)}>
                      {t('pipelinePage.advance')}
                    </Button>
                  ) : (
                    <Link to={`/members/${d.memberId}?tab=pipeline`}>{t('pipelinePage.fillDates')}</Link>
                  ),
              },
            ]
          : []),
      ]}
    >
      {advancing?.nextStatus && (
        <AdvanceModal
          member={{ id: advancing.memberId, name: advancing.name }}
          to={advancing.nextStatus}
          onClose={() => setAdvancing(null)}
          onDone={() => {
            setAdvancing(null);
            void queryClient.invalidateQueries({ queryKey: memberKeys.pipeline });
            void queryClient.invalidateQueries({ queryKey: memberKeys.all });
          }}
        />
      )}
    </DueListPage>
  );
}
