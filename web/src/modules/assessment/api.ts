import {
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import type { SchemeInput, SchemeView } from '../../../../contracts/assessment/scheme.ts';
import type {
  AddAdjustment,
  Heatmap,
  IndicatorRecords,
  MonthState,
  OrgMonth,
  Rankings,
  Trend,
} from '../../../../contracts/assessment/scores.ts';
import { api } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';

export const assessmentKeys = {
  all: ['assessment'] as const,
  scheme: ['assessment', 'scheme'] as const,
  month: (month: string) => ['assessment', 'month', month] as const,
  rankings: (month: string, orgId?: string) => ['assessment', 'rankings', month, orgId ?? ''] as const,
  org: (month: string, orgId: string) => ['assessment', 'org', month, orgId] as const,
  trend: (month: string, orgId?: string, months = 12) =>
    ['assessment', 'trend', month, orgId ?? '', months] as const,
  heatmap: (month: string, orgId?: string) => ['assessment', 'heatmap', month, orgId ?? ''] as const,
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

/** The wall display reloads every figure this often (and says when it last did). */
export const SCREEN_REFRESH = 5 * 60_000;

/**
 * Reloads every assessment figure on screen every `every` ms, whether or not the window has the
 * focus (a wall display's seldom does); returns the stop. A timer of its own rather than the
 * queries' refetchInterval, which TanStack Query leaves off outside a browser, so that the test
 * runs the very code the page does.
 */
export function refreshEvery(client: QueryClient, every = SCREEN_REFRESH): () => void {
  const timer = setInterval(() => {
    void client.refetchQueries({ queryKey: assessmentKeys.all, type: 'active' });
  }, every);
  return () => clearInterval(timer);
}

/** An org's months, the org and its children: their scores month by month, oldest first. */
export const trendQuery = (month: string, orgId?: string, months = 12) =>
  queryOptions({
    queryKey: assessmentKeys.trend(month, orgId, months),
    queryFn: ({ signal }) => api.get<Trend>(`${m(month)}/trend`, { orgId, months }, signal),
    placeholderData: keepPreviousData,
  });

/** The org's children × the month's scored items, each cell the attainment. */
export const heatmapQuery = (month: string, orgId?: string) =>
  queryOptions({
    queryKey: assessmentKeys.heatmap(month, orgId),
    queryFn: ({ signal }) => api.get<Heatmap>(`${m(month)}/heatmap`, { orgId }, signal),
    placeholderData: keepPreviousData,
  });

export const useTrend = (month: string, orgId?: string) => useQuery(trendQuery(month, orgId));

export const useHeatmap = (month: string, orgId?: string) => useQuery(heatmapQuery(month, orgId));
