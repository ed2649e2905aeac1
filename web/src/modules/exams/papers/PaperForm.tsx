import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionCategory } from '../../../../../contracts/exams/bank.ts';
import { QUESTION_TYPES, type QuestionType } from '../../../../../contracts/exams/questions.ts';
import {
  DEFAULT_POINTS,
  type Paper,
  type SavePaper,
  type TypePoints,
} from '../../../../../contracts/exams/sittings.ts';
import { ApiError, errorMessage } from '../../../app/api.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useCategories, useQuestions } from '../bank/api.ts';
import { paperApi, paperKeys, usePaperPreview } from './api.ts';
import './i18n.ts';

type RuleValues = {
  categoryId?: string;
  includeSubcategories: boolean;
  type?: QuestionType;
  difficulty?: 'easy' | 'medium' | 'hard';
  count: number;
};
type Values = {
  orgId: string;
  title: string;
  kind: 'fixed' | 'random';
  points: TypePoints;
  shuffleOptions: boolean;
  rules: RuleValues[];
};
type Picked = { id: string; label: string; type?: QuestionType };

/** The categories as a tree, one branch per bank (org): the caller's subtree's and the department's. */
function categoryTree(categories: QuestionCategory[]) {
  const node = (c: QuestionCategory): object => ({
    value: c.id,
    title: c.name,
    children: categories.filter((x) => x.parentId === c.id).map(node),
  });
  const orgs = [...new Map(categories.map((c) => [c.orgId, c.orgName])).entries()];
  return orgs.map(([orgId, orgName]) => ({
    value: `org-${orgId}`,
    title: orgName,
    selectable: false,
    children: categories.filter((c) => c.orgId === orgId && !c.parentId).map(node),
  }));
}

