import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateTrip } from '../../../../../contracts/members/record.ts';
import { errorMessage } from '../../../app/api.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { useGuardedClose } from '../../../app/discard.ts';
import { applyServerErrors, blankToNull, testIdProps, zodRule } from '../../../app/forms.ts';
import { memberKeys } from '../keys.ts';
import { memberItemApi, type TripT, useTrips } from './api.ts';
import { dateProps } from './MemberFields.tsx';
import './i18n.ts';

type Values = {
  destination: string;
  purpose: string;
  leftOn: string;
  returnedOn?: string | null;
  approvedBy?: string;
};
const shape = CreateTrip.shape;

/** 出国（境）: a member's trips abroad; add, record the return, remove (audited). */
export function TripsPanel({ memberId, canManage }: { memberId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'end'; trip: TripT } | null>(null);
  const list = useTrips(memberId, page, true);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['members', 'trips', memberId] });
    void queryClient.invalidateQueries({ queryKey: memberKeys.history(memberId) });
  };
  const remove = useMutation({
    mutationFn: (id: string) => memberItemApi.removeTrip(memberId, id),
    onSuccess: () => {
      message.success(t('members.items.removed'));
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const saved = () => {
    setDialog(null);
    message.success(t('members.items.saved'));
    refresh();
  };

  if (list.error) return <Empty description={errorMessage(list.error)} />;
  return (
    <Flex vertical gap={12} data-testid="member-trips">
      {canManage && (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="trip-add">
            {t('members.trips.add')}
          </Button>
        </Flex>
      )}
      <Table<TripT>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('members.trips.empty') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          { key: 'destination', title: t('members.trips.destination'), dataIndex: 'destination' },
          { key: 'purpose', title: t('members.trips.purpose'), dataIndex: 'purpose' },
          { key: 'leftOn', title: t('members.trips.leftOn'), dataIndex: 'leftOn' },
          {
            key: 'returnedOn',
            title: t('members.trips.returnedOn'),
            dataIndex: 'returnedOn',
            render: (v: string | null) => v ?? <Tag color="processing">{t('members.trips.away')}</Tag>,
          },
          {
            key: 'approvedBy',
            title: t('members.trips.approvedBy'),
            dataIndex: 'approvedBy',
            render: (v: string | null) => v ?? t('common.none'),
          },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, trip: TripT) => (
                    <Space size={0} wrap>
                      {trip.can.end && (
                        <Button type="link" size="small" onClick={() => setDialog({ kind: 'end', trip })}>
                          {t('members.trips.end')}
                        </Button>
                      )}
                      {trip.can.remove && (
                        <Popconfirm
                          title={t('members.items.removeConfirm')}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={testIdProps('trip-remove-confirm', { danger: true })}
                          onConfirm={() => remove.mutate(trip.id)}
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
      {dialog?.kind === 'add' && (
        <TripModal memberId={memberId} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'end' && (
        <EndTripModal
          memberId={memberId}
          trip={dialog.trip}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
    </Flex>
  );
}

function TripModal({
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
  const save = useMutation({
    mutationFn: (v: Values) =>
      memberItemApi.addTrip(memberId, {
        destination: v.destination.trim(),
        purpose: v.purpose.trim(),
        leftOn: v.leftOn,
        returnedOn: v.returnedOn ?? null,
        approvedBy: blankToNull(v.approvedBy),
      }),
    onSuccess: onSaved,
    onError: (e) =>
      setGeneral(
        applyServerErrors(form, e, ['destination', 'purpose', 'leftOn', 'returnedOn', 'approvedBy']),
      ),
  });
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <Modal
      open
      title={t('members.trips.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('trip-save')}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="destination"
          label={t('members.trips.destination')}
          rules={[required, zodRule(shape.destination)]}
        >
          <Input
            maxLength={100}
            placeholder={t('members.trips.destinationPlaceholder')}
            data-testid="trip-destination"
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('members.trips.purpose')}
          rules={[required, zodRule(shape.purpose)]}
        >
          <Input
            maxLength={200}
            placeholder={t('members.trips.purposePlaceholder')}
            data-testid="trip-purpose"
          />
        </Form.Item>
        <Form.Item
          name="leftOn"
          label={t('members.trips.leftOn')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="trip-leftOn" />
        </Form.Item>
        <Form.Item
          name="returnedOn"
          label={t('members.trips.returnedOn')}
          extra={t('members.trips.returnedHint')}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="trip-returnedOn" />
        </Form.Item>
        <Form.Item name="approvedBy" label={t('members.trips.approvedBy')}>
          <Input maxLength={100} placeholder={t('members.trips.approvedByPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndTripModal({
  memberId,
  trip,
  onClose,
  onSaved,
}: {
  memberId: string;
  trip: TripT;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ returnedOn: string }>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { returnedOn: string }) => memberItemApi.endTrip(memberId, trip.id, v.returnedOn),
    onSuccess: onSaved,
    onError: (e) => setGeneral(applyServerErrors(form, e, ['returnedOn'])),
  });
  return (
    <Modal
      open
      title={t('members.trips.endTitle', { destination: trip.destination, leftOn: trip.leftOn })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('trip-end-save')}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="returnedOn"
          label={t('members.trips.returnedOn')}
          rules={[{ required: true, message: t('common.requiredSelect') }]}
          {...dateProps}
        >
          <DatePicker style={{ width: '100%' }} data-testid="trip-end-returnedOn" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
