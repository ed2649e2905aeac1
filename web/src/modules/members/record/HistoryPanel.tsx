import { Empty, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api.ts';
import { useChangeWords } from '../changeWords.ts';
import { type HistoryEntryT, useMemberHistory } from './api.ts';
import './i18n.ts';

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The changes worth reading: nothing that stayed empty, and no bare org ids (a transfer records
 * the org's name alongside; an import's branch is the record's own).
 */
export function shownChanges(changes: HistoryEntryT['changes']) {
  return Object.entries(changes).filter(
    ([field, [before, after]]) => !(isEmpty(before) && isEmpty(after)) && field !== 'orgId',
  );
}

export function HistoryPanel({ memberId, enabled }: { memberId: string; enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const history = useMemberHistory(memberId, enabled);
  const words = useChangeWords();
  if (history.error) return <Empty description={errorMessage(history.error)} />;
  return (
    <Table<HistoryEntryT>
      rowKey="id"
      size="small"
      loading={history.isFetching}
      dataSource={history.data ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('members.history.empty') }}
      data-testid="member-history"
      columns={[
        {
          key: 'at',
          title: t('members.history.at'),
          dataIndex: 'at',
          render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
        },
        {
          key: 'actor',
          title: t('members.history.actor'),
          dataIndex: 'actorName',
          render: (v: string | null) => v ?? t('members.history.system'),
        },
        {
          key: 'source',
          title: t('members.history.source'),
          dataIndex: 'source',
          render: (v: string) =>
            i18n.exists(`members.history.sources.${v}`) ? t(`members.history.sources.${v}`) : v,
        },
        {
          key: 'changes',
          title: t('members.history.changes'),
          render: (_, h) => (
            <Flex vertical gap={2}>
              {shownChanges(h.changes).map(([field, [before, after]]) => (
                <span key={field}>
                  <Typography.Text strong>{words.label(field)}</Typography.Text>：
                  {isEmpty(before) ? (
                    words.value(field, after)
                  ) : (
                    <>
                      <Typography.Text delete type="secondary">
                        {words.value(field, before)}
                      </Typography.Text>
                      {' → '}
                      {words.value(field, after)}
                    </>
                  )}
                </span>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
