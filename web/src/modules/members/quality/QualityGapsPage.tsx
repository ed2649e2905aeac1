import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { QualityGap } from '../../../../../contracts/members/quality.ts';
import { errorMessage } from '../../../app/api.ts';
import { useChangeWords } from '../changeWords.ts';
import { StatusTag } from '../StatusTag.tsx';
import type { MemberStatus } from '../../../../../contracts/members/record.ts';
import { useQualityGaps } from './api.ts';
import { RATES, type Rate } from './qualityRates.ts';
import './i18n.ts';
import '../members.css';

type Gap = z.infer<typeof QualityGap>;

/**
 * From a rate to the records behind it (档案质量明细): the records of an org's subtree that lack
 * what the rate counts, and for completeness which fields, a page at a time, each opening the
 * record to fix it.
 */
export default function QualityGapsPage() {
  const { t } = useTranslation();
  const words = useChangeWords();
  const [params, setParams] = useSearchParams();
  const rate: Rate = RATES.find((k) => k === params.get('rate')) ?? 'completenessRate';
  const query = {
    orgId: params.get('orgId') ?? undefined,
    rate,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const gaps = useQualityGaps(query);
  const data = gaps.data;

  useEffect(() => {
    document.title = `${t('quality.gaps.title', { rate: t(`quality.${rate}`) })} · ${t('app.title')}`;
  }, [t, rate]);

  const setPage = (page: number, pageSize: number) => {
    const p = new URLSearchParams(params);
    p.set('page', String(page));
    p.set('pageSize', String(pageSize));
    setParams(p);
  };
  const back = new URLSearchParams();
  for (const k of ['orgId', 'from', 'to'] as const) if (query[k]) back.set(k, query[k]);
  back.set('rate', rate);

  const missingWord = (field: string) =>
    field === 'recordUpdatedAt' || field === 'photo' ? t(`quality.gaps.${field}`) : words.label(field);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Link to={`/members/quality?${back}`}>
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {t('quality.gaps.back')}
          </Button>
        </Link>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('quality.gaps.title', { rate: t(`quality.${rate}`) })}
        </Typography.Title>
        {data && (
          <Typography.Text type="secondary" data-testid="quality-gaps-hint">
            {t('quality.gaps.hint', {
              org: data.orgName,
              what: t(`quality.gaps.what.${rate}`, { from: data.from, to: data.to }),
              total: data.total,
            })}
          </Typography.Text>
        )}
      </div>
      {gaps.error && <Alert type="error" showIcon title={errorMessage(gaps.error)} role="alert" />}
      <Table<Gap>
        rowKey="id"
        size="middle"
        loading={gaps.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="quality-gaps-table"
        locale={{ emptyText: t('quality.gaps.empty') }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
        columns={[
          {
            key: 'name',
            title: t('members.field.name'),
            fixed: 'start',
            render: (_, g) => <Link to={`/members/${g.id}`}>{g.name}</Link>,
          },
          {
            key: 'missing',
            title: t('quality.gaps.missing'),
            render: (_, g) => (
              <Flex gap={4} wrap>
                {g.missing.map((f) => (
                  <Tag key={f} color="orange">
                    {missingWord(f)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            key: 'status',
            title: t('members.field.status'),
            render: (_, g) => <StatusTag status={g.status as MemberStatus} />,
          },
          { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
          {
            key: 'updated',
            title: t('quality.gaps.lastUpdated'),
            render: (_, g) => dayjs(g.recordUpdatedAt).format('YYYY-MM-DD'),
          },
        ]}
      />
    </Space>
  );
}
