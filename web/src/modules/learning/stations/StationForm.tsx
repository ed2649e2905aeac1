import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../../../../contracts/learning/stations.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { stationApi, stationKeys, useStaffCandidates } from './api.ts';

type Values = {
  orgId: string;
  name: string;
  address?: string;
  managerIds: string[];
  operatorIds: string[];
  active: boolean;
};
const FIELDS = ['orgId', 'name', 'address', 'managerIds', 'operatorIds'];

/** 新建 / 修改站点: the village org it serves, name, address, managers and operators, in use or not. */
export function StationForm({ station, onClose }: { station?: Station; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form) ?? station?.orgId;
  const candidates = useStaffCandidates(orgId);
  const options = (candidates.data?.items ?? []).map((c) => ({
    value: c.userId,
    label: `${c.name}（${c.username}）`,
  }));
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, address: v.address ?? '' };
      return station ? stationApi.edit(station.id, body) : stationApi.create(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: stationKeys.all });
      message.success(t('stations.saved'));
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fieldErrors.some((f) => FIELDS.includes(f.path)))
        form.setFields(
          err.fieldErrors
            .filter((f) => FIELDS.includes(f.path))
            .map((f) => ({ name: f.path as keyof Values, errors: [f.message] })),
        );
      else message.error({ content: errorMessage(err), duration: 6 });
    },
  });
  const req = (field: string) => [{ required: true, message: `${t('common.required')}：${field}` }];
  return (
    <FormDrawer
      title={station ? t('stations.editTitle') : t('stations.createTitle')}
      size={520}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="station-form"
      saveTestId="station-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          station
            ? {
                orgId: station.orgId,
                name: station.name,
                address: station.address,
                managerIds: station.managers.map((m) => m.userId),
                operatorIds: station.operators.map((m) => m.userId),
                active: station.active,
              }
            : { managerIds: [], operatorIds: [], active: true }
        }
      >
        <Form.Item name="orgId" label={t('stations.field.org')} rules={req(t('stations.field.org'))}>
          <OrgSelect
            disabled={!!station}
            aria-label={t('stations.field.org')}
            data-testid="station-form-org"
          />
        </Form.Item>
        <Form.Item name="name" label={t('stations.field.name')} rules={req(t('stations.field.name'))}>
          <Input maxLength={60} data-testid="station-form-name" />
        </Form.Item>
        <Form.Item name="address" label={t('stations.field.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('stations.staffHint')}</Typography.Paragraph>
        <Form.Item name="managerIds" label={t('stations.field.managers')}>
          <Select
            mode="multiple"
            options={options}
            loading={candidates.isFetching}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="operatorIds" label={t('stations.field.operators')}>
          <Select
            mode="multiple"
            options={options}
            loading={candidates.isFetching}
            optionFilterProp="label"
            data-testid="station-form-operators"
          />
        </Form.Item>
        <Form.Item name="active" label={t('stations.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
