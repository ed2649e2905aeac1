import { Alert, Button, Descriptions, Empty, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuesMonth } from '../../../../../contracts/members/dues.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { yuan } from '../../../app/format.ts';
import { type MemberDuesT, useMemberDues } from './api.ts';
import { ReliefActions, ReliefWhat, ReliefPeriod } from './reliefParts.tsx';
import { DuesStateTag, useDuesWords } from './parts.tsx';
import { ReliefDrawer } from './ReliefDrawer.tsx';
import { StandardDrawer } from './StandardDrawer.tsx';
import './i18n.ts';
import './dues.css';

type History = MemberDuesT['history'][number];

/**
 * 党费 on a member's page: the standard now and its history, reductions and exemptions, and the
 * months, newest first, each compared with what was due; with the branch's two actions.
 */
export function MemberDuesPanel({ memberId, enabled }: { memberId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const words = useDuesWords();
  const dues = useMemberDues(memberId, enabled);
  const [drawer, setDrawer] = useState<'standard' | 'relief' | null>(null);
  // a member's page is seen by those who view records; the dues by those who keep them
  if (isApiError(dues.error, 403)) return null;
  if (dues.isPending) return <Skeleton active />;
  if (dues.error) return <Alert type="error" showIcon title={errorMessage(dues.error)} role="alert" />;
  const d = dues.data;
  if (!d.fromMonth) return <Empty description={t('dues.std.none')} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="member-dues">
      <Flex justify="space-between" align="start" wrap gap={8}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            {
              key: 'std',
              label: t('dues.memberTab.current'),
              children: (
                <span data-testid="member-dues-standard">
                  {d.standardFen == null
                    ? t('dues.noStandard')
                    : t('members.yuanPerMonth', { amount: yuan(d.standardFen) })}
                  {d.category && ` · ${t(`duesCategory.${d.category}`)}`}
                  {d.basis && ` · ${words.basis(d.basis)}`}
                </span>
              ),
            },
            {
              key: 'from',
              label: t('dues.memberTab.startsLabel'),
              children: d.fromMonth,
            },
            { key: 'paid', label: t('dues.memberTab.paidTotal'), children: yuan(d.paidFen) },
            { key: 'extra', label: t('dues.memberTab.extraTotal'), children: yuan(d.extraFen) },
            {
              key: 'owed',
              label: t('dues.memberTab.owedTotal'),
              children: (
                <Typography.Text type={d.owedFen ? 'danger' : undefined}>{yuan(d.owedFen)}</Typography.Text>
              ),
            },
          ]}
        />
        {d.can.manage && (
          <Space wrap>
            <Button onClick={() => setDrawer('standard')} data-testid="member-dues-adjust">
              {t('dues.memberTab.adjust')}
            </Button>
            <Button onClick={() => setDrawer('relief')} data-testid="member-dues-relief">
              {t('dues.addRelief')}
            </Button>
          </Space>
        )}
      </Flex>
      {d.reliefs.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.reliefs}
          scroll={{ x: 'max-content' }}
          title={() => t('dues.relief.list')}
          columns={[
            { key: 'what', title: t('dues.relief.kind'), render: (_, r) => <ReliefWhat r={r} /> },
            { key: 'period', title: t('dues.relief.period'), render: (_, r) => <ReliefPeriod r={r} /> },
            {
              key: 'state',
              title: t('dues.relief.state'),
              render: (_, r) =>
                r.inEffect ? (
                  <Tag color="success">{t('dues.relief.inEffect')}</Tag>
                ) : (
                  <Tag color="warning">{t('dues.relief.pending')}</Tag>
                ),
            },
            { key: 'act', title: t('dues.actions'), render: (_, r) => <ReliefActions r={r} /> },
          ]}
        />
      )}
      <Table<DuesMonth>
        rowKey="month"
        size="small"
        dataSource={d.months}
        pagination={d.months.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        title={() => t('dues.memberTab.monthsTitle')}
        rowClassName={(r) => (r.state === 'paid' || r.state === 'overpaid' ? 'hy-row-paid' : '')}
        data-testid="member-dues-months"
        columns={[
          { key: 'month', title: t('dues.month'), dataIndex: 'month' },
          {
            key: 'due',
            title: t('dues.dueCol'),
            align: 'end',
            render: (_, r) => (
              <span>
                {yuan(r.dueFen)}
                {r.relief && r.relief !== 'excused' && (
                  <Typography.Text type="secondary"> · {words.relief(r.relief)}</Typography.Text>
                )}
              </span>
            ),
          },
          { key: 'paid', title: t('dues.paid'), align: 'end', render: (_, r) => yuan(r.paidFen) },
          {
            key: 'state',
            title: t('dues.stateCol'),
            render: (_, r) => <DuesStateTag state={r.state} extraFen={r.extraFen} shortFen={r.shortFen} />,
          },
        ]}
      />
      <Table<History>
        rowKey="fromMonth"
        size="small"
        dataSource={d.history}
        pagination={false}
        title={() => t('dues.std.history')}
        locale={{ emptyText: t('dues.std.none') }}
        columns={[
          { key: 'from', title: t('dues.std.fromCol'), dataIndex: 'fromMonth' },
          { key: 'cat', title: t('dues.std.category'), render: (_, h) => t(`duesCategory.${h.category}`) },
          {
            key: 'basis',
            title: t('dues.std.basis'),
            render: (_, h) => (h.basis ? words.basis(h.basis) : '—'),
          },
          { key: 'base', title: t('dues.std.baseCol'), align: 'end', render: (_, h) => yuan(h.baseFen) },
          { key: 'std', title: t('dues.standardCol'), align: 'end', render: (_, h) => yuan(h.standardFen) },
        ]}
      />
      {drawer === 'standard' && (
        <StandardDrawer
          memberId={memberId}
          current={{
            category: d.category,
            basis: d.basis,
            incomeFen: d.incomeFen,
            standardFen: d.standardFen,
          }}
          onClose={() => setDrawer(null)}
        />
      )}
      {drawer === 'relief' && (
        <ReliefDrawer
          memberId={memberId}
          memberName={d.name}
          fromMonth={
            [...d.months]
              .reverse()
              .find((m) => m.state === 'unpaid' || m.state === 'underpaid' || m.state === 'pending')?.month ??
            null
          }
          onClose={() => setDrawer(null)}
        />
      )}
    </Space>
  );
}
