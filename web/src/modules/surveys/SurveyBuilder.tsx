import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { SURVEY_AUDIENCE_LABELS, SURVEY_QUESTION_KIND_LABELS } from '../../../../contracts/labels.ts';
import {
  type AnswerSet,
  QUESTION_KINDS,
  type QuestionKind,
  type SurveyQuestion,
  type SurveySection,
} from '../../../../contracts/surveys/definition.ts';
import { AUDIENCE_KINDS, type SaveSurveyInput, type Survey } from '../../../../contracts/surveys/surveys.ts';
import { errorMessage } from '../../app/api.ts';
import { useCurrentUser } from '../../app/auth.tsx';
import { currentLang } from '../../app/i18n.ts';
import { queryClient } from '../../app/queryClient.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { AnswerForm } from './AnswerForm.tsx';
import { surveyApi, surveyKeys, useSurvey, useSurveyClasses, useSurveyPeople } from './api.ts';
import { StatusTag } from './SurveysPage.tsx';
import './i18n.ts';

type Draft = Omit<SaveSurveyInput, 'definition'> & { definition: { sections: SurveySection[] } };

const blankQuestion = (id: string, kind: QuestionKind = 'single'): SurveyQuestion => ({
  id,
  kind,
  title: '',
  required: true,
  options: kind === 'single' || kind === 'multiple' || kind === 'ranking' ? ['', ''] : [],
  minPicks: null,
  maxPicks: null,
  scaleMin: 1,
  scaleMax: 5,
  minLabel: '',
  maxLabel: '',
  rows: kind === 'matrix' ? [''] : [],
  min: null,
  max: null,
  showIf: null,
});

const nextId = (sections: SurveySection[]) => {
  const used = sections.flatMap((s) => s.questions.map((q) => Number(q.id.replace(/^q/, '')) || 0));
  return `q${Math.max(0, ...used) + 1}`;
};
const lines = (v: string) => v.split('\n').map((x) => x.trim());
const CHOICE_SOURCES: QuestionKind[] = ['single', 'multiple', 'rating'];

