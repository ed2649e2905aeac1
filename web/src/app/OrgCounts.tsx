import { Card, Empty, Flex, Space, Statistic, Table, type TableProps, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { errorMessage } from './api.ts';
import type { OrgBars } from './OrgCountsChart.tsx';

const OrgCountsChart = lazy(() => import('./OrgCountsChart.tsx'));

const DANGER = '#cf1322';

/** One figure counted for each org: its heading and its value; `alarm`: a number above 0 is shown red. */
export type OrgCount<R> = { key: string; title: string; value: (r: R) => number | string; alarm?: boolean };

/** The bars over the orgs below: which orgs, in what order, each bar stacked from `parts`. */
export type OrgCountsBars<R> = {
  rows: R[];
  order: (a: R, b: R) => number;
  parts: { name: string; color: string; value: (r: R) => number }[];
  label: string;
  testId: string;
};

/** The chart's bars: the orgs in the order asked, each part's figure per org, in that order. */
export function stackedBars<R extends { orgName: string }>(bars: OrgCountsBars<R>): OrgBars {
  const sorted = [...bars.rows].sort(bars.order);
  return {
    names: sorted.map((r) => r.orgName),
    series: bars.parts.map((p) => ({ name: p.name, color: p.color, data: sorted.map((r) => p.value(r)) })),
    label: bars.label,
    testId: bars.testId,
  };
}

const alarming = <R,>(c: OrgCount<R>, v: number | string) => !!c.alarm && typeof v === 'number' && v > 0;

/**
 * An org's figures for a period (thought reports handed in and missing, messages answered in
 * time): its totals above, then the orgs directly below it as bars (when there is something to
 * chart) and in a table with the same figures, one column per count.
 */
export function OrgCounts<R extends { orgId: string; orgName: string }>({
  title,
  testId,
  total,
  counts,
  orgTitle,
  rows,
  hint,
  bars,
  error,
  loading,
  pagination,
  tableTestId,
}: {
  title: ReactNode;
  testId: string;
  /** The org's own totals; undefined while they load. */
  total: R | undefined;
  counts: OrgCount<R>[];
  /** The heading of the table's first column, the org's name. */
  orgTitle: string;
  rows: R[];
  hint?: ReactNode;
  bars?: OrgCountsBars<R>;
  error?: unknown;
  loading?: boolean;
  pagination?: TableProps<R>['pagination'];
  tableTestId?: string;
}) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      {error ? (
        <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Flex gap={32} wrap>
            {counts.map((c) => {
              const v = total ? c.value(total) : 0;
              return (
                <Statistic
                  key={c.key}
                  title={c.title}
                  value={v}
                  loading={!total}
                  styles={alarming(c, v) ? { content: { color: DANGER } } : undefined}
                />
              );
            })}
          </Flex>
          {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
          {bars && bars.rows.length > 0 && (
            <Suspense fallback={null}>
              <OrgCountsChart {...stackedBars(bars)} />
            </Suspense>
          )}
          <Table<R>
            rowKey="orgId"
            size="small"
            loading={loading}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            pagination={pagination}
            data-testid={tableTestId}
            columns={[
              { key: 'org', title: orgTitle, dataIndex: 'orgName' },
              ...counts.map((c) => ({
                key: c.key,
                title: c.title,
                render: (_: unknown, r: R) => {
                  const v = c.value(r);
                  return alarming(c, v) ? <Typography.Text type="danger">{v}</Typography.Text> : v;
                },
              })),
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
