import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  EditOfflineStudy,
  OfflineBox,
  OfflinePeople,
  OfflineState,
  OfflineStudy,
  OfflineStudySummary,
  SaveOfflineStudy,
} from '../../../../../contracts/learning/offline.ts';
import { api, upload } from '../../../app/api.ts';

export const offlineKeys = {
  all: ['offline-studies'] as const,
  list: (f: object) => ['offline-studies', 'list', f] as const,
  one: (id: string) => ['offline-studies', 'one', id] as const,
  people: (orgId: string) => ['offline-studies', 'people', orgId] as const,
};

export type OfflineFilter = {
  box: OfflineBox;
  orgId?: string;
  state?: OfflineState;
  page: number;
  pageSize: number;
};

export function useStudies(f: OfflineFilter) {
  return useQuery({
    queryKey: offlineKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<OfflineStudySummary>>('/offline-studies', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStudy(id: string | null) {
  return useQuery({
    queryKey: offlineKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<OfflineStudy>(`/offline-studies/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Who may be named as attending: the org's members (its subtree's). */
export function usePeople(orgId: string | undefined) {
  return useQuery({
    queryKey: offlineKeys.people(orgId ?? ''),
    queryFn: ({ signal }) => api.get<OfflinePeople>('/offline-studies/people', { orgId }, signal),
    enabled: !!orgId,
  });
}

export const offlineApi = {
  record: (body: SaveOfflineStudy) => api.post<OfflineStudy>('/offline-studies', body),
  edit: (id: string, body: EditOfflineStudy) => api.patch<OfflineStudy>(`/offline-studies/${id}`, body),
  submit: (id: string) => api.post<OfflineStudy>(`/offline-studies/${id}/submit`),
  remove: (id: string) => api.del<{ ok: true }>(`/offline-studies/${id}`),
  approve: (id: string) => api.post<OfflineStudy>(`/offline-studies/${id}/approve`),
  return: (id: string, reason: string) => api.post<OfflineStudy>(`/offline-studies/${id}/return`, { reason }),
  addPhoto: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<OfflineStudy>(`/offline-studies/${id}/photos`, form);
  },
  removePhoto: (id: string, photoId: string) =>
    api.del<OfflineStudy>(`/offline-studies/${id}/photos/${photoId}`),
  photoUrl: (id: string, photoId: string, size: 'thumb' | 'full') =>
    `/api/v1/offline-studies/${id}/photos/${photoId}?size=${size}`,
};