/** One question's editor: kind, text, required, options or rows or scale or bounds, and its show-if rule. */
function QuestionEditor({
  q,
  n,
  earlier,
  onChange,
  onRemove,
  onMove,
  frozen,
}: {
  q: SurveyQuestion;
  n: number;
  earlier: SurveyQuestion[];
  onChange: (q: SurveyQuestion) => void;
  onRemove: () => void;
  onMove: (d: -1 | 1) => void;
  frozen: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang() === 'en' ? 'en' : 'zh';
  const src = earlier.find((e) => e.id === q.showIf?.questionId);
  const srcValues = src
    ? src.kind === 'rating'
      ? Array.from({ length: src.scaleMax - src.scaleMin + 1 }, (_, i) => ({
          value: src.scaleMin + i,
          label: `${src.scaleMin + i}`,
        }))
      : src.options.map((o, i) => ({ value: i, label: o || `#${i + 1}` }))
    : [];
  const tid = `builder-${q.id}`;
  return (
    <Card
      size="small"
      title={`${n}. ${SURVEY_QUESTION_KIND_LABELS[q.kind][lang]}`}
      data-testid={tid}
      extra={
        !frozen && (
          <Space>
            <Button size="small" onClick={() => onMove(-1)}>
              {t('surveyAdmin.builder.up')}
            </Button>
            <Button size="small" onClick={() => onMove(1)}>
              {t('surveyAdmin.builder.down')}
            </Button>
            <Button size="small" danger onClick={onRemove}>
              {t('surveyAdmin.builder.remove')}
            </Button>
          </Space>
        )
      }
    >
      <fieldset disabled={frozen} style={{ border: 0, padding: 0, margin: 0 }}>
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <Select
            style={{ width: 140 }}
            value={q.kind}
            aria-label={t('surveyAdmin.builder.kind')}
            onChange={(kind) =>
              onChange({
                ...blankQuestion(q.id, kind),
                title: q.title,
                required: q.required,
                showIf: q.showIf,
              })
            }
            options={QUESTION_KINDS.map((k) => ({ value: k, label: SURVEY_QUESTION_KIND_LABELS[k][lang] }))}
            data-testid={`${tid}-kind`}
          />
          <Input
            style={{ flex: 1, minWidth: 200 }}
            placeholder={t('surveyAdmin.builder.qTitle')}
            aria-label={t('surveyAdmin.builder.qTitle')}
            value={q.title}
            onChange={(e) => onChange({ ...q, title: e.target.value })}
            data-testid={`${tid}-title`}
          />
          <Space>
            {t('surveyAdmin.builder.required')}
            <Switch
              checked={q.required}
              onChange={(required) => onChange({ ...q, required })}
              data-testid={`${tid}-required`}
            />
          </Space>
        </Flex>
        {(q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking') && (
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            placeholder={t('surveyAdmin.builder.options')}
            aria-label={t('surveyAdmin.builder.options')}
            value={q.options.join('\n')}
            onChange={(e) => onChange({ ...q, options: lines(e.target.value) })}
            data-testid={`${tid}-options`}
          />
        )}
        {q.kind === 'multiple' && (
          <Space style={{ marginTop: 8 }}>
            {t('surveyAdmin.builder.minPicks')}
            <InputNumber
              min={0}
              max={30}
              value={q.minPicks}
              onChange={(v) => onChange({ ...q, minPicks: v ?? null })}
            />
            {t('surveyAdmin.builder.maxPicks')}
            <InputNumber
              min={1}
              max={30}
              value={q.maxPicks}
              onChange={(v) => onChange({ ...q, maxPicks: v ?? null })}
              data-testid={`${tid}-max`}
            />
          </Space>
        )}
        {q.kind === 'matrix' && (
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            placeholder={t('surveyAdmin.builder.rows')}
            aria-label={t('surveyAdmin.builder.rows')}
            value={q.rows.join('\n')}
            onChange={(e) => onChange({ ...q, rows: lines(e.target.value) })}
            data-testid={`${tid}-rows`}
          />
        )}
        {(q.kind === 'rating' || q.kind === 'matrix') && (
          <Space style={{ marginTop: 8 }} wrap>
            {t('surveyAdmin.builder.scale')}
            <InputNumber
              min={0}
              max={10}
              value={q.scaleMin}
              onChange={(v) => onChange({ ...q, scaleMin: v ?? 1 })}
            />
            –
            <InputNumber
              min={1}
              max={10}
              value={q.scaleMax}
              onChange={(v) => onChange({ ...q, scaleMax: v ?? 5 })}
            />
            <Input
              style={{ width: 110 }}
              placeholder={t('surveyAdmin.builder.minLabel')}
              value={q.minLabel}
              onChange={(e) => onChange({ ...q, minLabel: e.target.value })}
            />
            <Input
              style={{ width: 110 }}
              placeholder={t('surveyAdmin.builder.maxLabel')}
              value={q.maxLabel}
              onChange={(e) => onChange({ ...q, maxLabel: e.target.value })}
            />
          </Space>
        )}
        {q.kind === 'number' && (
          <Space style={{ marginTop: 8 }}>
            {t('surveyAdmin.builder.min')}
            <InputNumber value={q.min} onChange={(v) => onChange({ ...q, min: v ?? null })} />
            {t('surveyAdmin.builder.max')}
            <InputNumber value={q.max} onChange={(v) => onChange({ ...q, max: v ?? null })} />
          </Space>
        )}
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('surveyAdmin.builder.showIf')}</Typography.Text>
          <Select
            style={{ minWidth: 220 }}
            value={q.showIf?.questionId ?? ''}
            aria-label={t('surveyAdmin.builder.showIf')}
            onChange={(v) => onChange({ ...q, showIf: v ? { questionId: v, anyOf: [] } : null })}
            options={[
              { value: '', label: t('surveyAdmin.builder.showIfNone') },
              ...earlier
                .filter((e) => CHOICE_SOURCES.includes(e.kind))
                .map((e) => ({
                  value: e.id,
                  label: t('surveyAdmin.builder.showIfWhen', { title: e.title || e.id }),
                })),
            ]}
            data-testid={`${tid}-showif`}
          />
          {src && (
            <>
              <Select
                mode="multiple"
                style={{ minWidth: 200 }}
                value={q.showIf?.anyOf ?? []}
                onChange={(anyOf) => onChange({ ...q, showIf: { questionId: src.id, anyOf } })}
                options={srcValues}
                data-testid={`${tid}-showif-values`}
              />
              <Typography.Text type="secondary">{t('surveyAdmin.builder.showIfAny')}</Typography.Text>
            </>
          )}
        </Flex>
      </fieldset>
    </Card>
  );
}

