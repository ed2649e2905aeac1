import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../app/DatePicker.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditActions, AuditEntry, Page } from '../../../../contracts/index.ts';
import { api, errorMessage, isApiError } from '../../app/api.ts';
import { currentLang } from '../../app/i18n.ts';
import { StatusPage } from '../../app/pages/StatusPage.tsx';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { AuditDiff } from './AuditDiff.tsx';
import './i18n.ts';

const TARGET_TYPES = ['org', 'user', 'session', 'member', 'transfer', 'member_import'];

type Filter = {
  action?: string;
  actor?: string;
  targetType?: string;
  orgId?: string;
  range?: [Dayjs, Dayjs] | null;
  page: number;
  pageSize: number;
};

/** The append-only log of every change: filter by action, actor, org and time; open a row for the diff. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>({ page: 1, pageSize: 20 });
  const [actor, setActor] = useState('');
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));

  useEffect(() => {
    document.title = `${t('audit.title')} · ${t('app.title')}`;
  }, [t]);

  const entries = useQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) =>
      api.get<Page<AuditEntry>>(
        '/audit',
        {
          action: filter.action,
          actor: filter.actor,
          targetType: filter.targetType,
          orgId: filter.orgId,
          from: filter.range?.[0].format(),
          to: filter.range?.[1].format(),
          page: filter.page,
          pageSize: filter.pageSize,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  // the filter's choices: the actions the log holds in the admin's scope, labelled by the server
  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: ({ signal }) => api.get<AuditActions>('/audit/actions', undefined, signal),
  });

  if (isApiError(entries.error, 403)) {
    return (
      <StatusPage
        embedded
        code="403"
        title={t('status.forbiddenTitle')}
        description={entries.error.message}
        actions={[{ to: '/workbench', label: t('status.home') }]}
      />
    );
  }

  const actionLabel = (a: string) => (i18n.exists(`audit.actions.${a}`) ? t(`audit.actions.${a}`) : a);
  const lang = currentLang() === 'en' ? 'en' : 'zh';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap>
          <Select
            value={filter.action}
            onChange={(action: string | undefined) => set({ action })}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filter.action')}
            aria-label={t('audit.filter.action')}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
            data-testid="audit-action"
            loading={actions.isPending}
            options={(actions.data?.groups ?? []).map((g) => {
              const group = g.label?.[lang] ?? g.group;
              return {
                label: group,
                title: g.group,
                options: [
                  { value: `${g.group}.`, label: t('audit.all', { group }) },
                  ...g.actions.map((a) => ({ value: a.action, label: a.label?.[lang] ?? a.action })),
                ],
              };
            })}
          />
          <Input.Search
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            onSearch={(v) => set({ actor: v.trim() || undefined })}
            allowClear
            placeholder={t('audit.filter.actor')}
            aria-label={t('audit.filter.actor')}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
            data-testid="audit-actor"
          />
          <Select
            value={filter.targetType}
            onChange={(targetType: string | undefined) => set({ targetType })}
            allowClear
            placeholder={t('audit.filter.targetType')}
            aria-label={t('audit.filter.targetType')}
            style={{ flex: '0 1 160px', minWidth: 130 }}
            options={TARGET_TYPES.map((v) => ({ value: v, label: t(`audit.targets.${v}`) }))}
            data-testid="audit-target-type"
          />
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => set({ orgId })}
            allowClear
            placeholder={t('audit.filter.org')}
            aria-label={t('audit.filter.org')}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
            data-testid="audit-org"
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={filter.range ?? null}
            onChange={(range) =>
              set({ range: range?.[0] && range[1] ? [range[0], range[1].second(59)] : null })
            }
            presets={[
              { label: t('audit.preset.today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
              { label: t('audit.preset.week'), value: [dayjs().subtract(7, 'day'), dayjs()] },
              { label: t('audit.preset.month'), value: [dayjs().subtract(30, 'day'), dayjs()] },
            ]}
            aria-label={t('audit.filter.time')}
            data-testid="audit-range"
          />
          <Button
            onClick={() => {
              setActor('');
              setFilter({ page: 1, pageSize: filter.pageSize });
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {entries.isError && <Alert type="error" showIcon title={errorMessage(entries.error)} role="alert" />}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={entries.isFetching}
        dataSource={entries.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        expandable={{
          expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} />,
          rowExpandable: (e) => e.before != null || e.after != null,
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          {
            key: 'at',
            title: t('audit.col.at'),
            dataIndex: 'at',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
          },
          {
            key: 'actor',
            title: t('audit.col.actor'),
            dataIndex: 'actorName',
            render: (v: string | null) => v ?? t('audit.system'),
          },
          {
            key: 'action',
            title: t('audit.col.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <Tag
                color={
                  a.endsWith('failed') || a.endsWith('locked') || a.endsWith('deleted') ? 'red' : undefined
                }
              >
                {actionLabel(a)}
              </Tag>
            ),
          },
          {
            key: 'target',
            title: t('audit.col.target'),
            render: (_, e) =>
              e.targetType
                ? `${i18n.exists(`audit.targets.${e.targetType}`) ? t(`audit.targets.${e.targetType}`) : e.targetType}${e.targetId ? ` #${e.targetId}` : ''}`
                : '—',
          },
          {
            key: 'org',
            title: t('audit.col.org'),
            dataIndex: 'orgName',
            render: (v: string | null) => v ?? '—',
          },
          { key: 'ip', title: t('audit.col.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
