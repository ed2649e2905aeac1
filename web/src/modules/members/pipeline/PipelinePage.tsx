import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useChangeWords } from '../changeWords.ts';
import { memberKeys } from '../keys.ts';
import { StatusTag } from '../StatusTag.tsx';
import { type PipelineDueT, usePipelineDue } from './api.ts';
import { AdvanceModal } from './PipelinePanel.tsx';
import './i18n.ts';
import '../members.css';

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
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [onlyReady, setOnlyReady] = useState(false);
  const [advancing, setAdvancing] = useState<PipelineDueT | null>(null);
  const words = useChangeWords();
  const canManage = can(me, 'member.manage');

  useEffect(() => {
    document.title = `${t('pipelinePage.title')} · ${t('app.title')}`;
  }, [t]);

  const [page, setPage] = useState(1);
  // the server pages the list (ready first) and counts the whole of it
  const due = usePipelineDue({ orgId, onlyReady, page, pageSize: PIPELINE_PAGE });

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
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('pipelinePage.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('pipelinePage.hint')}</Typography.Text>
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
            placeholder={t('pipelinePage.org')}
            aria-label={t('pipelinePage.org')}
            style={{ flex: '1 1 260px', maxWidth: 380 }}
            data-testid="pipeline-org"
          />
          <Checkbox
            checked={onlyReady}
            onChange={(e) => {
              setOnlyReady(e.target.checked);
              setPage(1);
            }}
          >
            {t('pipelinePage.ready')}
          </Checkbox>
          {due.data && (
            <Typography.Text data-testid="pipeline-count">
              {t('pipelinePage.count', { total: due.data.total, ready })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {due.error && <Alert type="error" showIcon title={errorMessage(due.error)} role="alert" />}
      <Table<PipelineDueT>
        rowKey="memberId"
        size="middle"
        loading={due.isFetching}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('pipelinePage.empty') }}
        pagination={{
          current: page,
          pageSize: PIPELINE_PAGE,
          total: due.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
        }}
        rowClassName={(d) => (d.ready ? 'hy-row-attention' : '')}
        data-testid="pipeline-table"
        columns={[
          { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
          {
            key: 'name',
            title: t('members.field.name'),
            render: (_, d) => <Link to={`/members/${d.memberId}`}>{d.name}</Link>,
          },
          {
            key: 'status',
            title: t('pipelinePage.current'),
            render: (_, d) => <StatusTag status={d.status} />,
          },
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
      />
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
    </Space>
  );
}
