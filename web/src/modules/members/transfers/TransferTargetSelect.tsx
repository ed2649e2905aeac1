import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../../../../contracts/orgs.ts';
import { OrgOptionLabel } from '../../orgs/OrgSelect.tsx';
import { searchDestinations } from './api.ts';

function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * The receiving branch of a transfer, found by name. Unlike the other org pickers this one is not
 * limited to the actor's scope: a member moves to any branch of the deployment.
 */
export function TransferTargetSelect({
  value,
  onChange,
  excludeId,
  placeholder,
  id,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  excludeId?: string;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Org | undefined>();
  const q = useDebounced(text.trim());
  const search = useQuery({
    queryKey: ['transfers', 'targets', q],
    queryFn: ({ signal }) => searchDestinations(q, signal),
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const list = (search.data?.items ?? []).filter((o) => o.id !== excludeId);
  if (picked && !list.some((o) => o.id === picked.id)) list.unshift(picked);
  return (
    <Select
      id={id}
      value={value ?? null}
      onChange={(v: string | undefined, opt) => {
        setPicked(Array.isArray(opt) ? undefined : (opt as { org?: Org } | undefined)?.org);
        setText('');
        onChange?.(v);
      }}
      options={list.map((o) => ({ value: o.id, label: <OrgOptionLabel org={o} />, title: o.name, org: o }))}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={setOpen}
      loading={search.isFetching}
      placeholder={placeholder}
      notFoundContent={search.isFetching ? t('orgs.searching') : t('orgs.searchEmpty')}
      optionLabelProp="title"
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
