import { PlusOutlined } from '@ant-design/icons';
import { type UseQueryResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../../contracts/common.ts';
import { errorMessage } from '../../../app/api.ts';
import { testIdProps } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import './i18n.ts';

/** What a dialog opened from the panel is given: close it, or say it saved. */
export type ItemDialogProps = { onClose: () => void; onDone: () => void };

type Item = { id: string; can: { remove: boolean } };

/**
 * The records kept with a member as a list of their own (奖惩, 出国（境）): a page of them, 新增 for
 * those who may edit the record, and 删除 (asked first) on each the server lets go. What is listed
 * (`columns`) and how one is written (`addDialog`, usually a FormModal with the fields) are the
 * caller's; every change is audited by the server and shows in the record's history, refreshed here.
 * Test hooks: `${prefix}-add` and `${prefix}-remove-confirm`.
 */
export function MemberItemsPanel<T extends Item>({
  memberId,
  canManage,
  items,
  useItems,
  prefix,
  testId,
  addLabel,
  emptyText,
  columns,
  remove,
  addDialog,
  rowAction,
}: {
  memberId: string;
  canManage: boolean;
  /** The list's name in the query keys (memberKeys.sanctions…), so a change refreshes every page of it. */
  items: 'sanctions' | 'trips';
  /** The list's query hook (useSanctions…): one page of ten. */
  useItems: (memberId: string, page: number, enabled: boolean) => UseQueryResult<Page<T>>;
  prefix: string;
  testId: string;
  addLabel: string;
  emptyText: string;
  columns: TableColumnsType<T>;
  remove: (id: string) => Promise<unknown>;
  addDialog: (props: ItemDialogProps) => ReactNode;
  /** One more thing to do with a row, in its own dialog (a trip's return). */
  rowAction?: {
    label: string;
    show: (item: T) => boolean;
    dialog: (item: T, props: ItemDialogProps) => ReactNode;
  };
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'row'; item: T } | null>(null);
  const list = useItems(memberId, page, true);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['members', items, memberId] });
    void queryClient.invalidateQueries({ queryKey: memberKeys.history(memberId) });
  };
  const removing = useMutation({
    mutationFn: remove,
    onSuccess: () => {
      message.success(t('members.items.removed'));
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const dialogProps: ItemDialogProps = {
    onClose: () => setDialog(null),
    onDone: () => {
      setDialog(null);
      message.success(t('members.items.saved'));
      refresh();
    },
  };

  if (list.error) return <Empty description={errorMessage(list.error)} />;
  return (
    <Flex vertical gap={12} data-testid={testId}>
      {canManage && (
        <Flex justify="flex-end">
          <Button
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'add' })}
            data-testid={`${prefix}-add`}
          >
            {addLabel}
          </Button>
        </Flex>
      )}
      <Table<T>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          ...columns,
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, item: T) => (
                    <Space size={0} wrap>
                      {rowAction?.show(item) && (
                        <Button type="link" size="small" onClick={() => setDialog({ kind: 'row', item })}>
                          {rowAction.label}
                        </Button>
                      )}
                      {item.can.remove && (
                        <Popconfirm
                          title={t('members.items.removeConfirm')}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={testIdProps(`${prefix}-remove-confirm`, { danger: true })}
                          onConfirm={() => removing.mutate(item.id)}
                        >
                          <Button type="link" danger size="small">
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'add' && addDialog(dialogProps)}
      {dialog?.kind === 'row' && rowAction?.dialog(dialog.item, dialogProps)}
    </Flex>
  );
}
