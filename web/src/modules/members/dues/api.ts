import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ArrearsReport,
  DuesStandardTable,
  RecordedPayments,
  RecordPayments,
} from '../../../../../contracts/members/dues.ts';
import { api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type ArrearsReportT = z.infer<typeof ArrearsReport>;
export type ArrearsRowT = ArrearsReportT['items'][number];
export type StandardTableT = z.infer<typeof DuesStandardTable>;
export type PaymentT = z.infer<typeof RecordPayments>['payments'][number];

export function useArrears(query: {
  orgId?: string;
  asOf: string;
  minMonths: number;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...memberKeys.dues, 'arrears', query],
    queryFn: ({ signal }) => api.get<ArrearsReportT>('/dues/arrears', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The 2008 rules as data; they do not change while the page is open. */
export function useStandardTable() {
  return useQuery({
    queryKey: [...memberKeys.dues, 'standard'],
    queryFn: () => api.get<StandardTableT>('/dues/standard-table'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const duesApi = {
  record: (payments: PaymentT[]) =>
    api.post<z.infer<typeof RecordedPayments>>('/dues/payments', { payments }),
};
