import { useMutation } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortKind, OnlineClass } from '../../../../../contracts/learning/classes.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { classApi, classKeys, useClassCourses, useClassMembers, useClassPeople } from './api.ts';

type Values = {
  orgId: string;
  name: string;
  description?: string;
  cohortKind: CohortKind;
  cohortOrgId?: string;
  memberIds: string[];
  courseIds: string[];
  dates: [Dayjs, Dayjs];
};
const FIELDS = ['orgId', 'name', 'description', 'cohortKind', 'cohortOrgId', 'memberIds', 'courseIds'];

/**
 * 开设 / 修改网上班级: the org that runs it, the cohort (an org's subtree, or members picked from an
 * org), the plan (courses searched in the library, in order), the start and the deadline.
 */
export function ClassForm({ klass, onClose }: { klass?: OnlineClass; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('cohortKind', form) ?? klass?.cohortKind ?? 'org';
  const [pickFrom, setPickFrom] = useState<string | undefined>(klass?.orgId);
  const [q, setQ] = useState('');
  const people = useClassPeople(kind === 'members' ? pickFrom : undefined);
  const picked = useClassMembers(klass?.cohortKind === 'members' ? klass.id : undefined);
  const orgId = Form.useWatch('orgId', form) ?? klass?.orgId;
  const cohortOrgId = Form.useWatch('cohortOrgId', form) ?? klass?.cohortOrgId ?? undefined;
  // the plan's courses must be open to the whole cohort: searched among those of its org
  const found = useClassCourses(kind === 'org' ? (cohortOrgId ?? orgId) : orgId, q);
  const [known, setKnown] = useState<Record<string, string>>(() =>
    Object.fromEntries((klass?.courses ?? []).map((c) => [c.id, c.title])),
  );
  const courseOptions = useMemo(() => {
    const all = { ...known, ...Object.fromEntries((found.data?.items ?? []).map((c) => [c.id, c.title])) };
    return Object.entries(all).map(([value, label]) => ({ value, label }));
  }, [known, found.data]);
  const memberOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of picked.data?.items ?? []) m.set(p.memberId, p.name);
    for (const p of people.data?.items ?? []) m.set(p.memberId, `${p.name}（${p.orgName}）`);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [picked.data, people.data]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        orgId: v.orgId,
        name: v.name,
        description: v.description ?? '',
        cohortKind: v.cohortKind,
        cohortOrgId: v.cohortKind === 'org' ? (v.cohortOrgId ?? null) : null,
        memberIds: v.cohortKind === 'members' ? v.memberIds : [],
        courseIds: v.courseIds,
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        deadline: v.dates[1].format('YYYY-MM-DD'),
      };
      return klass ? classApi.edit(klass.id, body) : classApi.create(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: classKeys.all });
      message.success(t('classes.saved'));
      onClose();
    },
    onError: (err) => {
      const named = (p: string) => (p === 'startsOn' || p === 'deadline' ? 'dates' : p);
      if (
        err instanceof ApiError &&
        err.fieldErrors.some((f) => [...FIELDS, 'startsOn', 'deadline'].includes(f.path))
      )
        form.setFields(
          err.fieldErrors
            .filter((f) => [...FIELDS, 'startsOn', 'deadline'].includes(f.path))
            .map((f) => ({ name: named(f.path) as keyof Values, errors: [f.message] })),
        );
      else message.error({ content: errorMessage(err), duration: 6 });
    },
  });
  const req = (field: string) => [{ required: true, message: `${t('common.required')}：${field}` }];
  return (
    <FormDrawer
      title={klass ? t('classes.editTitle') : t('classes.createTitle')}
      size={560}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="class-form"
      saveTestId="class-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          klass
            ? {
                orgId: klass.orgId,
                name: klass.name,
                description: klass.description,
                cohortKind: klass.cohortKind,
                cohortOrgId: klass.cohortOrgId ?? undefined,
                memberIds: [],
                courseIds: klass.courses.map((c) => c.id),
                dates: [dayjs(klass.startsOn), dayjs(klass.deadline)],
              }
            : { cohortKind: 'org', memberIds: [], courseIds: [] }
        }
      >
        <Form.Item name="orgId" label={t('classes.field.org')} rules={req(t('classes.field.org'))}>
          <OrgSelect disabled={!!klass} aria-label={t('classes.field.org')} data-testid="class-form-org" />
        </Form.Item>
        <Form.Item name="name" label={t('classes.field.name')} rules={req(t('classes.field.name'))}>
          <Input maxLength={60} data-testid="class-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('classes.field.description')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="cohortKind" label={t('classes.field.cohortKind')}>
          <Radio.Group data-testid="class-form-kind">
            <Radio value="org">{t('classes.cohortKind.org')}</Radio>
            <Radio value="members" data-testid="class-form-kind-members">
              {t('classes.cohortKind.members')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'org' ? (
          <Form.Item
            name="cohortOrgId"
            label={t('classes.field.cohortOrg')}
            rules={req(t('classes.field.cohortOrg'))}
          >
            <OrgSelect aria-label={t('classes.field.cohortOrg')} data-testid="class-form-cohort-org" />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('classes.field.pickFrom')}>
              <OrgSelect
                value={pickFrom}
                onChange={(id) => setPickFrom(id)}
                aria-label={t('classes.field.pickFrom')}
                data-testid="class-form-pick-from"
              />
            </Form.Item>
            <Form.Item
              name="memberIds"
              label={t('classes.field.members')}
              rules={req(t('classes.field.members'))}
            >
              <Select
                mode="multiple"
                options={memberOptions}
                loading={people.isFetching || picked.isFetching}
                optionFilterProp="label"
                data-testid="class-form-members"
              />
            </Form.Item>
          </>
        )}
        <Typography.Paragraph type="secondary">{t('classes.coursesHint')}</Typography.Paragraph>
        <Form.Item
          name="courseIds"
          label={t('classes.field.courses')}
          rules={req(t('classes.field.courses'))}
        >
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={(v) => setQ(v.trim())}
            onChange={(ids: string[]) => {
              const names = Object.fromEntries(courseOptions.map((o) => [o.value, o.label]));
              setKnown((k) => ({
                ...k,
                ...Object.fromEntries(ids.map((id) => [id, names[id] ?? k[id] ?? id])),
              }));
            }}
            options={courseOptions}
            loading={found.isFetching}
            data-testid="class-form-courses"
          />
        </Form.Item>
        <Form.Item name="dates" label={t('classes.field.dates')} rules={req(t('classes.field.dates'))}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="class-form-dates" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
