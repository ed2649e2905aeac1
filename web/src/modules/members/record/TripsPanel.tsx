import { Form, Input, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateTrip } from '../../../../../contracts/members/record.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { blankToNull, dateProps, zodRule } from '../../../app/forms.ts';
import { memberItemApi, type TripT, useTrips } from './api.ts';
import { type ItemDialogProps, MemberItemsPanel } from './MemberItemsPanel.tsx';
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
  return (
    <MemberItemsPanel<TripT>
      memberId={memberId}
      canManage={canManage}
      items="trips"
      useItems={useTrips}
      prefix="trip"
      testId="member-trips"
      addLabel={t('members.trips.add')}
      emptyText={t('members.trips.empty')}
      remove={(id) => memberItemApi.removeTrip(memberId, id)}
      addDialog={(props) => <TripModal memberId={memberId} {...props} />}
      rowAction={{
        label: t('members.trips.end'),
        show: (trip) => trip.can.end,
        dialog: (trip, props) => <EndTripModal memberId={memberId} trip={trip} {...props} />,
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
      ]}
    />
  );
}

function TripModal({ memberId, ...props }: { memberId: string } & ItemDialogProps) {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <FormModal<Values>
      {...props}
      title={t('members.trips.add')}
      okText={t('common.save')}
      okTestId="trip-save"
      fields={['destination', 'purpose', 'leftOn', 'returnedOn', 'approvedBy']}
      submit={(v) =>
        memberItemApi.addTrip(memberId, {
          destination: v.destination.trim(),
          purpose: v.purpose.trim(),
          leftOn: v.leftOn,
          returnedOn: v.returnedOn ?? null,
          approvedBy: blankToNull(v.approvedBy),
        })
      }
    >
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
      <Form.Item name="purpose" label={t('members.trips.purpose')} rules={[required, zodRule(shape.purpose)]}>
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
    </FormModal>
  );
}

function EndTripModal({ memberId, trip, ...props }: { memberId: string; trip: TripT } & ItemDialogProps) {
  const { t } = useTranslation();
  return (
    <FormModal<{ returnedOn: string }>
      {...props}
      title={t('members.trips.endTitle', { destination: trip.destination, leftOn: trip.leftOn })}
      okText={t('common.save')}
      okTestId="trip-end-save"
      fields={['returnedOn']}
      submit={(v) => memberItemApi.endTrip(memberId, trip.id, v.returnedOn)}
    >
      <Form.Item
        name="returnedOn"
        label={t('members.trips.returnedOn')}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
        {...dateProps}
      >
        <DatePicker style={{ width: '100%' }} data-testid="trip-end-returnedOn" />
      </Form.Item>
    </FormModal>
  );
}
