import { Alert, Card, Flex, Space, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { MemberStatus } from '../../../../contracts/members/record.ts';
import { errorMessage } from '../../app/api.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { StatusTag } from './StatusTag.tsx';
import './members.css';

/** A row of a due list: a member of a branch, due for something. */
export type DueRow = { memberId: string; name: string; orgName: string; status: MemberStatus };

/**
 * Where a due list stands: the org picked (kept in the address, so a link from the dashboard can
 * name a branch) and the page, back to the first whenever the org or another filter changes.
 */
export function useDueListState() {
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  return {
    orgId: params.get('orgId') ?? undefined,
    setOrgId: (id: string | undefined) => {
      setParams(id ? { orgId: id } : {});
      setPage(1);
    },
    page,
    setPage,
  };
}

/** The first columns of every due list: the branch, the member (a link to the record's `tab`), the category. */
export function useDueRowColumns<T extends DueRow>({
  tab,
  statusTitle,
}: {
  tab?: string;
  statusTitle?: string;
}): TableColumnsType<T> {
  const { t } = useTranslation();
  return [
    { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
    {
      key: 'name',
      title: t('members.field.name'),
      render: (_, d) => <Link to={`/members/${d.memberId}${tab ? `?tab=${tab}` : ''}`}>{d.name}</Link>,
    },
    {
      key: 'status',
      title: statusTitle ?? t('members.field.status'),
      render: (_, d) => <StatusTag status={d.status} />,
    },
  ];
}

/**
 * The page of a due list (党籍管理, 发展党员): title and what it is for, the org and the page's own
 * filters with the count, then the rows the server pages, those needing attention marked
 * (`attention`). The dialogs the rows open come as children. Test hooks: `${testId}-org`,
 * `${testId}-count`, `${testId}-table`.
 */
export function DueListPage<T extends DueRow>({
  title,
  hint,
  orgLabel,
  testId,
  state,
  filters,
  count,
  error,
  rows,
  loading,
  total,
  pageSize,
  rowKey,
  attention,
  emptyText,
  columns,
  children,
}: {
  title: string;
  hint: string;
  orgLabel: string;
  testId: string;
  state: ReturnType<typeof useDueListState>;
  /** The page's own filters, beside the org. */
  filters?: ReactNode;
  /** The count in words, once the list has come. */
  count?: string;
  error: unknown;
  rows: T[];
  loading: boolean;
  total: number;
  pageSize: number;
  rowKey: TableProps<T>['rowKey'];
  attention: (row: T) => boolean;
  emptyText: string;
  columns: TableColumnsType<T>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <OrgSelect
            value={state.orgId}
            onChange={state.setOrgId}
            allowClear
            placeholder={orgLabel}
            aria-label={orgLabel}
            style={{ flex: '1 1 260px', maxWidth: 380 }}
            data-testid={`${testId}-org`}
          />
          {filters}
          {count !== undefined && <Typography.Text data-testid={`${testId}-count`}>{count}</Typography.Text>}
        </Flex>
      </Card>
      {!!error && <Alert type="error" showIcon title={errorMessage(error)} role="alert" />}
      <Table<T>
        rowKey={rowKey}
        size="middle"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText }}
        pagination={{
          current: state.page,
          pageSize,
          total,
          onChange: state.setPage,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { total: n }),
        }}
        rowClassName={(d) => (attention(d) ? 'hy-row-attention' : '')}
        data-testid={`${testId}-table`}
        columns={columns}
      />
      {children}
    </Space>
  );
}
