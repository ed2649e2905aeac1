import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  MobileListQuery,
  MobilePeriod,
  RecordMobilePeriod,
} from '../../../../../contracts/members/mobile.ts';
import { api } from '../../../app/api.ts';

export const mobileKeys = { all: ['mobile'] as const };

export type MobileFilter = Omit<z.input<typeof MobileListQuery>, 'page' | 'pageSize'> & {
  side: 'home' | 'host';
  page: number;
  pageSize: number;
};

export function useMobilePeriods(filter: MobileFilter) {
  return useQuery({
    queryKey: [...mobileKeys.all, 'list', filter],
    queryFn: ({ signal }) => api.get<Page<MobilePeriod>>('/mobile-periods', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many periods match, without their rows (the reminder's count). */
export function useMobileCount(filter: Omit<MobileFilter, 'page' | 'pageSize'>) {
  return useQuery({
    queryKey: [...mobileKeys.all, 'count', filter],
    queryFn: ({ signal }) =>
      api
        .get<Page<MobilePeriod>>('/mobile-periods', { ...filter, page: 1, pageSize: 1 }, signal)
        .then((r) => r.total),
  });
}

export const mobileApi = {
  record: (body: z.input<typeof RecordMobilePeriod>) => api.post<MobilePeriod>('/mobile-periods', body),
  end: (id: string, backOn: string) => api.post<MobilePeriod>(`/mobile-periods/${id}/return`, { backOn }),
};
