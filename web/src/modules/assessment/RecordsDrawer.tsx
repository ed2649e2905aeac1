import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IndicatorRecords } from '../../../../contracts/assessment/scores.ts';
import { errorMessage } from '../../app/api.ts';
import { when } from '../../app/when.ts';
import { useItemRecords } from './api.ts';

type RecordRow = IndicatorRecords['records'][number];

/**
 * 得分依据: the records behind one indicator of an org's month, down to each 党支部's; those that
 * did not count (a meeting without its minutes) say 未完成 and why, so a score can be checked.
 */
export function RecordsDrawer({
  month,
  orgId,
  orgName,
  item,
  onClose,
}: {
  month: string;
  orgId: string | undefined;
  orgName: string;
  item: { key: string; label: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const q = useItemRecords(month, orgId, item?.key);
  const records = q.data?.records ?? [];
  const branches = new Set(records.map((r) => r.orgId)).size;
  return (
    <Drawer
      open={!!item}
      onClose={onClose}
      size="large"
      title={t('assessment.recordsOf', { org: orgName, item: item?.label ?? '' })}
      data-testid="assessment-records"
    >
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} role="alert" />}
      <Table<RecordRow>
        rowKey={(r) => `${r.orgId}:${r.title}:${r.at ?? ''}:${r.href ?? ''}`}
        size="small"
        loading={q.isPending && !!item}
        dataSource={records}
        pagination={records.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: t('assessment.recordsEmpty') }}
        scroll={{ x: 'max-content' }}
        onRow={(r) =>
          ({
            'data-testid': r.counted ? 'record-counted' : 'record-not-counted',
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'title',
            title: t('assessment.recordTitle'),
            dataIndex: 'title',
            render: (v: string, r) =>
              r.href ? (
                r.href.startsWith('/') && !r.href.startsWith('/api/') ? (
                  <Link to={r.href}>{v}</Link>
                ) : (
                  <a href={r.href} target="_blank" rel="noopener noreferrer">
                    {v}
                  </a>
                )
              ) : (
                v
              ),
          },
          // one 党支部's own records need no column naming it
          ...(branches > 1
            ? [{ key: 'org', title: t('assessment.recordOrg'), dataIndex: 'orgName' as const }]
            : []),
          {
            key: 'at',
            title: t('assessment.recordAt'),
            dataIndex: 'at',
            render: (v: string | null) => when(v) || t('common.none'),
          },
          {
            key: 'counted',
            title: t('assessment.recordState'),
            dataIndex: 'counted',
            render: (counted: boolean, r) =>
              counted ? (
                <Tag color="green" icon={<CheckCircleOutlined />}>
                  {t('assessment.counted')}
                </Tag>
              ) : (
                // red and said in words, with what was missing
                <Space orientation="vertical" size={0}>
                  <Tag color="red" icon={<CloseCircleOutlined />} data-testid="record-not-done">
                    {t('assessment.notCounted')}
                  </Tag>
                  {r.note && <Typography.Text type="danger">{r.note}</Typography.Text>}
                </Space>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
