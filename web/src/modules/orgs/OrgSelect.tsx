import { Select, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org, OrgKind } from '../../../../contracts/index.ts';
import { useOrg, useOrgSearch } from './api.ts';
import { KIND_COLOR } from './kinds.ts';
import './i18n.ts';

function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function OrgOptionLabel({ org }: { org: Pick<Org, 'name' | 'kind'> }) {
  const { t } = useTranslation();
  return (
    <span className="hy-org-option">
      <span className="hy-org-option-name">{org.name}</span>
      <Tag color={KIND_COLOR[org.kind]}>{t(`kind.${org.kind}`)}</Tag>
    </span>
  );
}

/**
 * Pick one org of the actor's scope by typing part of its name (the server searches, the list
 * would be far too long to hold here). `exclude` hides an org, for example the one being moved.
 */
export function OrgSelect({
  value,
  onChange,
  placeholder,
  exclude,
  kind,
  allowClear,
  disabled,
  id,
  style,
  'data-testid': testId,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (id: string | undefined, org?: Org) => void;
  placeholder?: string;
  exclude?: (org: Org) => boolean;
  /** Offer only orgs of this kind (members belong to branches). */
  kind?: OrgKind;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim());
  const search = useOrgSearch(q, { kind, enabled: open });
  const current = useOrg(value ?? undefined);

  const found = search.data?.items ?? [];
  const options = useMemo(() => {
    const list = found.filter((o) => !exclude?.(o));
    if (current.data && !list.some((o) => o.id === current.data.id)) list.unshift(current.data);
    return list.map((o) => ({ value: o.id, label: <OrgOptionLabel org={o} />, title: o.name, org: o }));
  }, [found, exclude, current.data]);

  return (
    <Select
      id={id}
      value={value ?? null}
      onChange={(v: string | undefined, opt) => {
        const picked = Array.isArray(opt) ? undefined : (opt as { org?: Org } | undefined)?.org;
        setText('');
        onChange?.(v, picked);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={setOpen}
      loading={search.isFetching}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('orgs.search')}
      notFoundContent={search.isFetching ? t('orgs.searching') : t('orgs.searchEmpty')}
      optionLabelProp="title"
      style={style ?? { width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
      aria-label={ariaLabel}
    />
  );
}
