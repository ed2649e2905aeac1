import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { testIdProps } from '../../../app/forms.ts';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { Correction } from '../../../../../contracts/members/corrections.ts';
import { useChangeWords } from '../changeWords.ts';
import { memberKeys } from '../keys.ts';
import { type CorrectionT, correctionApi, useCorrections } from './api.ts';
import './i18n.ts';
import '../members.css';

const STATUSES = Correction.shape.status.options;
const COLOR: Record<CorrectionT['status'], string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'default',
};

/** 信息更正审核: what members asked to correct in their own records, to approve or refuse. */
export default function CorrectionsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const words = useChangeWords();
  const [filter, setFilter] = useState<{ orgId?: string; status?: CorrectionT['status'] }>({
    status: 'pending',
  });
  const [rejecting, setRejecting] = useState<CorrectionT | null>(null);
  const list = useCorrections(filter);
  const canManage = can(me, 'member.manage');

  useEffect(() => {
    document.title = `${t('corrections.title')} · ${t('app.title')}`;
  }, [t]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: memberKeys.corrections });
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  };
  const approve = useMutation({
    mutationFn: (c: CorrectionT) => correctionApi.approve(c.id),
    onSuccess: () => {
      message.success(t('corrections.approved'));
      refresh();
    },
    onError: (e) => void message.error({ content: errorMessage(e), duration: 6 }),
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('corrections.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('corrections.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap>
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => setFilter((f) => ({ ...f, orgId }))}
            allowClear
            placeholder={t('corrections.orgFilter')}
            aria-label={t('corrections.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
          />
          <Select
            value={filter.status}
            onChange={(status: CorrectionT['status'] | undefined) => setFilter((f) => ({ ...f, status }))}
            allowClear
            placeholder={t('corrections.statusFilter')}
            aria-label={t('corrections.statusFilter')}
            options={STATUSES.map((s) => ({ value: s, label: t(`corrections.status.${s}`) }))}
            style={{ width: 160 }}
          />
        </Flex>
      </Card>
      <Table<CorrectionT>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('corrections.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowClassName={(c) => (c.status === 'pending' ? 'hy-row-attention' : '')}
        data-testid="corrections-table"
        columns={[
          {
            key: 'member',
            title: t('corrections.field.member'),
            render: (_, c) => <Link to={`/members/${c.memberId}`}>{c.memberName}</Link>,
          },
          { key: 'field', title: t('corrections.field.field'), render: (_, c) => words.label(c.field) },
          {
            key: 'value',
            title: t('corrections.field.change'),
            // what the field held when the member asked, and what they ask for: the reviewer
            // decides on the change, not on the new value alone
            render: (_, c) => (
              <Flex vertical gap={2} data-testid={`correction-change-${c.id}`}>
                <Typography.Text type="secondary">
                  {t('corrections.field.previousValue')}：{words.value(c.field, c.previousValue)}
                </Typography.Text>
                <Typography.Text strong>
                  {t('corrections.field.value')}：{words.value(c.field, c.value)}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'reason', title: t('corrections.field.reason'), dataIndex: 'reason' },
          {
            key: 'created',
            title: t('corrections.field.createdAt'),
            render: (_, c) => dayjs(c.createdAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'status',
            title: t('corrections.field.status'),
            render: (_, c) => (
              <Flex vertical>
                <Tag color={COLOR[c.status]}>{t(`corrections.status.${c.status}`)}</Tag>
                {c.decidedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(c.decidedAt).format('YYYY-MM-DD')}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          ...(canManage
            ? [
                {
                  key: 'act',
                  title: t('common.actions'),
                  // the server says who may decide each request (not the member on their own record)
                  render: (_: unknown, c: CorrectionT) =>
                    c.can.approve || c.can.reject ? (
                      <Space size={4}>
                        {c.can.approve && (
                          <Popconfirm
                            title={t('corrections.approveConfirm', {
                              field: words.label(c.field),
                              previous: words.value(c.field, c.previousValue),
                              value: c.value,
                            })}
                            okText={t('corrections.approve')}
                            cancelText={t('common.cancel')}
                            okButtonProps={testIdProps('correction-approve-confirm')}
                            onConfirm={() => approve.mutate(c)}
                          >
                            <Button size="small" type="primary" data-testid={`correction-approve-${c.id}`}>
                              {t('corrections.approve')}
                            </Button>
                          </Popconfirm>
                        )}
                        {c.can.reject && (
                          <Button
                            size="small"
                            onClick={() => setRejecting(c)}
                            data-testid={`correction-reject-${c.id}`}
                          >
                            {t('corrections.reject')}
                          </Button>
                        )}
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {rejecting && (
        <ReasonModal
          title={t('corrections.rejectTitle', { name: rejecting.memberName })}
          okText={t('corrections.reject')}
          label={t('corrections.rejectReason')}
          placeholder={t('corrections.rejectPlaceholder')}
          submit={(reason) => correctionApi.reject(rejecting.id, reason)}
          onClose={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            message.success(t('corrections.rejected'));
            refresh();
          }}
        />
      )}
    </Space>
  );
}
