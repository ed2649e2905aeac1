import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type { MyNotice, NoticeReceipt, SendDirectNotice, SentNotice } from '../../../../contracts/notify.ts';
import { api } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';

// The notice centre's API hooks, shared by the member app (light: types only from the contracts,
// no zod, no antd) and the console. Typed from contracts/notify.ts.

export const noticeKeys = {
  all: ['notices'] as const,
  unread: ['notices', 'mine', 'unread'] as const,
  mine: (q: object) => ['notices', 'mine', q] as const,
  sent: (q: object) => ['notices', 'sent', q] as const,
  one: (id: string) => ['notices', 'one', id] as const,
  receipts: (id: string, q: object) => ['notices', 'receipts', id, q] as const,
};

/** The unread count on the member home's tile and the console's bell; refreshed every minute. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: noticeKeys.unread,
    queryFn: ({ signal }) => api.get<{ count: number }>('/notices/mine/unread-count', undefined, signal),
    refetchInterval: 60_000,
    staleTime: 15_000,
    enabled,
  });
}

export function useMyNotices(q: { page: number; pageSize: number; unreadFirst?: boolean }) {
  return useQuery({
    queryKey: noticeKeys.mine(q),
    queryFn: ({ signal }) =>
      api.get<Page<MyNotice>>(
        '/notices/mine',
        { page: q.page, pageSize: q.pageSize, unreadFirst: q.unreadFirst ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** Opening a notice marks it read (the server does it once); the counts and lists refresh. */
export function useReadNotice(id: string) {
  return useQuery({
    queryKey: ['notices', 'open', id],
    queryFn: async () => {
      const n = await api.post<MyNotice>(`/notices/${id}/read`);
      void queryClient.invalidateQueries({ queryKey: ['notices', 'mine'] });
      void queryClient.invalidateQueries({ queryKey: ['tile-badge'] });
      return n;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type SentQuery = {
  page: number;
  pageSize: number;
  orgId?: string;
  kind?: string;
  sourceType?: string;
  sourceId?: string;
};

export function useSentNotices(q: SentQuery, enabled = true) {
  return useQuery({
    queryKey: noticeKeys.sent(q),
    queryFn: ({ signal }) => api.get<Page<SentNotice>>('/notices', { ...q }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSentNotice(id: string | undefined) {
  return useQuery({
    queryKey: noticeKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<SentNotice>(`/notices/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useReceipts(
  id: string | undefined,
  q: { page: number; pageSize: number; state?: 'read' | 'unread' },
) {
  return useQuery({
    queryKey: noticeKeys.receipts(id ?? '', q),
    queryFn: ({ signal }) => api.get<Page<NoticeReceipt>>(`/notices/${id}/receipts`, { ...q }, signal),
    placeholderData: keepPreviousData,
    enabled: !!id,
  });
}

export function useNoticeKinds() {
  return useQuery({
    queryKey: ['notices', 'kinds'],
    queryFn: ({ signal }) =>
      api.get<{ items: { kind: string; label: string }[] }>('/notices/kinds', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRemind() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ reminded: number; notice: SentNotice }>(`/notices/${id}/remind`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}

export function useSendNotice() {
  return useMutation({
    mutationFn: (body: SendDirectNotice) => api.post<SentNotice>('/notices', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}
