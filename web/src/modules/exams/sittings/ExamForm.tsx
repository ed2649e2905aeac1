import { useMutation } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveExam } from '../../../../../contracts/exams/sittings.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { examApi, examKeys, useExamClasses, useExamPapers, useExamPeople } from './admin-api.ts';
import './admin-i18n.ts';

type Values = {
  orgId: string;
  paperId: string;
  title: string;
  description?: string;
  opensAt: Dayjs;
  closesAt: Dayjs;
  durationMinutes: number;
  attemptsAllowed: number;
  passScore: number;
  audienceKind: SaveExam['audienceKind'];
  audienceOrgId?: string;
  audienceClassId?: string;
  memberIds: string[];
};
const FIELDS = [
  'orgId',
  'paperId',
  'title',
  'description',
  'opensAt',
  'closesAt',
  'durationMinutes',
  'attemptsAllowed',
  'passScore',
  'audienceKind',
  'audienceOrgId',
  'audienceClassId',
  'memberIds',
];
const TIME = 'YYYY-MM-DD HH:mm';

/**
 * 新建考试: the org that holds it, the paper (its questions and total shown), the window and time
 * limit, attempts, the pass mark (≤ the paper's total), and who sits: an org's subtree, an online
 * class, or members picked from an org. Saving publishes it and notifies the candidates.
 */
