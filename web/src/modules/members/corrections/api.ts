import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Correction, CorrectionList } from '../../../../../contracts/members/corrections.ts';
import { api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type CorrectionT = z.infer<typeof Correction>;

export function useCorrections(filter: { orgId?: string; status?: CorrectionT['status'] }) {
  return useQuery<CorrectionT[]>({
    queryKey: [...memberKeys.corrections, filter],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof CorrectionList>>('/corrections', filter, signal).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

export const correctionApi = {
  approve: (id: string) => api.post<CorrectionT>(`/corrections/${id}/approve`),
  reject: (id: string, reason: string) => api.post<CorrectionT>(`/corrections/${id}/reject`, { reason }),
};
