import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  QualityGapPage,
  QualityGapQuery,
  QualityQuery,
  QualityReport,
} from '../../../../../contracts/members/quality.ts';
import { api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type QualityReportT = z.infer<typeof QualityReport>;
export type QualityRowT = QualityReportT['total'];

export function useQuality(query: z.input<typeof QualityQuery>) {
  return useQuery({
    queryKey: memberKeys.quality(query),
    queryFn: ({ signal }) => api.get<QualityReportT>('/members/quality', query, signal),
    placeholderData: keepPreviousData,
  });
}

export type QualityGapPageT = z.infer<typeof QualityGapPage>;

/** The records behind a rate: those of a subtree lacking what the rate counts, a page at a time. */
export function useQualityGaps(
  query: Omit<z.input<typeof QualityGapQuery>, 'page' | 'pageSize'> & {
    page: number;
    pageSize: number;
  },
) {
  return useQuery({
    queryKey: [...memberKeys.quality(query), 'gaps'],
    queryFn: ({ signal }) => api.get<QualityGapPageT>('/members/quality/gaps', query, signal),
    placeholderData: keepPreviousData,
  });
}
