import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, InputNumber, Progress, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COURSE_KINDS,
  type Course,
  type CourseCategory,
  type CourseKind,
} from '../../../../../contracts/learning/library.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { RichEditor } from '../../openness/page/RichEditor.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { courseApi, courseKeys, sizeText, useCategories } from './api.ts';

type Values = {
  orgId: string;
  scopeOrgId?: string;
  kind: CourseKind;
  title: string;
  summary?: string;
  categoryId?: string;
  tags?: string[];
  minutes?: number | null;
};

const ACCEPT: Record<CourseKind, string> = {
  video: 'video/mp4,.mp4',
  audio: 'audio/mpeg,audio/mp4,.mp3,.m4a',
  document: 'application/pdf,.pdf',
  article: '',
};

/** The categories as a two-level list: a heading, then its topics indented. */
export function categoryOptions(items: CourseCategory[]) {
  const tops = items.filter((c) => !c.parentId);
  return tops.flatMap((top) => [
    { value: top.id, label: top.name },
    ...items.filter((c) => c.parentId === top.id).map((c) => ({ value: c.id, label: `　${c.name}` })),
  ]);
}

/**
 * 上传课件 / 修改课件: what it is, who may study it, its text or its file. Saving creates (or
 * updates) the course, then sends the file with a progress bar; "save and publish" publishes it
 * once the file is in. The server judges the file by its bytes and reads a video's length from it.
 */
