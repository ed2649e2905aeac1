import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../contracts/common.ts';
import type { Member } from '../../../../contracts/members/record.ts';
import { api } from '../../app/api.ts';
import { StatusTag } from './StatusTag.tsx';

function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** The member as the picker hands it on: enough to name them and know their branch. */
export type PickedMember = Pick<Member, 'id' | 'name' | 'orgId' | 'orgName' | 'status'>;

/**
 * Pick one member of the actor's scope by name, pinyin initials, ID number or phone (the server's
 * search). Only Party members (正式、预备) when `admittedOnly`: letters and migrant periods are theirs.
 * Shared by the transfers and migrant-member screens, which start from here instead of the record.
 */
export function MemberSelect({
  value,
  onChange,
  admittedOnly = false,
  placeholder,
  id,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (id: string | undefined, member?: PickedMember) => void;
  admittedOnly?: boolean;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<PickedMember | undefined>();
  const q = useDebounced(text.trim());
  const search = useQuery({
    queryKey: ['members', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<Member>>('/members', { q: q || undefined, pageSize: 20 }, signal),
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const list: PickedMember[] = (search.data?.items ?? []).filter(
    (m) => !admittedOnly || m.status === 'full' || m.status === 'probationary',
  );
  if (picked && !list.some((m) => m.id === picked.id)) list.unshift(picked);
  return (
    <Select
      id={id}
      value={value ?? null}
      onChange={(v: string | undefined, opt) => {
        const m = Array.isArray(opt) ? undefined : (opt as { member?: PickedMember } | undefined)?.member;
        setPicked(m);
        setText('');
        onChange?.(v, m);
      }}
      options={list.map((m) => ({
        value: m.id,
        title: m.name,
        member: m,
        label: (
          <span className="hy-org-option">
            <span>
              {m.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.orgName}
              </Typography.Text>
            </span>
            <StatusTag status={m.status} />
          </span>
        ),
      }))}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      onOpenChange={setOpen}
      loading={search.isFetching}
      placeholder={placeholder ?? t('memberSelect.placeholder')}
      notFoundContent={search.isFetching ? t('orgs.searching') : t('memberSelect.empty')}
      optionLabelProp="title"
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
