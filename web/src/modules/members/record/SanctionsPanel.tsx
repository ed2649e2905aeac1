import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateSanction, type SanctionKind } from '../../../../../contracts/members/record.ts';
import { errorMessage } from '../../../app/api.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { useGuardedClose } from '../../../app/discard.ts';
import { applyServerErrors, blankToNull, testIdProps, zodRule } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { memberItemApi, type SanctionT, useSanctions } from './api.ts';
import { dateProps } from './MemberFields.tsx';
import './i18n.ts';

/** 党章第四十二条: the five disciplinary sanctions, offered when a discipline is recorded. */
const DISCIPLINE_TITLES = ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'];
/** Commendations a branch usually records; anything else may be typed. */
const REWARD_TITLES = ['优秀共产党员', '优秀党务工作者', '嘉奖', '记功', '记大功'];

type Values = { kind: SanctionKind; title: string; on: string; issuedBy: string; note?: string };
const shape = CreateSanction.shape;

/** 奖惩: a member's commendations and discipline, with date and issuing body; add and remove (audited). */
export function SanctionsPanel({ memberId, canManage }: { memberId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const list = useSanctions(memberId, page, true);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['members', 'sanctions', memberId] });
    void queryClient.invalidateQueries({ queryKey: memberKeys.history(memberId) });
  };
  const remove = useMutation({
    mutationFn: (id: string) => memberItemApi.removeSanction(memberId, id),
    onSuccess: () => {
      message.success(t('members.items.removed'));
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (list.error) return <Empty description={errorMessage(list.error)} />;
  return (
    <Flex vertical gap={12} data-testid="member-sanctions">
      {canManage && (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="sanction-add">
            {t('members.sanctions.add')}
          </Button>
        </Flex>
      )}
      <Table<SanctionT>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('members.sanctions.empty') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          {
            key: 'kind',
            title: t('members.sanctions.kind'),
            dataIndex: 'kind',
            render: (k: SanctionKind) => (
              <Tag color={k === 'reward' ? 'success' : 'error'}>{t(`members.sanctions.kinds.${k}`)}</Tag>
            ),
          },
          { key: 'title', title: t('members.sanctions.title'), dataIndex: 'title' },
          { key: 'on', title: t('members.sanctions.on'), dataIndex: 'on' },
          { key: 'issuedBy', title: t('members.sanctions.issuedBy'), dataIndex: 'issuedBy' },
          {
            key: 'note',
            title: t('members.sanctions.note'),
            dataIndex: 'note',
            render: (v: string | null) => v ?? t('common.none'),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, s: SanctionT) =>
                    s.can.remove && (
                      <Popconfirm
                        title={t('members.items.removeConfirm')}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={testIdProps('sanction-remove-confirm', { danger: true })}
                        onConfirm={() => remove.mutate(s.id)}
                      >
                        <Button type="link" danger size="small">
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <SanctionModal
          memberId={memberId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            message.success(t('members.items.saved'));
            refresh();
          }}
        />
      )}
    </Flex>
  );
}

function SanctionModal({
  memberId,
  onClose,
  onSaved,
}: {
  memberId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      memberItemApi.addSanction(memberId, {
        kind: v.kind,
        title: v.title.trim(),
        on: v.on,
        issuedBy: v.issuedBy.trim(),
        note: blankToNull(v.note),
      }),
    onSuccess: onSaved,
    onError: (e) => setGeneral(applyServerErrors(form, e, ['kind', 'title', 'on', 'issuedBy', 'note'])),
  });
  const required = { required: true, whitespace: true, message: t('common.required') };
  const titles = kind === 'discipline' ? DISCIPLINE_TITLES : REWARD_TITLES;
  return (
    <Modal
      open
      title={t('members.sanctions.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('sanction-save')}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'reward' }}
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item name="kind" label={t('members.sanctions.kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['reward', 'discipline'] as const).map((k) => ({
              value: k,
              label: t(`members.sanctions.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('members.sanctions.title')}
          extra={kind === 'discipline' ? t('members.sanctions.disciplineHint') : undefined}
          rules={[required, zodRule(shape.title)]}
        >
          <AutoComplete
            options={titles.map((v) => ({ value: v }))}
            placeholder={t('members.sanctions.titlePlaceholder')}
            data-testid="sanction-title"
          />
        </Form.Item>
        <Form.Item
          name="on"
          label={t('members.sanctions.on')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="sanction-on" />
        </Form.Item>
        <Form.Item
          name="issuedBy"
          label={t('members.sanctions.issuedBy')}
          rules={[required, zodRule(shape.issuedBy)]}
        >
          <Input
            maxLength={100}
            placeholder={t('members.sanctions.issuedByPlaceholder')}
            data-testid="sanction-issuedBy"
          />
        </Form.Item>
        <Form.Item name="note" label={t('members.sanctions.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
