import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFullMembers } from './api.ts';
import './i18n.ts';

function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * Names one or two full members of the caller's scope (培养联系人, 入党介绍人) by typing part of a
 * name; the server searches and checks again when the file is saved.
 */
export function MemberPicker({
  value,
  onChange,
  known,
  exclude,
  max = 2,
  disabled,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** The people already named (id and name), so they show by name before any search. */
  known: { id: string; name: string }[];
  /** The person whose file this is: never their own contact or sponsor. */
  exclude?: string;
  max?: number;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim());
  const search = useFullMembers(q, open);
  const options = useMemo(() => {
    const seen = new Map<string, { value: string; label: string; title: string }>();
    for (const p of known) seen.set(p.id, { value: p.id, label: p.name, title: p.name });
    for (const m of search.data?.items ?? [])
      if (m.id !== exclude && !seen.has(m.id))
        seen.set(m.id, { value: m.id, label: `${m.name}（${m.orgName}）`, title: m.name });
    return [...seen.values()];
  }, [known, search.data, exclude]);

  return (
    <Select
      id={id}
      mode="multiple"
      maxCount={max}
      value={value ?? []}
      onChange={(ids: string[]) => {
        setText('');
        onChange?.(ids);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={setOpen}
      loading={search.isFetching}
      disabled={disabled}
      placeholder={t('members.pipeline.pickPeople')}
      notFoundContent={search.isFetching ? t('members.pipeline.searching') : t('members.pipeline.nobody')}
      optionLabelProp="title"
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
