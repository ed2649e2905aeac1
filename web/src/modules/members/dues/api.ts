import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ArrearsReport,
  DuesSheet,
  DuesStandardEntry,
  DuesStandardTable,
  MemberDues,
  RecordedPayments,
  RecordPayments,
  RecordRelief,
  Relief,
  ReliefPage,
  SetDuesStandard,
} from '../../../../../contracts/members/dues.ts';
import { api, download } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type ArrearsReportT = z.infer<typeof ArrearsReport>;
export type ArrearsRowT = ArrearsReportT['items'][number];
export type StandardTableT = z.infer<typeof DuesStandardTable>;
export type PaymentT = z.infer<typeof RecordPayments>['payments'][number];
export type DuesSheetT = z.infer<typeof DuesSheet>;
export type SheetRowT = DuesSheetT['items'][number];
export type ReliefT = z.infer<typeof Relief>;
export type MemberDuesT = z.infer<typeof MemberDues>;
export type RecordReliefT = z.input<typeof RecordRelief>;
export type SetStandardT = z.input<typeof SetDuesStandard>;

export type ArrearsFilter = { orgId?: string; asOf: string; minMonths: number; onlyFlagged?: boolean };
const arrearsQuery = (f: ArrearsFilter) => ({
  orgId: f.orgId,
  asOf: f.asOf,
  minMonths: f.minMonths,
  onlyFlagged: f.onlyFlagged ? 'true' : undefined,
});

export function useArrears(filter: ArrearsFilter & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...memberKeys.dues, 'arrears', filter],
    queryFn: ({ signal }) =>
      api.get<ArrearsReportT>(
        '/dues/arrears',
        { ...arrearsQuery(filter), page: filter.page, pageSize: filter.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** The whole list, for the print view: page after page (200 a page, the most the API gives). */
export function useWholeArrears(filter: ArrearsFilter) {
  return useQuery({
    queryKey: [...memberKeys.dues, 'arrears-all', filter],
    queryFn: async ({ signal }) => {
      const first = await api.get<ArrearsReportT>(
        '/dues/arrears',
        { ...arrearsQuery(filter), page: 1, pageSize: 200 },
        signal,
      );
      const items = [...first.items];
      for (let page = 2; items.length < first.total && page <= 100; page++) {
        const next = await api.get<ArrearsReportT>(
          '/dues/arrears',
          { ...arrearsQuery(filter), page, pageSize: 200 },
          signal,
        );
        items.push(...next.items);
      }
      return { ...first, items };
    },
  });
}

export function useSheet(q: { orgId?: string; month: string; q: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...memberKeys.dues, 'sheet', q],
    queryFn: ({ signal }) => api.get<DuesSheetT>('/dues/sheet', q, signal),
    enabled: !!q.orgId,
    placeholderData: keepPreviousData,
  });
}

export function useReliefs(q: { orgId?: string; show: 'current' | 'all'; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...memberKeys.dues, 'reliefs', q],
    queryFn: ({ signal }) => api.get<z.infer<typeof ReliefPage>>('/dues/reliefs', q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMemberDues(memberId: string, enabled = true) {
  return useQuery({
    queryKey: [...memberKeys.dues, 'member', memberId],
    queryFn: ({ signal }) => api.get<MemberDuesT>(`/dues/members/${memberId}`, { months: 24 }, signal),
    enabled,
  });
}

/** The 2008 rules with the department's figures; they do not change while the page is open. */
export function useStandardTable() {
  return useQuery({
    queryKey: [...memberKeys.dues, 'standard'],
    queryFn: () => api.get<StandardTableT>('/dues/standard-table'),
    staleTime: 5 * 60_000,
  });
}

export const duesApi = {
  record: (payments: PaymentT[]) =>
    api.post<z.infer<typeof RecordedPayments>>('/dues/payments', { payments }),
  recordRelief: (body: RecordReliefT) => api.post<ReliefT>('/dues/reliefs', body),
  approveRelief: (id: string, committeeApprovedOn: string) =>
    api.post<ReliefT>(`/dues/reliefs/${id}/approve`, { committeeApprovedOn }),
  endRelief: (id: string, toMonth: string) => api.post<ReliefT>(`/dues/reliefs/${id}/end`, { toMonth }),
  setStandard: (body: SetStandardT) => api.post<z.infer<typeof DuesStandardEntry>>('/dues/standards', body),
  exportArrears: (f: ArrearsFilter) => download('/dues/arrears/export', arrearsQuery(f), '欠缴党费名单.xlsx'),
};
