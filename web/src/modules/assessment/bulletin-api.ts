import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  Bulletin,
  BulletinList,
  CreateBulletin,
  UpdateBulletin,
} from '../../../../contracts/assessment/bulletin.ts';
import { api } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';

// 考核通报's calls (server/src/modules/assessment/bulletin/routes.ts).

export const bulletinKeys = {
  all: ['assessment', 'bulletins'] as const,
  one: (id: string) => ['assessment', 'bulletins', 'one', id] as const,
};

const refresh = () => queryClient.invalidateQueries({ queryKey: bulletinKeys.all });
const put = (b: Bulletin) => {
  queryClient.setQueryData(bulletinKeys.one(b.id), b);
  void refresh();
  return b;
};

export function useBulletins() {
  return useQuery({
    queryKey: bulletinKeys.all,
    queryFn: ({ signal }) => api.get<BulletinList>('/assessment/bulletins', undefined, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(id: string | undefined) {
  return useQuery({
    queryKey: bulletinKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Bulletin>(`/assessment/bulletins/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export const useCreateBulletin = () =>
  useMutation({
    mutationFn: (body: CreateBulletin) => api.post<Bulletin>('/assessment/bulletins', body),
    onSuccess: put,
  });

export const useUpdateBulletin = (id: string) =>
  useMutation({
    mutationFn: (body: UpdateBulletin) => api.patch<Bulletin>(`/assessment/bulletins/${id}`, body),
    onSuccess: put,
  });

/** refresh (the figures again from the month's latest scores) or issue (numbered and archived). */
export const useBulletinStep = (id: string, step: 'refresh' | 'issue') =>
  useMutation({
    mutationFn: () => api.post<Bulletin>(`/assessment/bulletins/${id}/${step}`),
    onSuccess: put,
  });

export const useDeleteBulletin = (id: string) =>
  useMutation({
    mutationFn: () => api.del<{ ok: true }>(`/assessment/bulletins/${id}`),
    onSuccess: refresh,
  });
