import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../../../contracts/life/activities.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { activityApi, activityKeys } from './api.ts';

type Values = {
  orgId: string;
  kind: ActivityKind;
  topic: string;
  place: string;
  startsAt: string;
  hours: number;
};
const HOURS = [1, 1.5, 2, 3, 4];

/** "YYYY-MM-DDTHH:mm" of a datetime-local box (the browser's own zone, Beijing time here) → an instant. */
const instant = (local: string) => new Date(local).toISOString();

/**
 * 计划组织生活: the branch, the kind, topic, place, when and for how long. Every member of the
 * branch is on the list and gets a notice; the activity's page opens next.
 */
export function PlanDrawer({ orgId, onClose }: { orgId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const plan = useMutation({
    mutationFn: (v: Values) => {
      const start = instant(v.startsAt);
      return activityApi.plan({
        orgId: v.orgId,
        kind: v.kind,
        topic: v.topic,
        place: v.place,
        startsAt: start,
        endsAt: new Date(Date.parse(start) + v.hours * 3_600_000).toISOString(),
      });
    },
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: activityKeys.all });
      message.success(t('activities.planned', { count: a.attendees.length }));
      navigate(`/activities/${a.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const known = ['orgId', 'kind', 'topic', 'place', 'startsAt', 'endsAt'];
        form.setFields(
          err.fieldErrors
            .filter((f) => known.includes(f.path))
            .map((f) => ({
              name: (f.path === 'endsAt' ? 'hours' : f.path) as keyof Values,
              errors: [f.message],
            })),
        );
        if (!err.fieldErrors.some((f) => known.includes(f.path))) message.error(errorMessage(err));
      } else message.error(errorMessage(err));
    },
  });
  const req = (field: string) => [{ required: true, message: t('activities.required', { field }) }];
  return (
    <FormDrawer
      title={t('activities.planTitle')}
      size={520}
      saving={plan.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="activity-plan"
      saveTestId="activity-plan-save"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId, kind: 'committee_meeting', hours: 1.5 }}
        onFinish={(v) => plan.mutate(v)}
      >
        <Form.Item name="orgId" label={t('activities.field.org')} rules={req(t('activities.field.org'))}>
          <OrgSelect kind="branch" data-testid="activity-plan-org" aria-label={t('activities.field.org')} />
        </Form.Item>
        <Form.Item name="kind" label={t('activities.field.kind')} rules={req(t('activities.field.kind'))}>
          <Select
            data-testid="activity-plan-kind"
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="topic" label={t('activities.field.topic')} rules={req(t('activities.field.topic'))}>
          <Input maxLength={200} data-testid="activity-plan-topic" />
        </Form.Item>
        <Form.Item name="place" label={t('activities.field.place')} rules={req(t('activities.field.place'))}>
          <Input maxLength={100} data-testid="activity-plan-place" />
        </Form.Item>
        <Form.Item
          name="startsAt"
          label={t('activities.field.startsAt')}
          rules={req(t('activities.field.startsAt'))}
        >
          <Input type="datetime-local" data-testid="activity-plan-starts" />
        </Form.Item>
        <Form.Item name="hours" label={t('activities.field.duration')}>
          <Select
            data-testid="activity-plan-hours"
            options={HOURS.map((h) => ({ value: h, label: t('activities.hours', { count: h }) }))}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
