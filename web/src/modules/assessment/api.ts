import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { SchemeInput, SchemeView } from '../../../../contracts/assessment/scheme.ts';
import type {
  AddAdjustment,
  IndicatorRecords,
  MonthState,
  OrgMonth,
  Rankings,
} from '../../../../contracts/assessment/scores.ts';
import { api } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';

export const assessmentKeys = {
  all: ['assessment'] as const,
  scheme: ['assessment', 'scheme'] as const,
  month: (month: string) => ['assessment', 'month', month] as const,
  rankings: (month: string, orgId?: string) => ['assessment', 'rankings', month, orgId ?? ''] as const,
  org: (month: string, orgId: string) => ['assessment', 'org', month, orgId] as const,
  records: (month: string, orgId: string, key: string) =>
    ['assessment', 'records', month, orgId, key] as const,
};

/** A computation, a closing, an adjustment change every figure of the month: reload them all. */
const refresh = () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all });

const m = (month: string) => `/assessment/months/${month}`;

export function useMonthState(month: string) {
  return useQuery({
    queryKey: assessmentKeys.month(month),
    queryFn: ({ signal }) => api.get<MonthState>(m(month), undefined, signal),
  });
}

/** An org and its children ranked; without `orgId`, the top of the actor's scope. */
export function useRankings(month: string, orgId?: string) {
  return useQuery({
    queryKey: assessmentKeys.rankings(month, orgId),
    queryFn: ({ signal }) => api.get<Rankings>(`${m(month)}/rankings`, { orgId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrgMonth(month: string, orgId: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.org(month, orgId ?? ''),
    queryFn: ({ signal }) => api.get<OrgMonth>(`${m(month)}/orgs/${orgId}`, undefined, signal),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  });
}

export function useItemRecords(month: string, orgId: string | undefined, key: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.records(month, orgId ?? '', key ?? ''),
    queryFn: ({ signal }) =>
      api.get<IndicatorRecords>(
        `${m(month)}/orgs/${orgId}/items/${encodeURIComponent(key ?? '')}/records`,
        undefined,
        signal,
      ),
    enabled: !!orgId && !!key,
  });
}

export const useCompute = (month: string) =>
  useMutation({
    mutationFn: (full: boolean) => api.post<MonthState>(`${m(month)}/compute`, { full }),
    onSuccess: refresh,
  });

export const useCloseMonth = (month: string) =>
  useMutation({ mutationFn: () => api.post<MonthState>(`${m(month)}/close`), onSuccess: refresh });

export const reopenMonth = (month: string, reason: string) =>
  api.post<MonthState>(`${m(month)}/reopen`, { reason }).then((r) => {
    void refresh();
    return r;
  });

export const addAdjustment = (month: string, body: AddAdjustment) =>
  api.post<OrgMonth>(`${m(month)}/adjustments`, body).then((r) => {
    void refresh();
    return r;
  });

export function useScheme() {
  return useQuery({
    queryKey: assessmentKeys.scheme,
    queryFn: ({ signal }) => api.get<SchemeView>('/assessment/scheme', undefined, signal),
  });
}

export const useSaveScheme = () =>
  useMutation({
    mutationFn: (body: SchemeInput) => api.put<SchemeView>('/assessment/scheme', body),
    onSuccess: (view) => queryClient.setQueryData(assessmentKeys.scheme, view),
  });