export function ExamForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const paperId = Form.useWatch('paperId', form);
  const kind = Form.useWatch('audienceKind', form) ?? 'org';
  const [pickFrom, setPickFrom] = useState<string | undefined>();
  const papers = useExamPapers(orgId);
  const classes = useExamClasses(kind === 'class' ? orgId : undefined);
  const people = useExamPeople(kind === 'members' ? (pickFrom ?? orgId) : undefined);
  const paper = papers.data?.items.find((p) => p.id === paperId);
  const paperOptions = useMemo(
    () =>
      (papers.data?.items ?? [])
        .filter((p) => p.status === 'active')
        .map((p) => ({
          value: p.id,
          label: `${p.title}（${t('examAdmin.paperFacts', { count: p.questionCount, total: p.totalPoints })}）`,
          title: p.title,
        })),
    [papers.data, t],
  );

  const save = useMutation({
    mutationFn: (v: Values) =>
      examApi.create({
        orgId: v.orgId,
        paperId: v.paperId,
        title: v.title,
        description: v.description ?? '',
        opensAt: v.opensAt.toISOString(),
        closesAt: v.closesAt.toISOString(),
        durationMinutes: v.durationMinutes,
        attemptsAllowed: v.attemptsAllowed,
        passScore: v.passScore,
        audienceKind: v.audienceKind,
        ...(v.audienceKind === 'org' ? { audienceOrgId: v.audienceOrgId } : {}),
        ...(v.audienceKind === 'class' ? { audienceClassId: v.audienceClassId } : {}),
        ...(v.audienceKind === 'members' ? { memberIds: v.memberIds } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: examKeys.all });
      message.success(t('examAdmin.created'));
      onClose();
    },
    onError: (err) => {
      const mine = err instanceof ApiError ? err.fieldErrors.filter((f) => FIELDS.includes(f.path)) : [];
      if (mine.length)
        form.setFields(mine.map((f) => ({ name: f.path as keyof Values, errors: [f.message] })));
      else message.error({ content: errorMessage(err), duration: 6 });
    },
  });
  const req = (field: string) => [{ required: true, message: `${t('common.required')}：${field}` }];
  return (
    <FormDrawer
      title={t('examAdmin.createTitle')}
      size={600}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="exam-form"
      saveTestId="exam-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          audienceKind: 'org',
          memberIds: [],
          durationMinutes: 60,
          attemptsAllowed: 1,
          opensAt: dayjs().add(1, 'hour').startOf('hour'),
          closesAt: dayjs().add(7, 'day').startOf('hour'),
        }}
      >
        <Form.Item name="orgId" label={t('examAdmin.field.org')} rules={req(t('examAdmin.field.org'))}>
          <OrgSelect aria-label={t('examAdmin.field.org')} data-testid="exam-form-org" />
        </Form.Item>
        <Form.Item
          name="paperId"
          label={t('examAdmin.field.paper')}
          rules={req(t('examAdmin.field.paper'))}
          extra={paper && t('examAdmin.paperFacts', { count: paper.questionCount, total: paper.totalPoints })}
        >
          <Select
            showSearch
            optionFilterProp="title"
            options={paperOptions}
            loading={papers.isFetching}
            disabled={!orgId}
            data-testid="exam-form-paper"
          />
        </Form.Item>
        <Form.Item name="title" label={t('examAdmin.field.title')} rules={req(t('examAdmin.field.title'))}>
          <Input maxLength={100} data-testid="exam-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('examAdmin.field.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item
          name="opensAt"
          label={t('examAdmin.field.opensAt')}
          rules={req(t('examAdmin.field.opensAt'))}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={TIME}
            style={{ width: '100%' }}
            data-testid="exam-form-opens"
          />
        </Form.Item>
        <Form.Item
          name="closesAt"
          label={t('examAdmin.field.closesAt')}
          rules={req(t('examAdmin.field.closesAt'))}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={TIME}
            style={{ width: '100%' }}
            data-testid="exam-form-closes"
          />
        </Form.Item>
        <Form.Item
          name="durationMinutes"
          label={t('examAdmin.field.duration')}
          rules={req(t('examAdmin.field.duration'))}
        >
          <InputNumber
            min={1}
            max={600}
            precision={0}
            style={{ width: 160 }}
            data-testid="exam-form-duration"
          />
        </Form.Item>
        <Form.Item name="attemptsAllowed" label={t('examAdmin.field.attempts')}>
          <InputNumber
            min={1}
            max={10}
            precision={0}
            style={{ width: 160 }}
            data-testid="exam-form-attempts"
          />
        </Form.Item>
        <Form.Item
          name="passScore"
          label={t('examAdmin.field.passScore')}
          rules={req(t('examAdmin.field.passScore'))}
          extra={
            paper ? t('examAdmin.passHint', { total: paper.totalPoints }) : t('examAdmin.pickPaperFirst')
          }
        >
          <InputNumber min={0} max={paper?.totalPoints} style={{ width: 160 }} data-testid="exam-form-pass" />
        </Form.Item>
        <Form.Item name="audienceKind" label={t('examAdmin.field.audience')}>
          <Radio.Group data-testid="exam-form-audience">
            <Radio value="org">{t('examAdmin.audience.org')}</Radio>
            <Radio value="class" data-testid="exam-form-audience-class">
              {t('examAdmin.audience.class')}
            </Radio>
            <Radio value="members" data-testid="exam-form-audience-members">
              {t('examAdmin.audience.members')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'org' && (
          <Form.Item
            name="audienceOrgId"
            label={t('examAdmin.field.audienceOrg')}
            rules={req(t('examAdmin.field.audienceOrg'))}
          >
            <OrgSelect aria-label={t('examAdmin.field.audienceOrg')} data-testid="exam-form-audience-org" />
          </Form.Item>
        )}
        {kind === 'class' && (
          <Form.Item
            name="audienceClassId"
            label={t('examAdmin.field.audienceClass')}
            rules={req(t('examAdmin.field.audienceClass'))}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={classes.isFetching}
              options={(classes.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name}（${c.memberCount}）`,
              }))}
              data-testid="exam-form-class"
            />
          </Form.Item>
        )}
        {kind === 'members' && (
          <>
            <Form.Item label={t('examAdmin.field.pickFrom')}>
              <OrgSelect
                value={pickFrom ?? orgId}
                onChange={(id) => setPickFrom(id)}
                aria-label={t('examAdmin.field.pickFrom')}
                data-testid="exam-form-pick-from"
              />
            </Form.Item>
            <Form.Item
              name="memberIds"
              label={t('examAdmin.field.members')}
              rules={req(t('examAdmin.field.members'))}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                loading={people.isFetching}
                options={(people.data?.items ?? []).map((p) => ({
                  value: p.memberId,
                  label: `${p.name}（${p.orgName}）`,
                }))}
                data-testid="exam-form-members"
              />
            </Form.Item>
          </>
        )}
        {!orgId && <Typography.Text type="secondary">{t('examAdmin.field.org')}</Typography.Text>}
      </Form>
    </FormDrawer>
  );
}
