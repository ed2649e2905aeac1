import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Teacher, TrainingBase } from '../../../../../contracts/learning/pool.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { poolApi, poolKeys, useLecturePeople } from './api.ts';

/** Shows the server's field errors on the form's fields, the rest as a message. */
function useSave<V>(
  form: ReturnType<typeof Form.useForm<V>>[0],
  fields: string[],
  run: (v: V) => Promise<unknown>,
  done: string,
  onClose: () => void,
) {
  const { message } = App.useApp();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: poolKeys.all });
      message.success(done);
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fieldErrors.some((f) => fields.includes(f.path)))
        form.setFields(
          err.fieldErrors
            .filter((f) => fields.includes(f.path))
            .map((f) => ({ name: f.path as never, errors: [f.message] })),
        );
      else message.error({ content: errorMessage(err), duration: 6 });
    },
  });
}

type TeacherValues = {
  orgId: string;
  shared: boolean;
  name: string;
  unit?: string;
  title?: string;
  topics: string[];
  intro?: string;
  phone?: string;
};
const TEACHER_FIELDS = ['orgId', 'name', 'unit', 'title', 'topics', 'intro', 'phone'];

/** 新增 / 修改师资. The phone is typed anew to change it (the list shows it masked). */
export function TeacherForm({ teacher, onClose }: { teacher?: Teacher; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TeacherValues>();
  const save = useSave(
    form,
    TEACHER_FIELDS,
    (v: TeacherValues) => {
      const body = {
        orgId: v.orgId,
        shared: v.shared,
        name: v.name,
        unit: v.unit ?? '',
        title: v.title ?? '',
        topics: v.topics ?? [],
        intro: v.intro ?? '',
        // an empty box keeps the phone on file (it is shown masked); a new one replaces it
        phone: v.phone?.trim() || (teacher ? undefined : null),
      };
      return teacher ? poolApi.editTeacher(teacher.id, body) : poolApi.createTeacher(body);
    },
    t('pool.saved'),
    onClose,
  );
  const f = (k: string) => t(`pool.field.${k}`);
  return (
    <FormDrawer
      title={teacher ? t('pool.editTeacher') : t('pool.addTeacher')}
      size={520}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="teacher-form"
      saveTestId="teacher-save"
    >
      <Form<TeacherValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={teacher ? { ...teacher, phone: undefined } : { shared: false, topics: [] }}
      >
        <Form.Item name="orgId" label={f('org')} rules={[{ required: true, message: f('org') }]}>
          <OrgSelect aria-label={f('org')} data-testid="teacher-form-org" />
        </Form.Item>
        <Form.Item name="name" label={f('name')} rules={[{ required: true, message: f('name') }]}>
          <Input maxLength={30} data-testid="teacher-form-name" />
        </Form.Item>
        <Form.Item name="unit" label={f('unit')}>
          <Input maxLength={60} data-testid="teacher-form-unit" />
        </Form.Item>
        <Form.Item name="title" label={f('title')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="topics" label={f('topics')}>
          <Select mode="tags" maxCount={10} data-testid="teacher-form-topics" />
        </Form.Item>
        <Form.Item name="phone" label={f('phone')} extra={teacher?.phone ?? undefined}>
          <Input inputMode="tel" maxLength={11} data-testid="teacher-form-phone" />
        </Form.Item>
        <Form.Item name="intro" label={f('intro')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="shared" label={f('shared')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

type LectureValues = { orgId: string; lecturedOn: Dayjs; topic: string; memberIds: string[] };
const LECTURE_FIELDS = ['orgId', 'lecturedOn', 'topic', 'memberIds'];

/** 登记授课: the org that held it, the day, the topic, who attended (the org's members). */
export function LectureForm({ teacher, onClose }: { teacher: Teacher; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LectureValues>();
  const orgId = Form.useWatch('orgId', form);
  const people = useLecturePeople(orgId);
  const save = useSave(
    form,
    LECTURE_FIELDS,
    (v: LectureValues) =>
      poolApi.recordLecture({
        teacherId: teacher.id,
        orgId: v.orgId,
        lecturedOn: v.lecturedOn.format('YYYY-MM-DD'),
        topic: v.topic,
        memberIds: v.memberIds ?? [],
      }),
    t('pool.recorded'),
    onClose,
  );
  const f = (k: string) => t(`pool.field.${k}`);
  return (
    <FormDrawer
      title={`${t('pool.recordLecture')}：${teacher.name}`}
      size={560}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="lecture-form"
      saveTestId="lecture-save"
    >
      <Form<LectureValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ lecturedOn: dayjs(), memberIds: [] }}
      >
        <Form.Item
          name="orgId"
          label={f('lectureOrg')}
          rules={[{ required: true, message: f('lectureOrg') }]}
        >
          <OrgSelect aria-label={f('lectureOrg')} data-testid="lecture-form-org" />
        </Form.Item>
        <Form.Item name="lecturedOn" label={f('lecturedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="lecture-form-date" />
        </Form.Item>
        <Form.Item name="topic" label={f('topic')} rules={[{ required: true, message: f('topic') }]}>
          <Input maxLength={100} data-testid="lecture-form-topic" />
        </Form.Item>
        <Form.Item name="memberIds" label={f('attendees')}>
          <Select
            mode="multiple"
            loading={people.isFetching}
            optionFilterProp="label"
            options={(people.data?.items ?? []).map((p) => ({
              value: p.memberId,
              label: `${p.name}（${p.orgName}）`,
            }))}
            data-testid="lecture-form-members"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

type BaseValues = {
  orgId: string;
  shared: boolean;
  name: string;
  address?: string;
  capacity?: number;
  themes: string[];
  contactName?: string;
  contactPhone?: string;
  intro?: string;
};
const BASE_FIELDS = [
  'orgId',
  'name',
  'address',
  'capacity',
  'themes',
  'contactName',
  'contactPhone',
  'intro',
];

export function BaseForm({ base, onClose }: { base?: TrainingBase; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BaseValues>();
  const save = useSave(
    form,
    BASE_FIELDS,
    (v: BaseValues) => {
      const body = {
        orgId: v.orgId,
        shared: v.shared,
        name: v.name,
        address: v.address ?? '',
        capacity: v.capacity ?? 0,
        themes: v.themes ?? [],
        contactName: v.contactName ?? '',
        contactPhone: v.contactPhone?.trim() || (base ? undefined : null),
        intro: v.intro ?? '',
      };
      return base ? poolApi.editBase(base.id, body) : poolApi.createBase(body);
    },
    t('pool.saved'),
    onClose,
  );
  const f = (k: string) => t(`pool.field.${k}`);
  return (
    <FormDrawer
      title={base ? t('pool.editBase') : t('pool.addBase')}
      size={520}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="base-form"
      saveTestId="base-save"
    >
      <Form<BaseValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          base ? { ...base, contactPhone: undefined } : { shared: false, themes: [], capacity: 50 }
        }
      >
        <Form.Item name="orgId" label={f('org')} rules={[{ required: true, message: f('org') }]}>
          <OrgSelect aria-label={f('org')} data-testid="base-form-org" />
        </Form.Item>
        <Form.Item name="name" label={f('baseName')} rules={[{ required: true, message: f('baseName') }]}>
          <Input maxLength={60} data-testid="base-form-name" />
        </Form.Item>
        <Form.Item name="address" label={f('address')}>
          <Input maxLength={200} data-testid="base-form-address" />
        </Form.Item>
        <Form.Item name="capacity" label={f('capacity')}>
          <InputNumber min={0} max={100000} data-testid="base-form-capacity" />
        </Form.Item>
        <Form.Item name="themes" label={f('themes')}>
          <Select mode="tags" maxCount={10} data-testid="base-form-themes" />
        </Form.Item>
        <Form.Item name="contactName" label={f('contactName')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="contactPhone" label={f('contactPhone')} extra={base?.contactPhone ?? undefined}>
          <Input inputMode="tel" maxLength={11} data-testid="base-form-phone" />
        </Form.Item>
        <Form.Item name="intro" label={f('intro')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="shared" label={f('shared')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
