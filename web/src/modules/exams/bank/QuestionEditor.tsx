import { MinusCircleOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  TreeSelect,
  Upload,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Question, QuestionCategory } from '../../../../../contracts/exams/bank.ts';
import { QUESTION_TYPES, type QuestionType } from '../../../../../contracts/exams/questions.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { bankApi } from './api.ts';
import { bodyOf, FIELDS, type QuestionValues as Values } from './question-form.ts';

function valuesOf(q: Question | undefined, categoryId: string | undefined): Partial<Values> {
  if (!q)
    return {
      categoryId,
      type: 'single',
      format: 'plain',
      difficulty: 'medium',
      choices: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }],
      scoring: 'all-or-nothing',
    };
  const b = q.body;
  return {
    categoryId: q.categoryId,
    type: b.type,
    stem: b.stem,
    format: b.format,
    choices: b.choices?.map((c) => ({ text: c.text, right: c.weight > 0, weight: c.weight })),
    scoring: b.scoring,
    correct: b.correct,
    accepted: b.accepted?.map((a) => ({ text: a.text })),
    numeric: b.numeric?.map((n) => ({ min: n.min, max: n.max })),
    explanation: b.explanation,
    difficulty: b.difficulty,
    tags: b.tags,
  };
}

/** 新增 / 修改题目: one drawer for the six types; a question of a bank one may only read opens read-only. */
export function QuestionEditor({
  question,
  category,
  categories,
  onClose,
  onSaved,
}: {
  question?: Question;
  category?: QuestionCategory;
  categories: QuestionCategory[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editable = question ? question.can.edit : !!category?.can.edit;
  const orgId = question?.orgId ?? category?.orgId;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { categoryId: v.categoryId, question: bodyOf(v) };
      return question ? bankApi.editQuestion(question.id, body) : bankApi.createQuestion(body);
    },
    onSuccess: () => {
      message.success(t('bank.saved'));
      onSaved();
    },
    onError: (err) => {
      const mine =
        err instanceof ApiError
          ? err.fieldErrors.filter((f) => FIELDS.includes(f.path.replace(/^question\./, '')))
          : [];
      if (mine.length)
        form.setFields(
          mine.map((f) => ({ name: f.path.replace(/^question\./, '') as never, errors: [f.message] })),
        );
      else message.error({ content: errorMessage(err), duration: 6 });
    },
  });
  const sameBank = categories.filter((c) => c.orgId === orgId);
  const treeData = (parent: string | null): { value: string; title: string; children: object[] }[] =>
    sameBank
      .filter((c) => c.parentId === parent)
      .map((c) => ({ value: c.id, title: c.name, children: treeData(c.id) }));
  const f = (k: string) => t(`bank.field.${k}`);
  const body = (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={valuesOf(question, category?.id)}
      onFinish={(v) => save.mutate(v)}
      data-testid="question-form"
    >
      <Flex gap={12}>
        <Form.Item name="type" label={f('type')} rules={[{ required: true }]} style={{ width: 140 }}>
          <Select
            options={QUESTION_TYPES.map((v) => ({ value: v, label: t(`bank.type.${v}`) }))}
            data-testid="question-type"
          />
        </Form.Item>
        <Form.Item name="categoryId" label={f('category')} rules={[{ required: true }]} style={{ flex: 1 }}>
          <TreeSelect treeData={treeData(null)} treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="difficulty" label={f('difficulty')} style={{ width: 100 }}>
          <Select
            options={(['easy', 'medium', 'hard'] as const).map((v) => ({
              value: v,
              label: t(`bank.difficulty.${v}`),
            }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="stem" label={f('stem')} rules={[{ required: true, max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="question-stem" />
      </Form.Item>
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <Form.Item name="format" label={f('format')} noStyle>
          <Radio.Group options={['plain', 'html', 'markdown'].map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        {editable && orgId && (
          <Upload
            accept="image/*"
            showUploadList={false}
            beforeUpload={(file) => {
              bankApi
                .uploadImage(orgId, file)
                .then((img) => {
                  const stem = form.getFieldValue('stem') ?? '';
                  form.setFieldsValue({ stem: `${stem}<img src="${img.url}" alt="">`, format: 'html' });
                  message.success(t('bank.imageAdded'));
                })
                .catch((e) => message.error(errorMessage(e)));
              return false;
            }}
          >
            <Button size="small" icon={<PictureOutlined />}>
              {f('image')}
            </Button>
          </Upload>
        )}
      </Flex>
      <Form.Item noStyle dependencies={['type', 'scoring']}>
        {() => (
          <Answers type={form.getFieldValue('type')} partial={form.getFieldValue('scoring') === 'partial'} />
        )}
      </Form.Item>
      <Form.Item name="explanation" label={f('explanation')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="tags" label={f('tags')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} />
      </Form.Item>
    </Form>
  );
  const title = question
    ? editable
      ? t('bank.editQuestion')
      : t('bank.viewQuestion')
    : t('bank.addQuestion');
  if (!editable)
    return (
      <Drawer open size={720} title={title} onClose={onClose} destroyOnHidden data-testid="question-drawer">
        {body}
      </Drawer>
    );
  return (
    <FormDrawer
      title={title}
      size={720}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="question-drawer"
      saveTestId="question-save"
    >
      {body}
    </FormDrawer>
  );
}

/** The answer part of the form, by type. */
function Answers({ type, partial }: { type: QuestionType; partial: boolean }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`bank.field.${k}`);
  if (type === 'single' || type === 'multiple')
    return (
      <>
        {type === 'multiple' && (
          <Form.Item name="scoring" label={f('scoring')}>
            <Radio.Group
              options={(['all-or-nothing', 'partial'] as const).map((v) => ({
                value: v,
                label: t(`bank.scoring.${v}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item label={f('choices')} required>
          <Form.List name="choices">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <span style={{ width: 18 }}>{String.fromCharCode(65 + i)}.</span>
                    <Form.Item
                      name={[field.name, 'text']}
                      rules={[{ required: true }]}
                      style={{ flex: 1, marginBottom: 8 }}
                    >
                      <Input data-testid={`choice-${i}`} />
                    </Form.Item>
                    {partial ? (
                      <Form.Item name={[field.name, 'weight']} style={{ marginBottom: 8 }}>
                        <InputNumber min={-100} max={100} placeholder={f('weight')} style={{ width: 100 }} />
                      </Form.Item>
                    ) : (
                      <Form.Item
                        name={[field.name, 'right']}
                        valuePropName="checked"
                        style={{ marginBottom: 8 }}
                      >
                        <Checkbox data-testid={`choice-right-${i}`}>{f('right')}</Checkbox>
                      </Form.Item>
                    )}
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ text: '' })}
                  disabled={fields.length >= 26}
                >
                  {t('bank.addChoice')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </>
    );
  if (type === 'truefalse')
    return (
      <Form.Item name="correct" label={f('correct')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: t('bank.trueText') },
            { value: false, label: t('bank.falseText') },
          ]}
        />
      </Form.Item>
    );
  if (type === 'fill')
    return (
      <Form.Item label={f('accepted')} required>
        <Form.List name="accepted" initialValue={[{ text: '' }]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Input />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })}>
                {t('bank.addAnswer')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    );
  if (type === 'numeric')
    return (
      <Form.Item label={f('numeric')} required>
        <Form.List name="numeric" initialValue={[{}]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item
                    name={[field.name, 'min']}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber placeholder={f('min')} />
                  </Form.Item>
                  <span>—</span>
                  <Form.Item
                    name={[field.name, 'max']}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber placeholder={f('max')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('bank.addAnswer')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    );
  return null;
}
