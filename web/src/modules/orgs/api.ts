import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateOrg,
  MoveOrg,
  Org,
  OrgKind,
  OrgStats,
  Page,
  UpdateOrg,
} from '../../../../contracts/index.ts';
import { api } from '../../app/api.ts';

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  one: (id: string) => ['orgs', 'one', id] as const,
  stats: (id: string) => ['orgs', 'stats', id] as const,
  search: (q: string, under?: string, kind?: OrgKind) =>
    ['orgs', 'search', q, under ?? '', kind ?? ''] as const,
};

export const fetchOrg = (id: string) => api.get<Org>(`/orgs/${id}`);

export function useRoots() {
  return useQuery({
    queryKey: orgKeys.roots,
    queryFn: () => api.get<{ items: Org[] }>('/orgs/roots').then((r) => r.items),
  });
}

export function useOrg(id: string | undefined) {
  return useQuery({ queryKey: orgKeys.one(id ?? ''), queryFn: () => fetchOrg(id ?? ''), enabled: !!id });
}

export function useOrgStats(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.stats(id ?? ''),
    queryFn: () => api.get<OrgStats>(`/orgs/${id}/stats`),
    enabled: !!id,
  });
}

/** All direct children, page by page (a town can hold hundreds of villages). */
export async function fetchAllChildren(id: string): Promise<Org[]> {
  const pageSize = 500;
  const items: Org[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<Org>>(`/orgs/${id}/children`, { page, pageSize });
    items.push(...r.items);
    if (r.items.length < pageSize || items.length >= r.total) return items;
  }
}

/**
 * Name search within the actor's scope; empty text lists the first orgs of the scope. `kind`
 * narrows it, for example to branches where members belong.
 */
export function useOrgSearch(q: string, opts: { under?: string; kind?: OrgKind; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.search(q, opts.under, opts.kind),
    queryFn: ({ signal }) =>
      api.get<Page<Org>>(
        '/orgs',
        { q: q || undefined, under: opts.under, kind: opts.kind, pageSize: 20 },
        signal,
      ),
    enabled: opts.enabled ?? true,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export const orgApi = {
  create: (body: CreateOrg) => api.post<Org>('/orgs', body),
  update: (id: string, body: UpdateOrg) => api.patch<Org>(`/orgs/${id}`, body),
  move: (id: string, body: MoveOrg) => api.post<Org>(`/orgs/${id}/move`, body),
  reorder: (parentId: string, childIds: string[]) =>
    api.post<{ ok: true }>(`/orgs/${parentId}/reorder`, { childIds }),
  remove: (id: string) => api.del<{ ok: true }>(`/orgs/${id}`),
};
