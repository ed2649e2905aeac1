import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  Message,
  MessageCountsReport,
  MessageFilter,
  MessageThread,
  PublicMessageForm,
  PublicMessageReceipt,
} from '../../../../../contracts/openness/messages.ts';
import { api } from '../../../app/api.ts';
import type { z } from 'zod';

// Types only from the contracts (no zod at run time): the member and public screens stay light.

export const messageKeys = {
  all: ['messages'] as const,
  inbox: (f: object) => ['messages', 'inbox', f] as const,
  thread: (id: string) => ['messages', 'thread', id] as const,
  overdue: (f: object) => ['messages', 'overdue', f] as const,
  counts: (f: object) => ['messages', 'counts', f] as const,
  mine: ['messages', 'mine'] as const,
};

export type InboxFilter = { orgId?: string; filter?: MessageFilter; page: number; pageSize: number };

export function useInbox(f: InboxFilter) {
  return useQuery({
    queryKey: messageKeys.inbox(f),
    queryFn: ({ signal }) => api.get<Page<Message>>('/messages', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useThread(id: string | null) {
  return useQuery({
    queryKey: messageKeys.thread(id ?? ''),
    queryFn: ({ signal }) => api.get<MessageThread>(`/messages/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useOverdue(f: { orgId?: string; page: number; pageSize: number }, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.overdue(f),
    queryFn: ({ signal }) => api.get<Page<Message>>('/messages/overdue', f, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCounts(f: { orgId?: string; month?: string }, enabled: boolean) {
  return useQuery({
    queryKey: messageKeys.counts(f),
    queryFn: ({ signal }) => api.get<MessageCountsReport>('/messages/counts', f, signal),
    enabled,
  });
}

export function useMyMessages() {
  return useQuery({
    queryKey: messageKeys.mine,
    queryFn: ({ signal }) => api.get<Page<MessageThread>>('/messages/mine', { pageSize: 50 }, signal),
  });
}

export const messageApi = {
  reply: (id: string, body: string) => api.post<MessageThread>(`/messages/${id}/replies`, { body }),
  close: (id: string, reason: string) => api.post<MessageThread>(`/messages/${id}/close`, { reason }),
  leave: (orgId: string, body: string) => api.post<MessageThread>(`/orgs/${orgId}/messages`, { body }),
  followUp: (id: string, body: string) =>
    api.post<MessageThread>(`/messages/mine/${id}/follow-ups`, { body }),
  form: (orgId: string) => api.get<z.infer<typeof PublicMessageForm>>(`/public/orgs/${orgId}/message-form`),
  challenge: () => api.get<{ question: string; token: string; expiresAt: string }>('/public/challenge'),
  leavePublic: (
    orgId: string,
    body: { name: string; phone: string; body: string; challengeToken: string; challengeAnswer: string },
  ) => api.post<z.infer<typeof PublicMessageReceipt>>(`/public/orgs/${orgId}/messages`, body),
};
