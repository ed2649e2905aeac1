import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Row = { key: string; before: unknown; after: unknown; has: { before: boolean; after: boolean } };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Before/after of one audit entry, one row per field that changed. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows: Row[] = keys.map((key) => ({
    key,
    before: b[key],
    after: a[key],
    has: { before: key in b, after: key in a },
  }));

  const label = (key: string) => (i18n.exists(`audit.fields.${key}`) ? t(`audit.fields.${key}`) : key);
  const show = (key: string, v: unknown, present: boolean) => {
    if (!present || v === null || v === undefined || v === '')
      return <Typography.Text type="secondary">{t('audit.diff.empty')}</Typography.Text>;
    if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
    if ((key === 'kind' || key === 'role' || key === 'sector') && typeof v === 'string') {
      const k = `${key}.${v}`;
      return i18n.exists(k) ? `${t(k)}（${v}）` : v;
    }
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    return <code className="hy-audit-json">{JSON.stringify(v)}</code>;
  };

  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.diff.none')}</Typography.Text>;

  return (
    <Table<Row>
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      data-testid="audit-diff"
      style={{ maxWidth: 900 }}
      columns={[
        { key: 'field', title: t('audit.diff.field'), render: (_, r) => label(r.key), width: 160 },
        {
          key: 'before',
          title: t('audit.diff.before'),
          render: (_, r) => show(r.key, r.before, r.has.before),
        },
        {
          key: 'after',
          title: t('audit.diff.after'),
          render: (_, r) => <strong>{show(r.key, r.after, r.has.after)}</strong>,
        },
      ]}
    />
  );
}
