import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  MyThoughtReports,
  ThoughtReport,
  ThoughtReportDue,
  ThoughtReportFrequency,
  ThoughtReportFrequencyView,
  ThoughtReportMonthly,
  ThoughtReportState,
  ThoughtReportSummary,
} from '../../../../../contracts/life/thought-reports.ts';
import { api, download, upload } from '../../../app/api.ts';

// Types only from the contracts (no zod at run time): the member screen stays light.

export const reportKeys = {
  all: ['thought-reports'] as const,
  list: (f: object) => ['thought-reports', 'list', f] as const,
  one: (id: string) => ['thought-reports', 'one', id] as const,
  due: (f: object) => ['thought-reports', 'due', f] as const,
  monthly: (f: object) => ['thought-reports', 'monthly', f] as const,
  frequency: (orgId: string) => ['thought-reports', 'frequency', orgId] as const,
  mine: ['thought-reports', 'mine'] as const,
};

export type ListFilter = { orgId?: string; state?: ThoughtReportState; page: number; pageSize: number };

export function useReports(f: ListFilter) {
  return useQuery({
    queryKey: reportKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<ThoughtReportSummary>>('/thought-reports', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: reportKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<ThoughtReport>(`/thought-reports/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export type DueFilter = { orgId?: string; when: 'current' | 'previous'; page: number; pageSize: number };

export function useDue(f: DueFilter) {
  return useQuery({
    queryKey: reportKeys.due(f),
    queryFn: ({ signal }) => api.get<Page<ThoughtReportDue>>('/thought-reports/due', f, signal),
    placeholderData: keepPreviousData,
  });
}

export type MonthlyFilter = { orgId?: string; month?: string; page: number; pageSize: number };

export function useMonthly(f: MonthlyFilter) {
  return useQuery({
    queryKey: reportKeys.monthly(f),
    queryFn: ({ signal }) => api.get<ThoughtReportMonthly>('/thought-reports/monthly', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFrequency(orgId: string | undefined) {
  return useQuery({
    queryKey: reportKeys.frequency(orgId ?? ''),
    queryFn: ({ signal }) =>
      api.get<ThoughtReportFrequencyView>('/thought-reports/frequency', { orgId }, signal),
    enabled: !!orgId,
  });
}

export function useMyReports() {
  return useQuery({
    queryKey: reportKeys.mine,
    queryFn: ({ signal }) => api.get<MyThoughtReports>('/me/thought-reports', { pageSize: 50 }, signal),
  });
}

export const reportApi = {
  review: (id: string, comment: string) =>
    api.post<ThoughtReport>(`/thought-reports/${id}/review`, { comment }),
  setFrequency: (orgId: string, frequency: ThoughtReportFrequency | null) =>
    api.put<ThoughtReportFrequencyView>('/thought-reports/frequency', { orgId, frequency }),
  attachment: (id: string) => download(`/thought-reports/${id}/attachment`, undefined, 'attachment'),
  myAttachment: (id: string) => download(`/me/thought-reports/${id}/attachment`, undefined, 'attachment'),
  /** Text and an optional file, as one multipart form: the report is saved whole or not at all. */
  handIn: (input: { title: string; body: string; file: File | null }) => {
    const form = new FormData();
    form.append('title', input.title);
    form.append('body', input.body);
    if (input.file) form.append('attachment', input.file, input.file.name);
    return upload<ThoughtReport>('/me/thought-reports', form);
  },
};
