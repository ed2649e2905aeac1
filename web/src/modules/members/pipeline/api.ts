import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdvanceMember,
  PipelineDueList,
  PipelineUpdate,
} from '../../../../../contracts/members/pipeline.ts';
import type { MemberDetail } from '../../../../../contracts/members/record.ts';
import { api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type PipelineDueT = z.infer<typeof PipelineDueList>['items'][number];
export type PipelineDuePageT = z.infer<typeof PipelineDueList>;
export type PipelineUpdateBody = z.infer<typeof PipelineUpdate>;
export type AdvanceBody = z.infer<typeof AdvanceMember>;

/** Who is due for which step, a page at a time, those ready first (the server's order). */
export function usePipelineDue(query: {
  orgId?: string;
  onlyReady: boolean;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...memberKeys.pipeline, query],
    queryFn: ({ signal }) =>
      api.get<PipelineDuePageT>(
        '/pipeline/due',
        { ...query, onlyReady: query.onlyReady ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export const pipelineApi = {
  saveDates: (id: string, body: PipelineUpdateBody) =>
    api.patch<MemberDetail>(`/members/${id}/pipeline`, body),
  advance: (id: string, body: AdvanceBody) => api.post<MemberDetail>(`/members/${id}/advance`, body),
};
