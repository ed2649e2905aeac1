import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  Activity,
  ActivityKind,
  ActivityStatus,
  ActivitySummary,
  DueList,
  MonthlyCounts,
  MyActivity,
  SignInResult,
} from '../../../../../contracts/life/activities.ts';
import { api, download, upload } from '../../../app/api.ts';

// Types only from the contracts (no zod at run time): the member screens stay light.

export const activityKeys = {
  all: ['activities'] as const,
  list: (f: object) => ['activities', 'list', f] as const,
  one: (id: string) => ['activities', 'one', id] as const,
  qr: (id: string) => ['activities', 'qr', id] as const,
  due: (f: object) => ['activities', 'due', f] as const,
  monthly: (f: object) => ['activities', 'monthly', f] as const,
  mine: (when: string) => ['activities', 'mine', when] as const,
};

export type ListFilter = {
  orgId?: string;
  kind?: ActivityKind;
  status?: ActivityStatus;
  month?: string;
  page: number;
  pageSize: number;
};

export function useActivities(f: ListFilter) {
  return useQuery({
    queryKey: activityKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<ActivitySummary>>('/activities', f, signal),
    placeholderData: keepPreviousData,
  });
}

/** One activity; `refreshMs` polls it (the QR screen's count of those signed in). */
export function useActivity(id: string, refreshMs?: number) {
  return useQuery({
    queryKey: activityKeys.one(id),
    queryFn: ({ signal }) => api.get<Activity>(`/activities/${id}`, undefined, signal),
    refetchInterval: refreshMs,
  });
}

export type QrCodeT = {
  code: string;
  path: string;
  step: number;
  validFrom: string;
  nextAt: string;
  graceSeconds: number;
};

export function useDue(f: { orgId?: string; overdue?: 'true'; page: number; pageSize: number }) {
  return useQuery({
    queryKey: activityKeys.due(f),
    queryFn: ({ signal }) => api.get<DueList>('/activities/due', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMonthly(f: { orgId?: string; month?: string }) {
  return useQuery({
    queryKey: activityKeys.monthly(f),
    queryFn: ({ signal }) => api.get<MonthlyCounts>('/activities/monthly', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyActivities(when: 'upcoming' | 'past') {
  return useQuery({
    queryKey: activityKeys.mine(when),
    queryFn: ({ signal }) => api.get<Page<MyActivity>>('/activities/mine', { when, pageSize: 50 }, signal),
  });
}

export type PlanBody = {
  orgId: string;
  kind: ActivityKind;
  topic: string;
  place: string;
  startsAt: string;
  endsAt: string;
};

export const activityApi = {
  plan: (body: PlanBody) => api.post<Activity>('/activities', body),
  cancel: (id: string, reason: string) => api.post<Activity>(`/activities/${id}/cancel`, { reason }),
  qr: (id: string) => api.get<QrCodeT>(`/activities/${id}/qr`),
  signIn: (id: string, code: string) => api.post<SignInResult>(`/activities/${id}/sign-in`, { code }),
  rollCall: (id: string, memberIds: string[]) =>
    api.post<Activity>(`/activities/${id}/roll-call`, { memberIds }),
  signInState: (id: string, open: boolean) => api.put<Activity>(`/activities/${id}/sign-in-state`, { open }),
  askLeave: (id: string, reason: string) => api.post<MyActivity>(`/activities/${id}/leave`, { reason }),
  decideLeave: (id: string, memberId: string, approve: boolean) =>
    api.post<Activity>(`/activities/${id}/attendees/${memberId}/leave-decision`, { approve }),
  minutes: (id: string, body: { host: string; recorder: string; minutes: string }) =>
    api.put<Activity>(`/activities/${id}/minutes`, body),
  upload: (id: string, kind: 'photo' | 'attachment', file: File) => {
    const form = new FormData();
    form.append('file', file);
    return upload<Activity>(`/activities/${id}/files?kind=${kind}`, form);
  },
  removeFile: (id: string, fileId: string) => api.del<Activity>(`/activities/${id}/files/${fileId}`),
  docx: (id: string) => download(`/activities/${id}/record.docx`, undefined, '会议记录.docx'),
};

/** Where a photo (or its thumbnail) of an activity is served. */
export const fileUrl = (id: string, fileId: string, size?: 'thumb') =>
  `/api/v1/activities/${id}/files/${fileId}${size ? `?size=${size}` : ''}`;