/**
 * 设计问卷 (/surveys/new, /surveys/:id): the survey's facts and audience, its sections and questions,
 * and beside them the form as a member's phone shows it (show-if rules applied as one answers).
 */
export default function SurveyBuilder() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const lang = currentLang() === 'en' ? 'en' : 'zh';
  const me = useCurrentUser();
  const existing = useSurvey(id);
  const [draft, setDraft] = useState<Draft | null>(
    id
      ? null
      : {
          // the caller's own org (and all its members) until another is chosen
          orgId: me.orgId ?? '',
          title: '',
          description: '',
          anonymous: false,
          audienceKind: 'org',
          audienceOrgId: me.orgId,
          audienceClassId: null,
          memberIds: [],
          closesAt: null,
          definition: { sections: [{ title: '', questions: [blankQuestion('q1')] }] },
        },
  );
  const [pickFrom, setPickFrom] = useState<string | undefined>();
  const [preview, setPreview] = useState<AnswerSet>({});
  useEffect(() => {
    const s = existing.data;
    if (s && !draft)
      setDraft({
        orgId: s.orgId,
        title: s.title,
        description: s.description,
        anonymous: s.anonymous,
        audienceKind: s.audienceKind,
        audienceOrgId: s.audienceOrgId,
        audienceClassId: s.audienceClassId,
        memberIds: s.memberIds,
        closesAt: s.closesAt,
        definition: s.definition,
      });
  }, [existing.data, draft]);
  useEffect(() => {
    document.title = `${t(id ? 'surveyAdmin.builder.editTitle' : 'surveyAdmin.builder.newTitle')} · ${t('app.title')}`;
  }, [t, id]);
  const classes = useSurveyClasses(draft?.audienceKind === 'class' ? draft.orgId || undefined : undefined);
  const people = useSurveyPeople(
    draft?.audienceKind === 'list' ? (pickFrom ?? (draft.orgId || undefined)) : undefined,
  );

  const saved = (s: Survey) => {
    queryClient.setQueryData(surveyKeys.one(s.id), s);
    void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
  };
  const save = useMutation({
    mutationFn: (d: Draft) => (id ? surveyApi.update(id, d) : surveyApi.create(d)),
    onSuccess: (s) => {
      saved(s);
      message.success(t('surveyAdmin.builder.saved'));
      if (!id) navigate(`/surveys/${s.id}`, { replace: true });
    },
  });
  const publish = useMutation({
    mutationFn: async (d: Draft) => {
      if (!id) throw new Error('unsaved');
      await surveyApi.update(id, d);
      return surveyApi.publish(id);
    },
    onSuccess: (s) => {
      saved(s);
      message.success(t('surveyAdmin.builder.published'));
      navigate(`/surveys/${s.id}/results`);
    },
  });

  if (!draft) return existing.isError ? <Alert type="error" title={errorMessage(existing.error)} /> : null;
  const s = existing.data;
  const frozen = !!s && !s.can.editQuestions;
  const published = !!s && s.status !== 'draft';
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const sections = draft.definition.sections;
  const setSections = (next: SurveySection[]) => set({ definition: { sections: next } });
  const all = sections.flatMap((sec) => sec.questions);
  let n = 0;
  const error = save.error ?? publish.error;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
          {t(id ? 'surveyAdmin.builder.editTitle' : 'surveyAdmin.builder.newTitle')}{' '}
          {s && <StatusTag s={s} />}
        </Typography.Title>
        <Space>
          <Button onClick={() => save.mutate(draft)} loading={save.isPending} data-testid="survey-save">
            {t('surveyAdmin.builder.save')}
          </Button>
          {id && !published && (
            <Popconfirm
              title={t('surveyAdmin.builder.confirmPublish')}
              onConfirm={() => publish.mutate(draft)}
            >
              <Button type="primary" loading={publish.isPending} data-testid="survey-publish">
                {t('surveyAdmin.builder.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} data-testid="survey-error" />}
      {frozen && <Alert type="info" showIcon title={t('surveyAdmin.builder.frozen')} />}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Form layout="vertical">
              <Form.Item label={t('surveyAdmin.field.title')} required>
                <Input
                  value={draft.title}
                  maxLength={100}
                  onChange={(e) => set({ title: e.target.value })}
                  data-testid="survey-title"
                />
              </Form.Item>
              <Form.Item label={t('surveyAdmin.field.org')} required>
                <OrgSelect
                  value={draft.orgId || undefined}
                  onChange={(v) => set({ orgId: v ?? '', audienceOrgId: draft.audienceOrgId ?? v ?? null })}
                  disabled={!!id}
                  aria-label={t('surveyAdmin.field.org')}
                  data-testid="survey-org"
                />
              </Form.Item>
              <Form.Item label={t('surveyAdmin.field.description')}>
                <Input.TextArea
                  autoSize={{ minRows: 2 }}
                  value={draft.description}
                  onChange={(e) => set({ description: e.target.value })}
                />
              </Form.Item>
              <Form.Item
                label={t('surveyAdmin.field.anonymous')}
                extra={t('surveyAdmin.field.anonymousHelp')}
              >
                <Switch
                  checked={draft.anonymous}
                  disabled={published}
                  onChange={(anonymous) => set({ anonymous })}
                  data-testid="survey-anonymous"
                />
              </Form.Item>
              <Form.Item label={t('surveyAdmin.field.audience')}>
                <Radio.Group
                  value={draft.audienceKind}
                  disabled={published}
                  onChange={(e) => set({ audienceKind: e.target.value })}
                  options={AUDIENCE_KINDS.map((k) => ({ value: k, label: SURVEY_AUDIENCE_LABELS[k][lang] }))}
                  data-testid="survey-audience"
                />
              </Form.Item>
              {draft.audienceKind === 'org' && (
                <Form.Item label={t('surveyAdmin.field.audienceOrg')}>
                  <OrgSelect
                    value={draft.audienceOrgId ?? undefined}
                    disabled={published}
                    onChange={(v) => set({ audienceOrgId: v ?? null })}
                    aria-label={t('surveyAdmin.field.audienceOrg')}
                  />
                </Form.Item>
              )}
              {draft.audienceKind === 'class' && (
                <Form.Item label={t('surveyAdmin.field.audienceClass')}>
                  <Select
                    value={draft.audienceClassId ?? undefined}
                    disabled={published}
                    loading={classes.isFetching}
                    onChange={(v) => set({ audienceClassId: v })}
                    options={(classes.data?.items ?? []).map((c) => ({
                      value: c.id,
                      label: `${c.name}（${c.memberCount}）`,
                    }))}
                  />
                </Form.Item>
              )}
              {draft.audienceKind === 'list' && (
                <>
                  <Form.Item label={t('surveyAdmin.field.pickFrom')}>
                    <OrgSelect
                      value={pickFrom ?? (draft.orgId || undefined)}
                      onChange={setPickFrom}
                      disabled={published}
                      aria-label={t('surveyAdmin.field.pickFrom')}
                      data-testid="survey-pick-from"
                    />
                  </Form.Item>
                  <Form.Item label={t('surveyAdmin.field.members')}>
                    <Select
                      mode="multiple"
                      disabled={published}
                      optionFilterProp="label"
                      loading={people.isFetching}
                      value={draft.memberIds}
                      onChange={(memberIds) => set({ memberIds })}
                      options={(people.data?.items ?? []).map((p) => ({
                        value: p.memberId,
                        label: `${p.name}（${p.orgName}）`,
                      }))}
                      data-testid="survey-members"
                    />
                  </Form.Item>
                </>
              )}
              <Form.Item label={t('surveyAdmin.field.closesAt')}>
                <DatePicker
                  showTime
                  value={draft.closesAt ? dayjs(draft.closesAt) : null}
                  onChange={(d) => set({ closesAt: d ? d.toISOString() : null })}
                />
              </Form.Item>
            </Form>
          </Card>
          <Typography.Title level={4}>{t('surveyAdmin.builder.sections')}</Typography.Title>
          {sections.map((sec, si) => (
            <Card
              // biome-ignore lint/suspicious/noArrayIndexKey: a section is known by its place
              key={si}
              size="small"
              style={{ marginBottom: 12, background: '#fafafa' }}
              title={
                <Input
                  variant="borderless"
                  placeholder={t('surveyAdmin.builder.sectionTitle')}
                  value={sec.title}
                  disabled={frozen}
                  onChange={(e) =>
                    setSections(sections.map((x, i) => (i === si ? { ...x, title: e.target.value } : x)))
                  }
                />
              }
              extra={
                !frozen &&
                sections.length > 1 && (
                  <Button
                    size="small"
                    danger
                    onClick={() => setSections(sections.filter((_, i) => i !== si))}
                  >
                    {t('surveyAdmin.builder.removeSection')}
                  </Button>
                )
              }
            >
              <Space orientation="vertical" style={{ width: '100%' }}>
                {sec.questions.map((q, qi) => {
                  n++;
                  const before = all.slice(0, all.indexOf(q));
                  const put = (next: SurveyQuestion[]) =>
                    setSections(sections.map((x, i) => (i === si ? { ...x, questions: next } : x)));
                  return (
                    <QuestionEditor
                      key={q.id}
                      q={q}
                      n={n}
                      earlier={before}
                      frozen={frozen}
                      onChange={(nq) => put(sec.questions.map((x) => (x.id === q.id ? nq : x)))}
                      onRemove={() => put(sec.questions.filter((x) => x.id !== q.id))}
                      onMove={(d) => {
                        const j = qi + d;
                        if (j < 0 || j >= sec.questions.length) return;
                        const next = [...sec.questions];
                        [next[qi], next[j]] = [next[j], next[qi]];
                        put(next);
                      }}
                    />
                  );
                })}
                {!frozen && (
                  <Button
                    block
                    type="dashed"
                    onClick={() =>
                      setSections(
                        sections.map((x, i) =>
                          i === si
                            ? { ...x, questions: [...x.questions, blankQuestion(nextId(sections))] }
                            : x,
                        ),
                      )
                    }
                    data-testid={`survey-add-question-${si}`}
                  >
                    {t('surveyAdmin.builder.addQuestion')}
                  </Button>
                )}
              </Space>
            </Card>
          ))}
          {!frozen && (
            <Button onClick={() => setSections([...sections, { title: '', questions: [] }])}>
              {t('surveyAdmin.builder.addSection')}
            </Button>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Typography.Title level={4}>{t('surveyAdmin.builder.preview')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('surveyAdmin.builder.previewHint')}</Typography.Paragraph>
          <div
            style={{
              width: 375,
              maxWidth: '100%',
              maxHeight: 720,
              overflow: 'auto',
              border: '8px solid #333',
              borderRadius: 24,
              padding: 12,
              background: '#f5f5f5',
            }}
            data-testid="survey-preview"
          >
            <h3 style={{ textAlign: 'center' }}>{draft.title}</h3>
            <AnswerForm form={{ definition: { sections } }} answers={preview} onChange={setPreview} />
          </div>
        </Col>
      </Row>
    </Space>
  );
}
