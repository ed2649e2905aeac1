import { ClockCircleOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { MobilePeriod } from '../../../../../contracts/members/mobile.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { StatusPage } from '../../../app/pages/StatusPage.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { TransferModal } from '../transfers/TransferModal.tsx';
import { type MobileFilter, useMobileCount, useMobilePeriods } from './api.ts';
import { EndPeriodModal, RecordPeriodModal } from './MobileDialogs.tsx';
import './i18n.ts';
import '../members.css';

type Tab = 'away' | 'host' | 'back';

/**
 * 流动党员: the members of the scope who are away (with the reminder that six months in one place
 * means the membership should be transferred), the migrants the scope's branches host (read only,
 * for their activities), and those who came back.
 */
export default function MobilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [recording, setRecording] = useState(false);
  const tab = (params.get('tab') ?? 'away') as Tab;
  const canManage = can(me, 'member.manage');

  useEffect(() => {
    document.title = `${t('mobile.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
          {t('mobile.title')}
        </Typography.Title>
        {canManage && (
          <Button
            type="primary"
            size="large"
            icon={<LogoutOutlined />}
            onClick={() => setRecording(true)}
            data-testid="mobile-record"
          >
            {t('mobile.record')}
          </Button>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'away' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          { key: 'away', label: t('mobile.tabs.away'), children: <PeriodList kind="away" /> },
          { key: 'host', label: t('mobile.tabs.host'), children: <PeriodList kind="host" /> },
          { key: 'back', label: t('mobile.tabs.back'), children: <PeriodList kind="back" /> },
        ]}
      />
      {recording && <RecordPeriodModal onClose={() => setRecording(false)} />}
    </Space>
  );
}

function PeriodList({ kind }: { kind: Tab }) {
  const { t } = useTranslation();
  const side = kind === 'host' ? 'host' : 'home';
  const [filter, setFilter] = useState<MobileFilter>({
    side,
    open: kind === 'back' ? 'false' : 'true',
    page: 1,
    pageSize: 20,
  });
  const [ending, setEnding] = useState<MobilePeriod | null>(null);
  const [transferring, setTransferring] = useState<MobilePeriod | null>(null);
  const list = useMobilePeriods(filter);
  const due = useMobileCount({ side: 'home', due: 'true', orgId: filter.orgId });
  const set = (patch: Partial<MobileFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));

  if (isApiError(list.error, 403))
    return (
      <StatusPage embedded code="403" title={t('status.forbiddenTitle')} description={list.error.message} />
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {kind === 'away' && due.data !== undefined && due.data > 0 && (
        <Alert
          type="warning"
          showIcon
          role="status"
          data-testid="mobile-due-summary"
          title={t('mobile.dueSummary', { n: due.data })}
          action={
            <Button size="small" onClick={() => set({ due: 'true' })}>
              {t('mobile.tabs.due')}
            </Button>
          }
        />
      )}
      {kind === 'host' && <Alert type="info" showIcon title={t('mobile.hostHint')} />}
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => set({ orgId })}
            allowClear
            placeholder={t('mobile.orgFilter')}
            aria-label={t('mobile.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
          />
          {kind === 'away' && (
            <Checkbox
              checked={filter.due === 'true'}
              onChange={(e) => set({ due: e.target.checked ? 'true' : undefined })}
              data-testid="mobile-due-only"
            >
              {t('mobile.tabs.due')}
            </Checkbox>
          )}
        </Flex>
      </Card>
      <Table<MobilePeriod>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid={`mobile-${kind}`}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('mobile.empty') }}
        rowClassName={(p) => (p.transferDue ? 'hy-row-attention' : '')}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          {
            key: 'member',
            title: t('mobile.field.member'),
            fixed: 'start',
            // the host side sees the migrant, not the record: no link into another org's files
            render: (_, p) =>
              kind === 'host' ? p.memberName : <Link to={`/members/${p.memberId}`}>{p.memberName}</Link>,
          },
          { key: 'org', title: t('mobile.field.org'), dataIndex: 'orgName' },
          { key: 'out', title: t('mobile.field.outOn'), dataIndex: 'outOn' },
          ...(kind === 'back' ? [{ key: 'back', title: t('mobile.field.backOn'), dataIndex: 'backOn' }] : []),
          { key: 'dest', title: t('mobile.field.destination'), dataIndex: 'destination' },
          {
            key: 'host',
            title: t('mobile.field.host'),
            render: (_, p) => p.hostOrgName ?? '—',
          },
          { key: 'cert', title: t('mobile.field.certificateNo'), render: (_, p) => p.certificateNo ?? '—' },
          ...(kind === 'away'
            ? [
                {
                  key: 'due',
                  title: t('mobile.field.transferDueOn'),
                  render: (_: unknown, p: MobilePeriod) =>
                    p.transferDue ? (
                      <Tag color="warning" icon={<ClockCircleOutlined />} data-testid="mobile-transfer-due">
                        {t('mobile.dueTag')}
                      </Tag>
                    ) : (
                      t('mobile.dueFrom', { date: p.transferDueOn })
                    ),
                },
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, p: MobilePeriod) =>
                    p.can.end ? (
                      <Space size={4} wrap>
                        <Button size="small" onClick={() => setEnding(p)} data-testid={`mobile-end-${p.id}`}>
                          {t('mobile.end')}
                        </Button>
                        {p.transferDue && (
                          <Button size="small" type="primary" onClick={() => setTransferring(p)}>
                            {t('mobile.transfer')}
                          </Button>
                        )}
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {ending && <EndPeriodModal period={ending} onClose={() => setEnding(null)} />}
      {transferring && (
        <TransferModal
          member={{ id: transferring.memberId, name: transferring.memberName, orgId: transferring.orgId }}
          onClose={() => setTransferring(null)}
          onDone={() => setTransferring(null)}
        />
      )}
    </Space>
  );
}
