import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  CreateMember,
  CreateSanction,
  CreateTrip,
  Sanction,
  Trip,
  HistoryList,
  Member,
  MemberDetail,
  MemberListQuery,
  RevealedPii,
  UpdateMember,
} from '../../../../../contracts/members/record.ts';
import { api, upload } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

/** The list's filter as the URL and the API take it (contracts/members/record.ts, MemberListQuery). */
export type MemberFilter = Omit<z.input<typeof MemberListQuery>, 'orgKind' | 'page' | 'pageSize'> & {
  page: number;
  pageSize: number;
};
export type HistoryEntryT = z.infer<typeof HistoryList>['items'][number];
export type RevealedPiiT = z.infer<typeof RevealedPii>;

export function useMembers(filter: MemberFilter, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: memberKeys.list(filter),
    queryFn: ({ signal }) => api.get<Page<Member>>('/members', filter, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function useMember(id: string | undefined) {
  return useQuery({
    queryKey: memberKeys.one(id ?? ''),
    queryFn: () => api.get<MemberDetail>(`/members/${id}`),
    enabled: !!id,
  });
}

export function useMemberHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.history(id),
    queryFn: () => api.get<z.infer<typeof HistoryList>>(`/members/${id}/history`).then((r) => r.items),
    enabled,
  });
}

/** All members of one branch, page by page (a village branch can hold a few hundred). */
export async function fetchBranchMembers(
  orgId: string,
  limit = 2000,
): Promise<{ items: Member[]; total: number }> {
  const pageSize = 200;
  const items: Member[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<Member>>('/members', { orgId, page, pageSize });
    items.push(...r.items);
    if (r.items.length < pageSize || items.length >= r.total || items.length >= limit)
      return { items, total: r.total };
  }
}

export const memberApi = {
  create: (body: z.input<typeof CreateMember>) => api.post<Member>('/members', body),
  update: (id: string, body: z.input<typeof UpdateMember>) => api.patch<Member>(`/members/${id}`, body),
  reveal: (id: string) => api.post<RevealedPiiT>(`/members/${id}/reveal`),
  uploadPhoto: (id: string, file: File) => {
    const form = new FormData();
    form.set('photo', file);
    return upload(`/members/${id}/photo`, form);
  },
};

// ── 奖惩 and 出国（境）: the records kept with a member ─────────────────────────────────────────

export type SanctionT = z.infer<typeof Sanction>;
export type TripT = z.infer<typeof Trip>;

export function useSanctions(memberId: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.sanctions(memberId, page),
    queryFn: () => api.get<Page<SanctionT>>(`/members/${memberId}/sanctions`, { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTrips(memberId: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.trips(memberId, page),
    queryFn: () => api.get<Page<TripT>>(`/members/${memberId}/trips`, { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const memberItemApi = {
  addSanction: (memberId: string, body: z.input<typeof CreateSanction>) =>
    api.post<SanctionT>(`/members/${memberId}/sanctions`, body),
  removeSanction: (memberId: string, id: string) => api.del(`/members/${memberId}/sanctions/${id}`),
  addTrip: (memberId: string, body: z.input<typeof CreateTrip>) =>
    api.post<TripT>(`/members/${memberId}/trips`, body),
  endTrip: (memberId: string, id: string, returnedOn: string) =>
    api.post<TripT>(`/members/${memberId}/trips/${id}/return`, { returnedOn }),
  removeTrip: (memberId: string, id: string) => api.del(`/members/${memberId}/trips/${id}`),
};
