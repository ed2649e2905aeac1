import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker as MonthPicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DuesBasis, DuesCategory } from '../../../../../contracts/members/dues.ts';
import { currentMonth } from '../../../app/dates.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { applyServerErrors } from '../../../app/forms.ts';
import { toFen } from '../../../app/format.ts';
import { memberKeys } from '../keys.ts';
import { duesApi, useStandardTable } from './api.ts';
import { useDuesWords } from './parts.tsx';
import './i18n.ts';

const FIELDS = ['fromMonth', 'category', 'basis', 'incomeFen', 'reason'] as const;
type Category = (typeof DuesCategory.options)[number];
type Basis = (typeof DuesBasis.options)[number];
type Values = {
  fromMonth: Dayjs;
  category: Category;
  basis?: Basis | null;
  income?: number | null;
  reason?: string;
};

/** The bases each percentage category may take (the server checks the same: rules.ts basisProblem). */
const BASES: Partial<Record<Category, Basis[]>> = {
  salaried: ['salary', 'annual_salary', 'self_employed'],
  retired: ['pension'],
};

/**
 * 调整党费标准 from a month on. Outside the department's yearly window the reason is asked for (and
 * kept); the standard itself is computed by the server with the department's figures.
 */
export function StandardDrawer({
  memberId,
  current,
  onClose,
}: {
  memberId: string;
  current: {
    category: Category | null;
    basis: Basis | null;
    incomeFen: number | null;
    standardFen: number | null;
  };
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const words = useDuesWords();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const table = useStandardTable();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const category = Form.useWatch('category', form) ?? current.category ?? 'salaried';
  const basis = Form.useWatch('basis', form);
  const bases = BASES[category] ?? [];
  const windowOpen = table.data?.window.open ?? false;

  const save = useMutation({
    mutationFn: (v: Values) =>
      duesApi.setStandard({
        memberId,
        fromMonth: v.fromMonth.format('YYYY-MM'),
        category: v.category,
        basis: bases.length ? (v.basis ?? bases[0]) : null,
        incomeFen: bases.length && typeof v.income === 'number' ? toFen(v.income) : null,
        reason: v.reason?.trim() ? v.reason.trim() : null,
      }),
    onSuccess: () => {
      message.success(t('dues.std.saved'));
      void queryClient.invalidateQueries({ queryKey: memberKeys.dues });
      void queryClient.invalidateQueries({ queryKey: memberKeys.one(memberId) });
      onClose();
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, [...FIELDS, 'income'])),
  });
  const submit = async () => {
    setGeneral(null);
    const v = await form.validateFields().catch(() => null);
    if (v) save.mutate(v);
  };

  return (
    <FormDrawer
      title={t('dues.std.title')}
      size={480}
      saving={save.isPending}
      onSave={submit}
      onClose={onClose}
      testId="standard-drawer"
      saveTestId="standard-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          fromMonth: dayjs(`${currentMonth()}-01`),
          category: current.category ?? 'salaried',
          basis: current.basis ?? undefined,
          income: current.incomeFen == null ? undefined : current.incomeFen / 100,
        }}
      >
        {general && <Alert type="error" showIcon title={general} role="alert" style={{ marginBottom: 12 }} />}
        <Alert
          type={windowOpen ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            windowOpen
              ? t('dues.windowOpen', { from: table.data?.window.from, to: table.data?.window.to })
              : t('dues.windowClosed', {
                  when:
                    table.data?.window.from && table.data.window.to
                      ? `${table.data.window.from} – ${table.data.window.to}`
                      : t('dues.windowNone'),
                })
          }
        />
        <Form.Item name="fromMonth" label={t('dues.std.from')} rules={[{ required: true }]}>
          <MonthPicker
            picker="month"
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            data-testid="standard-from"
          />
        </Form.Item>
        <Form.Item name="category" label={t('dues.std.category')} rules={[{ required: true }]}>
          <Select
            options={DuesCategory.options.map((c) => ({ value: c, label: t(`duesCategory.${c}`) }))}
            onChange={() => form.setFieldValue('basis', undefined)}
            data-testid="standard-category"
          />
        </Form.Item>
        {bases.length > 0 && (
          <>
            <Form.Item name="basis" label={t('dues.std.basis')}>
              <Select
                placeholder={words.basis(bases[0])}
                options={bases.map((b) => ({ value: b, label: words.basis(b) }))}
                data-testid="standard-basis"
              />
            </Form.Item>
            <Form.Item
              name="income"
              label={t(basis === 'annual_salary' ? 'dues.std.incomeAnnual' : 'dues.std.incomeMonthly')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={0}
                max={10_000_000}
                precision={2}
                prefix="¥"
                style={{ width: 200 }}
                data-testid="standard-income"
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={t('dues.std.reason')}
          extra={t('dues.std.reasonHint')}
          // a first standard needs none; a change outside the window does (the server says the same)
          rules={windowOpen || current.standardFen == null ? [] : [{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} data-testid="standard-reason" lang={i18n.language} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