/** One rule's row: its fields, and how many active questions it may draw now (red when short). */
function RuleRow({ index, tree, onRemove }: { index: number; tree: object[]; onRemove: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const rule = Form.useWatch(['rules', index], form) as RuleValues | undefined;
  // the bank's list counts a category and those below it: exact when the rule includes them
  const found = useQuestions({
    categoryId: rule?.categoryId,
    type: rule?.type,
    difficulty: rule?.difficulty,
    page: 1,
    pageSize: 1,
  });
  const available = rule?.categoryId ? found.data?.total : undefined;
  const short =
    available !== undefined && rule?.includeSubcategories !== false && available < (rule?.count ?? 0);
  return (
    <Flex gap={8} align="start" wrap data-testid={`paper-rule-${index}`}>
      <Form.Item
        name={[index, 'categoryId']}
        rules={[{ required: true, message: t('common.required') }]}
        style={{ width: 200, marginBottom: 8 }}
      >
        <TreeSelect
          treeData={tree}
          treeDefaultExpandAll
          placeholder={t('papers.field.category')}
          aria-label={t('papers.field.category')}
          data-testid={`paper-rule-category-${index}`}
        />
      </Form.Item>
      <Form.Item name={[index, 'includeSubcategories']} valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('papers.field.includeSubcategories')}</Checkbox>
      </Form.Item>
      <Form.Item name={[index, 'type']} style={{ width: 110, marginBottom: 8 }}>
        <Select
          allowClear
          placeholder={t('papers.anyType')}
          aria-label={t('papers.field.type')}
          options={QUESTION_TYPES.map((v) => ({ value: v, label: t(`bank.type.${v}`) }))}
          data-testid={`paper-rule-type-${index}`}
        />
      </Form.Item>
      <Form.Item name={[index, 'difficulty']} style={{ width: 100, marginBottom: 8 }}>
        <Select
          allowClear
          placeholder={t('papers.anyDifficulty')}
          aria-label={t('papers.field.difficulty')}
          options={(['easy', 'medium', 'hard'] as const).map((v) => ({
            value: v,
            label: t(`bank.difficulty.${v}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name={[index, 'count']}
        rules={[{ required: true, message: t('common.required') }]}
        style={{ width: 90, marginBottom: 8 }}
      >
        <InputNumber
          min={1}
          max={200}
          precision={0}
          aria-label={t('papers.field.count')}
          data-testid={`paper-rule-count-${index}`}
        />
      </Form.Item>
      <Typography.Text
        type={short ? 'danger' : 'secondary'}
        style={{ lineHeight: '32px', minWidth: 90 }}
        data-testid={`paper-rule-available-${index}`}
      >
        {available === undefined
          ? ''
          : rule?.includeSubcategories === false
            ? t('papers.rule.availableAtMost', { count: available })
            : t('papers.rule.available', { count: available })}
        {short ? ` · ${t('papers.rule.short')}` : ''}
      </Typography.Text>
      <Button type="link" danger onClick={onRemove}>
        {t('papers.rule.remove')}
      </Button>
    </Flex>
  );
}

/** 固定试卷: the bank searched by category and words, ticked into an ordered list of picked questions. */
function QuestionPicker({
  tree,
  picked,
  onChange,
}: {
  tree: object[];
  picked: Picked[];
  onChange: (next: Picked[]) => void;
}) {
  const { t } = useTranslation();
  const [categoryId, setCategoryId] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const found = useQuestions({ categoryId, q: q || undefined, page, pageSize: 8 });
  const ids = new Set(picked.map((p) => p.id));
  const move = (i: number, by: number) => {
    const next = [...picked];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <TreeSelect
          allowClear
          treeData={tree}
          treeDefaultExpandAll
          value={categoryId}
          onChange={(v) => {
            setCategoryId(v);
            setPage(1);
          }}
          placeholder={t('papers.pick.category')}
          style={{ width: 220 }}
          data-testid="paper-pick-category"
        />
        <Input.Search
          allowClear
          placeholder={t('papers.pick.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="paper-pick-search"
        />
      </Flex>
      <Typography.Text type="secondary">{t('papers.pick.found')}</Typography.Text>
      <List
        size="small"
        bordered
        loading={found.isFetching}
        dataSource={found.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 8,
          total: found.data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        renderItem={(item) => (
          <List.Item>
            <Checkbox
              checked={ids.has(item.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? [...picked, { id: item.id, label: item.body.stem, type: item.type }]
                    : picked.filter((p) => p.id !== item.id),
                )
              }
              data-testid={`paper-pick-${item.id}`}
            >
              <Typography.Text type="secondary">[{t(`bank.type.${item.type}`)}]</Typography.Text> {item.name}
            </Checkbox>
          </List.Item>
        )}
      />
      <Typography.Text strong>{t('papers.pick.picked', { count: picked.length })}</Typography.Text>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('papers.pick.none') }}
        dataSource={picked}
        data-testid="paper-picked"
        renderItem={(p, i) => (
          <List.Item
            actions={[
              <Button
                key="up"
                size="small"
                type="text"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('papers.pick.up')}
              >
                ↑
              </Button>,
              <Button
                key="down"
                size="small"
                type="text"
                disabled={i === picked.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('papers.pick.down')}
              >
                ↓
              </Button>,
              <Button
                key="rm"
                size="small"
                type="link"
                danger
                onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
              >
                {t('papers.pick.remove')}
              </Button>,
            ]}
          >
            <Typography.Text ellipsis style={{ maxWidth: 420 }}>
              {i + 1}. {p.type ? `[${t(`bank.type.${p.type}`)}] ` : ''}
              {p.label}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Flex>
  );
}

const toPath = (p: string) => p.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));

/**
 * 新建 / 修改试卷: title, org, kind; a fixed paper's questions picked in order, or a random paper's
 * rules with what each may draw; points per type; whether choices are shuffled.
 */
export function PaperForm({
  paper,
  defaultOrgId,
  onClose,
}: {
  paper?: Paper;
  defaultOrgId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? paper?.kind ?? 'random';
  const points = (Form.useWatch('points', form) ?? paper?.points ?? DEFAULT_POINTS) as TypePoints;
  const rules = (Form.useWatch('rules', form) ?? []) as RuleValues[];
  const cats = useCategories();
  const tree = useMemo(() => categoryTree(cats.data?.items ?? []), [cats.data]);
  const [picked, setPicked] = useState<Picked[]>(() =>
    (paper?.questionIds ?? []).map((id) => ({ id, label: `#${id}` })),
  );
  const [pickError, setPickError] = useState<string>();
  const [rulesError, setRulesError] = useState<string>();
  // an edited fixed paper's questions by stem: its preview lists them in the paper's order
  const stems = usePaperPreview(paper?.kind === 'fixed' ? paper.id : undefined, 1);
  useEffect(() => {
    const slots = stems.data?.slots;
    if (!slots || !paper) return;
    setPicked((now) =>
      now.map((p) => {
        const i = paper.questionIds.indexOf(p.id);
        return p.label.startsWith('#') && slots[i] ? { ...p, label: slots[i].stem, type: slots[i].type } : p;
      }),
    );
  }, [stems.data, paper]);

  const count = kind === 'fixed' ? picked.length : rules.reduce((s, r) => s + (r?.count ?? 0), 0);
  const total =
    kind === 'fixed'
      ? picked.reduce((s, p) => s + (p.type ? (points[p.type] ?? 0) : 0), 0)
      : rules.reduce((s, r) => s + (r?.type ? (r.count ?? 0) * (points[r.type] ?? 0) : 0), 0);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: SavePaper = {
        orgId: v.orgId,
        title: v.title,
        kind: v.kind,
        points: v.points,
        shuffleOptions: v.shuffleOptions,
        questionIds: v.kind === 'fixed' ? picked.map((p) => p.id) : [],
        rules:
          v.kind === 'random'
            ? (v.rules ?? []).map((r) => ({
                categoryId: r.categoryId ?? '',
                includeSubcategories: r.includeSubcategories !== false,
                type: r.type ?? null,
                difficulty: r.difficulty ?? null,
                count: r.count,
              }))
            : [],
      };
      setPickError(undefined);
      setRulesError(undefined);
      return paper ? paperApi.edit(paper.id, body) : paperApi.create(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: paperKeys.all });
      message.success(t('papers.saved'));
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ApiError) || !err.fieldErrors.length) {
        message.error({ content: errorMessage(err), duration: 6 });
        return;
      }
      const onForm = err.fieldErrors.filter((f) =>
        /^(title|orgId|kind|points\.\w+|rules\.\d+\.\w+)$/.test(f.path),
      );
      form.setFields(onForm.map((f) => ({ name: toPath(f.path) as never, errors: [f.message] })));
      const picks = err.fieldErrors.find((f) => f.path.startsWith('questionIds'));
      if (picks) setPickError(picks.message);
      const whole = err.fieldErrors.find((f) => f.path === 'rules');
      if (whole) setRulesError(whole.message);
      if (!onForm.length && !picks && !whole) message.error({ content: errorMessage(err), duration: 6 });
    },
  });
  const req = (field: string) => [{ required: true, message: `${t('common.required')}：${field}` }];
  return (
    <FormDrawer
      title={paper ? t('papers.editTitle') : t('papers.createTitle')}
      size={820}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="paper-form"
      saveTestId="paper-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          paper
            ? {
                orgId: paper.orgId,
                title: paper.title,
                kind: paper.kind,
                points: paper.points,
                shuffleOptions: paper.shuffleOptions,
                rules: paper.rules.map((r) => ({
                  categoryId: r.categoryId,
                  includeSubcategories: r.includeSubcategories,
                  type: r.type ?? undefined,
                  difficulty: r.difficulty ?? undefined,
                  count: r.count,
                })),
              }
            : {
                orgId: defaultOrgId,
                kind: 'random',
                points: DEFAULT_POINTS,
                shuffleOptions: true,
                rules: [{ includeSubcategories: true, count: 5 }],
              }
        }
      >
        <Flex gap={12}>
          <Form.Item
            name="title"
            label={t('papers.field.title')}
            rules={req(t('papers.field.title'))}
            style={{ flex: 1 }}
          >
            <Input maxLength={100} data-testid="paper-form-title" />
          </Form.Item>
          <Form.Item
            name="orgId"
            label={t('papers.field.org')}
            rules={req(t('papers.field.org'))}
            style={{ width: 300 }}
          >
            <OrgSelect aria-label={t('papers.field.org')} data-testid="paper-form-org" />
          </Form.Item>
        </Flex>
        <Form.Item name="kind" label={t('papers.field.kind')}>
          <Radio.Group data-testid="paper-form-kind">
            <Radio value="fixed" data-testid="paper-form-kind-fixed">
              {t('papers.kind.fixed')}
            </Radio>
            <Radio value="random" data-testid="paper-form-kind-random">
              {t('papers.kind.random')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('papers.field.points')} style={{ marginBottom: 8 }}>
          <Flex gap={8} wrap>
            {QUESTION_TYPES.map((type) => (
              <Flex key={type} align="center" gap={4}>
                <Typography.Text>{t(`bank.type.${type}`)}</Typography.Text>
                <Form.Item name={['points', type]} noStyle>
                  <InputNumber min={0} max={100} style={{ width: 72 }} aria-label={t(`bank.type.${type}`)} />
                </Form.Item>
              </Flex>
            ))}
          </Flex>
        </Form.Item>
        <Form.Item
          name="shuffleOptions"
          label={t('papers.field.shuffleOptions')}
          valuePropName="checked"
          extra={t('papers.field.shuffleHint')}
        >
          <Switch data-testid="paper-form-shuffle" />
        </Form.Item>
        {kind === 'fixed' ? (
          <Form.Item
            label={t('papers.field.questionIds')}
            validateStatus={pickError ? 'error' : undefined}
            help={pickError}
          >
            <QuestionPicker tree={tree} picked={picked} onChange={setPicked} />
          </Form.Item>
        ) : (
          <Form.Item label={t('papers.field.rules')} extra={t('papers.rule.hint')}>
            {rulesError && (
              <Alert
                type="error"
                showIcon
                title={rulesError}
                style={{ marginBottom: 8 }}
                data-testid="paper-rules-error"
              />
            )}
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <Flex vertical gap={4}>
                  {fields.map((f) => (
                    <RuleRow key={f.key} index={f.name} tree={tree} onRemove={() => remove(f.name)} />
                  ))}
                  <Button
                    onClick={() => add({ includeSubcategories: true, count: 5 })}
                    data-testid="paper-rule-add"
                    style={{ alignSelf: 'start' }}
                  >
                    {t('papers.rule.add')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Typography.Text strong data-testid="paper-form-summary">
          {t('papers.summary', { count, points: Math.round(total * 100) / 100 })}
        </Typography.Text>
      </Form>
    </FormDrawer>
  );
}
