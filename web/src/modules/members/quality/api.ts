import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { QualityQuery, QualityReport } from '../../../../../contracts/members/quality.ts';
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
