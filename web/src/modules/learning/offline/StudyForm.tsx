import { useMutation } from '@tanstack/react-query';
import { App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfflineStudy } from '../../../../../contracts/learning/offline.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { useGuardedClose } from '../../../app/discard.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { offlineApi, offlineKeys, usePeople } from './api.ts';

type Values = {
  orgId: string;
  topic: string;
  studiedOn: Dayjs;
  minutes: number;
  place?: string;
  summary?: string;
  memberIds: string[];
};
/** Half a day of study is 3 hours; a Party lecture one and a half. */
const QUICK = [45, 90, 120, 180, 240];
const FIELDS = ['orgId', 'topic', 'studiedOn', 'minutes', 'place', 'summary', 'memberIds'];

/**
 * 登记 / 修改线下学习: the org, topic, day, length, place, what was studied, and who attended —
 * picked from the org's members — saved as a draft or submitted to the org above at once.
 */
export function StudyForm({
  study,
  orgId,
  onClose,
  onSaved,
}: {
  study?: OfflineStudy;
  orgId?: string;
  onClose: () => void;
  onSaved: (s: OfflineStudy) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const close = useGuardedClose(form, onClose);
  const chosenOrg = Form.useWatch('orgId', form) ?? study?.orgId ?? orgId;
  const save = useMutation({
    mutationFn: ({ v, submit }: { v: Values; submit: boolean }) => {
      const body = {
        topic: v.topic,
        studiedOn: v.studiedOn.format('YYYY-MM-DD'),
        minutes: v.minutes,
        place: v.place ?? '',
        summary: v.summary ?? '',
        memberIds: v.memberIds,
        submit,
      };
      return study ? offlineApi.edit(study.id, body) : offlineApi.record({ ...body, orgId: v.orgId });
    },
    onSuccess: (s, { submit }) => {
      void queryClient.invalidateQueries({ queryKey: offlineKeys.all });
      message.success(submit ? t('offline.submitted') : t('offline.saved'));
      onSaved(s);
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
  const run = (submit: boolean) =>
    form.validateFields().then(
      (v) => save.mutate({ v, submit }),
      () => {},
    );
  const req = (field: string) => [{ required: true, message: `${t('common.required')}：${field}` }];
  return (
    <Drawer
      open
      size={640}
      title={study ? t('offline.editTitle') : t('offline.recordTitle')}
      onClose={close}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid="offline-form"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button loading={save.isPending} onClick={() => run(false)} data-testid="offline-save-draft">
            {t('offline.saveDraft')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => run(true)}
            data-testid="offline-save-submit"
          >
            {t('offline.saveSubmit')}
          </Button>
        </Flex>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          study
            ? {
                orgId: study.orgId,
                topic: study.topic,
                studiedOn: dayjs(study.studiedOn),
                minutes: study.minutes,
                place: study.place,
                summary: study.summary,
                memberIds: study.attendees.map((a) => a.memberId),
              }
            : { orgId, studiedOn: dayjs(), minutes: 90, memberIds: [] }
        }
      >
        <Form.Item name="orgId" label={t('offline.field.org')} rules={req(t('offline.field.org'))}>
          <OrgSelect
            disabled={!!study}
            onChange={() => form.setFieldValue('memberIds', [])}
            aria-label={t('offline.field.org')}
            data-testid="offline-form-org"
          />
        </Form.Item>
        <Form.Item name="topic" label={t('offline.field.topic')} rules={req(t('offline.field.topic'))}>
          <Input maxLength={200} data-testid="offline-form-topic" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="studiedOn"
            label={t('offline.field.studiedOn')}
            rules={req(t('offline.field.studiedOn'))}
            style={{ flex: '0 0 180px' }}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="offline-form-date"
            />
          </Form.Item>
          <Form.Item
            label={t('offline.field.minutes')}
            required
            style={{ flex: '1 1 300px' }}
            extra={
              <Space size={4} wrap style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">{t('offline.quickMinutes')}</Typography.Text>
                {QUICK.map((m) => (
                  <Button key={m} size="small" onClick={() => form.setFieldValue('minutes', m)}>
                    {m}
                  </Button>
                ))}
              </Space>
            }
          >
            <Form.Item name="minutes" noStyle rules={req(t('offline.field.minutes'))}>
              <InputNumber
                min={1}
                max={480}
                precision={0}
                style={{ width: 160 }}
                data-testid="offline-form-minutes"
              />
            </Form.Item>
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={t('offline.field.place')}>
          <Input maxLength={100} data-testid="offline-form-place" />
        </Form.Item>
        <Form.Item name="summary" label={t('offline.field.summary')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="offline-form-summary" />
        </Form.Item>
        <Form.Item
          name="memberIds"
          label={t('offline.field.attendees')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: `${t('common.requiredSelect')}：${t('offline.field.attendees')}`,
            },
          ]}
        >
          <PeoplePicker orgId={chosenOrg} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The org's members as check boxes, with a filter by name and all / none. */
export function PeoplePicker({
  orgId,
  value = [],
  onChange,
}: {
  orgId?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const people = usePeople(orgId);
  const [filter, setFilter] = useState('');
  const items = people.data?.items ?? [];
  const shown = useMemo(
    () => items.filter((p) => !filter || p.name.includes(filter.trim())),
    [items, filter],
  );
  if (!orgId) return <Typography.Text type="secondary">{t('offline.pickOrgFirst')}</Typography.Text>;
  if (people.error) return <Typography.Text type="danger">{errorMessage(people.error)}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="offline-people">
      <Flex gap={8} align="center" wrap>
        <Input.Search
          allowClear
          placeholder={t('offline.peopleFilter')}
          onChange={(e) => setFilter(e.target.value)}
          style={{ width: 200 }}
        />
        <Button
          size="small"
          onClick={() => onChange?.([...new Set([...value, ...shown.map((p) => p.memberId)])])}
        >
          {t('offline.pickAll')}
        </Button>
        <Button size="small" onClick={() => onChange?.([])}>
          {t('offline.pickNone')}
        </Button>
        <Typography.Text type="secondary">
          {t('offline.picked', { picked: value.length, total: items.length })}
        </Typography.Text>
      </Flex>
      {people.data?.truncated && (
        <Typography.Text type="warning">{t('offline.truncated', { count: items.length })}</Typography.Text>
      )}
      {/* one box each (not a group): names hidden by the filter stay chosen */}
      <Flex wrap gap={4} style={{ maxHeight: 280, overflowY: 'auto' }}>
        {shown.map((p) => (
          <Checkbox
            key={p.memberId}
            checked={value.includes(p.memberId)}
            onChange={(e) =>
              onChange?.(e.target.checked ? [...value, p.memberId] : value.filter((id) => id !== p.memberId))
            }
            style={{ width: 150 }}
            title={p.orgName}
          >
            {p.name}
          </Checkbox>
        ))}
      </Flex>
    </Flex>
  );
}
