import { DeleteOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_WARNING,
  type IndicatorInfo,
  type SchemeView,
} from '../../../../contracts/assessment/scheme.ts';
import { ApiError, errorMessage } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { testIdProps } from '../../app/forms.ts';
import { currentLang } from '../../app/i18n.ts';
import { useSaveScheme, useScheme } from './api.ts';
import { type FormItem, fromForm, placeOf, toForm, weightTotal } from './figures.ts';
import './i18n.ts';

/** The fields of a scheme row, where a server error can sit. */
const ROW_FIELDS = ['key', 'weight', 'target', 'bonusPer', 'bonusMax'] as const;

type Values = { items: FormItem[]; shown: string[] };

/** What the server said about the form beyond its fields: the weights' total, the reference list, the rest. */
type Issues = { items: string[]; shown: string[]; other: string[] };
const noIssues: Issues = { items: [], shown: [], other: [] };

/**
 * 考核方案 (/assessment/scheme): the scored items (indicator, weight, target, extra points), their
 * weights' total against 100, the indicators shown for reference only, and the 2024/2026 rules'
 * warning beside any activity-based indicator that is scored. The department saves it (PUT).
 */
export default function SchemePage() {
  const { t } = useTranslation();
  const q = useScheme();
  // a new round after saving or undoing: the form starts again from the server's scheme
  const [round, setRound] = useState(0);

  useEffect(() => {
    document.title = `${t('assessmentScheme.title')} · ${t('app.title')}`;
  }, [t]);

  if (!q.data)
    return q.error ? (
      <Alert type="error" showIcon title={errorMessage(q.error)} role="alert" />
    ) : (
      <Skeleton active paragraph={{ rows: 10 }} />
    );
  return <SchemeEditor key={round} view={q.data} onReload={() => setRound((r) => r + 1)} />;
}