export function CourseDrawer({
  course,
  orgId,
  onClose,
}: {
  course: Course | null;
  orgId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const kind: CourseKind = Form.useWatch('kind', form) ?? course?.kind ?? 'video';
  const [body, setBody] = useState(course?.body ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const publishAfter = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const editable = !course || course.can.edit;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const durationSeconds = v.minutes ? Math.round(v.minutes * 60) : undefined;
      let c: Course;
      if (course) {
        c = await courseApi.edit(course.id, {
          title: v.title,
          summary: v.summary ?? '',
          scopeOrgId: v.scopeOrgId,
          categoryId: v.categoryId ?? null,
          tags: v.tags ?? [],
          ...(kind === 'article' ? { body } : {}),
          ...(durationSeconds && !course.durationSeconds ? { durationSeconds } : {}),
        });
      } else {
        c = await courseApi.create({
          orgId: v.orgId,
          scopeOrgId: v.scopeOrgId ?? null,
          kind: v.kind,
          title: v.title,
          summary: v.summary ?? '',
          categoryId: v.categoryId ?? null,
          tags: v.tags ?? [],
          body: kind === 'article' ? body : null,
          durationSeconds: durationSeconds ?? null,
        });
      }
      if (file && c.can.upload) {
        setProgress(0);
        c = await courseApi.upload(c.id, file, (f) => setProgress(Math.round(f * 100)));
        setProgress(100);
      }
      if (publishAfter.current && c.can.publish) c = await courseApi.publish(c.id);
      void qc.invalidateQueries({ queryKey: courseKeys.all });
      message.success(
        c.status === 'published' && publishAfter.current ? t('courses.published') : t('courses.saved'),
      );
      onClose();
    } catch (err) {
      setProgress(null);
      if (err instanceof ApiError && err.fieldErrors.length) {
        const known = [
          'orgId',
          'scopeOrgId',
          'kind',
          'title',
          'summary',
          'categoryId',
          'tags',
          'durationSeconds',
        ];
        form.setFields(
          err.fieldErrors
            .filter((f) => known.includes(f.path.split('.')[0]))
            .map((f) => ({
              name: (f.path === 'durationSeconds' ? 'minutes' : f.path.split('.')[0]) as keyof Values,
              errors: [f.message],
            })),
        );
      }
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
      publishAfter.current = false;
    }
  };

  const req = (field: string) => [{ required: true, message: t('courses.required', { field }) }];
  return (
    <FormDrawer
      title={course ? t('courses.editTitle') : t('courses.newTitle')}
      size={640}
      saving={saving}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="course-drawer"
      saveTestId="course-save"
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!editable || saving}
        initialValues={
          course
            ? {
                orgId: course.orgId,
                scopeOrgId: course.scopeOrgId,
                kind: course.kind,
                title: course.title,
                summary: course.summary,
                categoryId: course.categoryId ?? undefined,
                tags: course.tags,
                minutes: course.durationSeconds ? Math.round(course.durationSeconds / 6) / 10 : null,
              }
            : { orgId, kind: 'video', tags: [] }
        }
        onFinish={(v) => void save(v)}
      >
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('courses.field.kind')} style={{ flex: '0 0 140px' }}>
            <Select
              disabled={!!course}
              data-testid="course-kind"
              options={COURSE_KINDS.map((k) => ({ value: k, label: t(`courses.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('courses.field.title')}
            rules={req(t('courses.field.title'))}
            style={{ flex: '1 1 300px' }}
          >
            <Input maxLength={100} data-testid="course-title" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="orgId"
            label={t('courses.field.org')}
            rules={req(t('courses.field.org'))}
            style={{ flex: '1 1 240px' }}
          >
            <OrgSelect disabled={!!course} data-testid="course-org" aria-label={t('courses.field.org')} />
          </Form.Item>
          <Form.Item
            name="scopeOrgId"
            label={t('courses.field.scope')}
            tooltip={t('courses.field.scopeHint')}
            style={{ flex: '1 1 240px' }}
          >
            <OrgSelect allowClear data-testid="course-scope" aria-label={t('courses.field.scope')} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="categoryId" label={t('courses.field.category')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              data-testid="course-category"
              options={categoryOptions(categories.data?.items ?? [])}
            />
          </Form.Item>
          <Form.Item
            name="tags"
            label={t('courses.field.tags')}
            tooltip={t('courses.field.tagsHint')}
            style={{ flex: '1 1 260px' }}
          >
            <Select mode="tags" maxCount={10} tokenSeparators={[',', '，', ' ']} data-testid="course-tags" />
          </Form.Item>
        </Flex>
        <Form.Item name="summary" label={t('courses.field.summary')}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="course-summary" />
        </Form.Item>
        {kind === 'article' ? (
          <Form.Item label={t('courses.field.body')} required>
            <RichEditor
              value={body}
              onChange={setBody}
              orgId={form.getFieldValue('orgId') ?? orgId ?? ''}
              label={t('courses.field.body')}
              testId="course-body"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('courses.field.file')} extra={t(`courses.fileHint.${kind}`)}>
              {course?.file && (
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  {t('courses.current', { name: course.file.name, size: sizeText(course.file.size) })}
                </Typography.Paragraph>
              )}
              {(!course || course.can.upload) && (
                <Flex gap={8} align="center" wrap>
                  <input
                    ref={fileInput}
                    type="file"
                    accept={ACCEPT[kind]}
                    style={{ display: 'none' }}
                    onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                    data-testid="course-file"
                  />
                  <Button onClick={() => fileInput.current?.click()}>{t('courses.chooseFile')}</Button>
                  {file && <span>{t('courses.chosen', { name: file.name, size: sizeText(file.size) })}</span>}
                </Flex>
              )}
              {progress !== null && (
                <Progress
                  percent={progress}
                  status={progress < 100 ? 'active' : 'success'}
                  data-testid="course-progress"
                  format={(p) => (p === 100 ? t('courses.uploaded') : t('courses.uploading', { percent: p }))}
                />
              )}
            </Form.Item>
            {kind !== 'document' && (
              <Form.Item
                name="minutes"
                label={t('courses.field.duration')}
                extra={t('courses.field.durationHint')}
              >
                <InputNumber
                  min={0.1}
                  max={360}
                  step={1}
                  disabled={!!course?.file && !!course.durationSeconds}
                  data-testid="course-minutes"
                />
              </Form.Item>
            )}
          </>
        )}
        {(!course || course.can.publish) && (
          <Button
            type="default"
            onClick={() => {
              publishAfter.current = true;
              form.submit();
            }}
            loading={saving}
            data-testid="course-save-publish"
          >
            {t('courses.saveAndPublish')}
          </Button>
        )}
      </Form>
    </FormDrawer>
  );
}
