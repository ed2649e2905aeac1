import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  AdvanceMember,
  CancelProbation,
  ExtendProbation,
  PipelineDueList,
  PipelineFile,
  PipelineUpdate,
  WithdrawCancellation,
} from '../../../../../contracts/members/pipeline.ts';
import type { Member, MemberDetail } from '../../../../../contracts/members/record.ts';
import { api } from '../../../app/api.ts';
import { memberKeys } from '../keys.ts';

export type PipelineDueT = z.infer<typeof PipelineDueList>['items'][number];
export type PipelineDuePageT = z.infer<typeof PipelineDueList>;
export type PipelineUpdateBody = z.infer<typeof PipelineUpdate>;
export type AdvanceBody = z.infer<typeof AdvanceMember>;
export type PipelineFileT = z.infer<typeof PipelineFile>;
export type ExtendBody = z.input<typeof ExtendProbation>;
export type CancelBody = z.input<typeof CancelProbation>;
export type WithdrawBody = z.input<typeof WithdrawCancellation>;

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

/** Under the pipeline's key: a change anywhere in the pipeline refreshes the file too. */
export const pipelineFileKey = (id: string) => [...memberKeys.pipeline, 'file', id] as const;

/** One person's recruitment file: dates, people, probation, the next step and its alerts. */
export function usePipelineFile(id: string) {
  return useQuery({
    queryKey: pipelineFileKey(id),
    queryFn: ({ signal }) => api.get<PipelineFileT>(`/members/${id}/pipeline`, undefined, signal),
  });
}

/** Full members in scope whose name matches, for naming contacts and sponsors. */
export function useFullMembers(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...memberKeys.all, 'full-members', q],
    queryFn: ({ signal }) =>
      api.get<Page<Member>>('/members', { q: q || undefined, status: 'full', pageSize: 20 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const pipelineApi = {
  saveFile: (id: string, body: PipelineUpdateBody) =>
    api.patch<MemberDetail>(`/members/${id}/pipeline`, body),
  advance: (id: string, body: AdvanceBody) => api.post<MemberDetail>(`/members/${id}/advance`, body),
  extend: (id: string, body: ExtendBody) =>
    api.put<PipelineFileT>(`/members/${id}/probation/extension`, body),
  cancel: (id: string, body: CancelBody) =>
    api.put<PipelineFileT>(`/members/${id}/probation/cancellation`, body),
  withdrawCancellation: (id: string, body: WithdrawBody) =>
    api.post<PipelineFileT>(`/members/${id}/probation/cancellation/withdrawal`, body),
};
