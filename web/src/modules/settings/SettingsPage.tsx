import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, InputNumber, Select, Space, Typography } from 'antd';
import { DatePicker } from '../../app/DatePicker.tsx';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, isApiError } from '../../app/api.ts';
import { StatusPage } from '../../app/pages/StatusPage.tsx';
import './i18n.ts';

type Item = {
  key: string;
  label: string;
  labelEn: string;
  source: string;
  value: unknown;
  default: unknown;
  canChange: boolean;
};
type Value = number | string | null | string[] | { [k: string]: Value };

const isDateField = (v: unknown) => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));

/** One field of a setting: a number, a date, or (for an object) one per key. */
function Field({
  value,
  onChange,
  disabled,
}: {
  value: Value;
  onChange: (v: Value) => void;
  disabled: boolean;
}) {
  if (typeof value === 'number')
    return (
      <InputNumber
        value={value}
        onChange={(v) => onChange(v ?? 0)}
        disabled={disabled}
        style={{ width: 160 }}
      />
    );
  if (isDateField(value))
    return (
      <DatePicker
        value={value ? dayjs(value as string) : null}
        onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        disabled={disabled}
      />
    );
  // a list of days (the working calendar's days off): typed or pasted, one tag a day, kept in order
  if (Array.isArray(value))
    return (
      <Select
        mode="tags"
        value={value}
        onChange={(v: string[]) => onChange([...new Set(v.map((d) => d.trim()))].sort())}
        tokenSeparators={[',', '，', ' ', '\n']}
        open={false}
        disabled={disabled}
        style={{ minWidth: 320, maxWidth: 720 }}
      />
    );
  if (value && typeof value === 'object')
    return (
      <Space wrap>
        {Object.entries(value).map(([k, v]) => (
          <Space key={k}>
            <Typography.Text type="secondary">{k}</Typography.Text>
            <Field value={v} onChange={(nv) => onChange({ ...value, [k]: nv })} disabled={disabled} />
          </Space>
        ))}
      </Space>
    );
  return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
}

function SettingCard({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Value>(item.value as Value);
  const save = useMutation({
    mutationFn: (value: unknown) => api.put(`/settings/${item.key}`, { value }),
    onSuccess: () => {
      message.success(t('settings.saved'));
      qc.invalidateQueries({ queryKey: ['settings'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const changed = JSON.stringify(draft) !== JSON.stringify(item.value);
  return (
    <Card size="small" title={i18n.language === 'en' ? item.labelEn : item.label}>
      <Flex vertical gap={8}>
        <Field value={draft} onChange={setDraft} disabled={!item.canChange} />
        <Typography.Text type="secondary">
          {t('settings.source')}：{item.source}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('settings.default')}：{JSON.stringify(item.default)}
        </Typography.Text>
        {item.canChange && (
          <Space>
            <Button
              type="primary"
              disabled={!changed}
              loading={save.isPending}
              onClick={() => save.mutate(draft)}
            >
              {t('settings.save')}
            </Button>
            <Button onClick={() => setDraft(item.default as Value)}>{t('settings.reset')}</Button>
          </Space>
        )}
      </Flex>
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['settings'], queryFn: () => api.get<{ items: Item[] }>('/settings') });
  if (q.error)
    return (
      <StatusPage embedded code={isApiError(q.error, 403) ? '403' : 'error'} title={errorMessage(q.error)} />
    );
  const items = q.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Alert type="info" showIcon message={t('settings.hint')} />
      {items.length > 0 && !items[0]!.canChange && <Alert type="warning" message={t('settings.readOnly')} />}
      {items.map((i) => (
        <SettingCard key={`${i.key}:${JSON.stringify(i.value)}`} item={i} />
      ))}
    </Flex>
  );
}