function SchemeEditor({ view, onReload }: { view: SchemeView; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const manage = can(useCurrentUser(), 'assessment.manage');
  const save = useSaveScheme();
  const [form] = Form.useForm<Values>();
  const [issues, setIssues] = useState<Issues>(noIssues);
  const indicators = view.indicators;
  const defs = useMemo(() => new Map(indicators.map((i) => [i.key, i])), [indicators]);
  const [initial] = useState<Values>(() => ({
    items: toForm(view.scheme.items, indicators),
    shown: view.scheme.shown ?? [],
  }));
  // the form's rows as they are typed (before the first render's subscription: as loaded)
  const items = (Form.useWatch('items', form) ?? initial.items) as FormItem[];
  const total = weightTotal(items);
  const lang = currentLang() === 'en' ? 'en' : 'zh';

  /** The rules' warning for a row, when its indicator is activity-based: the server's words if it gave them. */
  const warningOf = (key: string | undefined) => {
    if (!key || defs.get(key)?.basis !== 'activity') return null;
    return view.warnings.find((w) => w.key === key)?.message ?? ACTIVITY_WARNING[lang];
  };
  const flagged = items
    .map((i, n) => ({ n, key: i?.key, label: i?.key ? (defs.get(i.key)?.label ?? i.key) : '' }))
    .filter((r) => warningOf(r.key));

  const submit = async (v: Values) => {
    setIssues(noIssues);
    try {
      await save.mutateAsync({
        items: fromForm(v.items ?? [], indicators),
        shown: v.shown ?? [],
      });
      message.success(t('assessmentScheme.saved'));
      onReload();
    } catch (e) {
      if (!(e instanceof ApiError) || e.fieldErrors.length === 0) {
        setIssues({ ...noIssues, other: [errorMessage(e)] });
        return;
      }
      const next: Issues = { items: [], shown: [], other: [] };
      const fields: Parameters<typeof form.setFields>[0] = [];
      // the server's words, already in the reader's language, each naming its field
      for (const d of e.fieldErrors) {
        const at = placeOf(d.path);
        if ('row' in at) {
          const field = ROW_FIELDS.find((k) => k === at.field);
          if (field) fields.push({ name: ['items', at.row, field], errors: [d.message] });
          else next.other.push(`${t('assessmentScheme.row', { n: at.row + 1 })}：${d.message}`);
        } else next[at.area].push(d.message);
      }
      if (fields.length) form.setFields(fields);
      if (next.shown.length) form.setFields([{ name: 'shown', errors: next.shown }]);
      setIssues(next);
      message.error(t('assessmentScheme.invalid'));
    }
  };

  const optionOf = (i: IndicatorInfo) => ({
    value: i.key,
    label: i.label,
    title: `${i.label}（${t(`assessmentScheme.measure.${i.measure}`)}，${t(`assessmentScheme.better.${i.better}`)}）`,
  });
  const scoredKeys = new Set(items.map((i) => i?.key).filter(Boolean));
  const diff = Math.round((total - 100) * 100) / 100;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={3} className="hy-page-title" style={{ margin: 0 }}>
            {t('assessmentScheme.title')}
          </Typography.Title>
          <Tag color={view.source === 'department' ? 'red' : 'default'} data-testid="scheme-source">
            {t(`assessmentScheme.source.${view.source}`)}
          </Tag>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
          {t('assessmentScheme.hint')} {t(`assessmentScheme.sourceHint.${view.source}`)}
        </Typography.Paragraph>
      </div>
      {flagged.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="scheme-warnings"
          title={t('assessmentScheme.warningsTitle')}
          description={
            <>
              <Typography.Paragraph strong style={{ marginBottom: 4 }}>
                {ACTIVITY_WARNING[lang]}
              </Typography.Paragraph>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {flagged.map((f) => (
                  <li key={f.n}>
                    {t('assessmentScheme.row', { n: f.n + 1 })}：{f.label}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
      {issues.other.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={issues.other.join('；')}
          data-testid="scheme-error"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!manage || save.isPending}
        onFinish={submit}
      >
        <Card size="small" title={t('assessmentScheme.scored')}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={fields}
                  scroll={{ x: 'max-content' }}
                  data-testid="scheme-items"
                  locale={{ emptyText: t('assessmentScheme.empty') }}
                  onRow={(_, n) =>
                    ({ 'data-testid': `scheme-row-${n}` }) as React.HTMLAttributes<HTMLElement>
                  }
                  columns={[
                    { key: 'n', title: '#', width: 40, render: (_, f) => f.name + 1 },
                    {
                      key: 'key',
                      title: t('assessmentScheme.indicator'),
                      width: 340,
                      render: (_, f) => {
                        const key = items[f.name]?.key;
                        const warn = warningOf(key);
                        const def = key ? defs.get(key) : undefined;
                        return (
                          <>
                            <Form.Item
                              name={[f.name, 'key']}
                              style={{ marginBottom: def ? 4 : 0 }}
                              rules={[
                                { required: true, message: t('common.requiredSelect') },
                                {
                                  validator: async (_r, v: unknown) => {
                                    const all = (form.getFieldValue('items') ?? []) as FormItem[];
                                    if (v && all.some((o, n) => n !== f.name && o?.key === v))
                                      throw new Error(t('assessmentScheme.duplicate'));
                                  },
                                },
                              ]}
                            >
                              <Select
                                showSearch={{ optionFilterProp: 'label' }}
                                placeholder={t('assessmentScheme.indicatorPlaceholder')}
                                aria-label={`${t('assessmentScheme.row', { n: f.name + 1 })} ${t('assessmentScheme.indicator')}`}
                                options={indicators.map((i) => ({
                                  ...optionOf(i),
                                  disabled: scoredKeys.has(i.key) && i.key !== key,
                                }))}
                                style={{ width: 320 }}
                                data-testid="scheme-indicator"
                              />
                            </Form.Item>
                            {def && (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {t(`assessmentScheme.measure.${def.measure}`)} ·{' '}
                                {t(`assessmentScheme.better.${def.better}`)}
                                {def.unit ? ` · ${def.unit}` : ''}
                              </Typography.Text>
                            )}
                            {warn && (
                              <Alert
                                type="warning"
                                showIcon
                                icon={<WarningOutlined />}
                                style={{ marginTop: 6, maxWidth: 320 }}
                                title={t('assessmentScheme.activityRow')}
                                description={warn}
                                data-testid="scheme-row-warning"
                              />
                            )}
                          </>
                        );
                      },
                    },
                    {
                      key: 'weight',
                      title: t('assessmentScheme.weight'),
                      render: (_, f) => (
                        <Form.Item
                          name={[f.name, 'weight']}
                          style={{ marginBottom: 0 }}
                          rules={[{ required: true, message: t('common.required') }]}
                        >
                          <InputNumber
                            min={0}
                            max={100}
                            step={1}
                            aria-label={`${t('assessmentScheme.row', { n: f.name + 1 })} ${t('assessmentScheme.weight')}`}
                            data-testid="scheme-weight"
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      key: 'target',
                      title: t('assessmentScheme.target'),
                      render: (_, f) => {
                        const rate = defs.get(items[f.name]?.key ?? '')?.measure === 'rate';
                        const label = rate ? t('assessmentScheme.targetRate') : t('assessmentScheme.target');
                        return (
                          <Form.Item
                            name={[f.name, 'target']}
                            style={{ marginBottom: 0 }}
                            rules={[{ required: true, message: t('common.required') }]}
                          >
                            <InputNumber
                              min={0}
                              max={rate ? 100 : 1_000_000}
                              step={rate ? 5 : 1}
                              suffix={rate ? '%' : undefined}
                              aria-label={`${t('assessmentScheme.row', { n: f.name + 1 })} ${label}`}
                              data-testid="scheme-target"
                            />
                          </Form.Item>
                        );
                      },
                    },
                    ...(['bonusPer', 'bonusMax'] as const).map((k) => ({
                      key: k,
                      title: t(`assessmentScheme.${k}`),
                      render: (_: unknown, f: { name: number }) => {
                        const def = defs.get(items[f.name]?.key ?? '');
                        // extra points only for counts where more is better (the server refuses the rest)
                        const allowed = !def || (def.measure === 'count' && def.better === 'higher');
                        return (
                          <Form.Item name={[f.name, k]} style={{ marginBottom: 0 }}>
                            <InputNumber
                              min={0}
                              max={100}
                              step={k === 'bonusPer' ? 0.5 : 1}
                              disabled={!allowed && !items[f.name]?.[k]}
                              title={allowed ? undefined : t('assessmentScheme.bonusCountOnly')}
                              aria-label={`${t('assessmentScheme.row', { n: f.name + 1 })} ${t(`assessmentScheme.${k}`)}`}
                              data-testid={`scheme-${k}`}
                            />
                          </Form.Item>
                        );
                      },
                    })),
                    {
                      key: 'remove',
                      title: t('common.actions'),
                      render: (_, f) => (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('assessmentScheme.removeRow', { n: f.name + 1 })}
                          onClick={() => remove(f.name)}
                          {...testIdProps('scheme-remove')}
                        >
                          {t('assessmentScheme.remove')}
                        </Button>
                      ),
                    },
                  ]}
                />
                <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 12 }}>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ weight: 0, target: 0, bonusPer: 0, bonusMax: 0 })}
                    {...testIdProps('scheme-add')}
                  >
                    {t('assessmentScheme.add')}
                  </Button>
                  <div role="status" aria-live="polite" data-testid="scheme-total">
                    {total === 100 ? (
                      <Typography.Text type="success">
                        {t('assessmentScheme.total', { total })} · {t('assessmentScheme.totalOk')}
                      </Typography.Text>
                    ) : (
                      <Alert
                        type="error"
                        showIcon
                        title={t('assessmentScheme.totalWrong', {
                          total,
                          diff: diff > 0 ? `+${diff}` : String(diff),
                        })}
                        data-testid="scheme-total-wrong"
                      />
                    )}
                  </div>
                </Flex>
                {issues.items.length > 0 && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    style={{ marginTop: 8 }}
                    title={issues.items.join('；')}
                    data-testid="scheme-items-error"
                  />
                )}
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('assessmentScheme.shown')} style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('assessmentScheme.shownHint')}</Typography.Paragraph>
          <Form.Item name="shown" label={t('assessmentScheme.shownLabel')} style={{ marginBottom: 0 }}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={indicators.filter((i) => !scoredKeys.has(i.key)).map(optionOf)}
              data-testid="scheme-shown"
            />
          </Form.Item>
        </Card>
        {manage && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} {...testIdProps('scheme-save')}>
              {t('assessmentScheme.save')}
            </Button>
            <Button onClick={onReload} {...testIdProps('scheme-reset')}>
              {t('assessmentScheme.reset')}
            </Button>
          </Space>
        )}
      </Form>
    </Space>
  );
}
