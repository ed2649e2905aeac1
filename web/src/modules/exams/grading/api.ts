import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  ExamStatistics,
  GradingItem,
  GradingQueue,
  OrgResults,
  ResultRow,
} from '../../../../../contracts/exams/sittings.ts';
import { api, download } from '../../../app/api.ts';

export type GradingItemT = z.infer<typeof GradingItem>;
export type ResultRowT = z.infer<typeof ResultRow>;
export type OrgResultsT = z.infer<typeof OrgResults>;

export const gradingKeys = {
  all: (id: string) => ['exams', 'grading', id] as const,
  queue: (id: string, f: object) => ['exams', 'grading', id, 'queue', f] as const,
  results: (id: string, f: object) => ['exams', 'grading', id, 'results', f] as const,
  orgs: (id: string, orgId: string) => ['exams', 'grading', id, 'orgs', orgId] as const,
  statistics: (id: string) => ['exams', 'grading', id, 'statistics'] as const,
};

export type ResultFilter = {
  orgId?: string;
  status: 'all' | 'sat' | 'absent' | 'passed' | 'failed';
  page: number;
  pageSize: number;
};

export function useResults(id: string, f: ResultFilter) {
  return useQuery({
    queryKey: gradingKeys.results(id, f),
    queryFn: ({ signal }) => api.get<Page<ResultRowT>>(`/exams/${id}/results`, f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrgResults(id: string, orgId: string | undefined) {
  return useQuery({
    queryKey: gradingKeys.orgs(id, orgId ?? ''),
    queryFn: ({ signal }) => api.get<OrgResultsT>(`/exams/${id}/results/orgs`, { orgId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatistics(id: string) {
  return useQuery({
    queryKey: gradingKeys.statistics(id),
    queryFn: ({ signal }) => api.get<ExamStatistics>(`/exams/${id}/statistics`, undefined, signal),
  });
}

export function useGradingQueue(id: string, f: { pendingOnly: 'true' | 'false'; names: 'true' | 'false' }) {
  return useQuery({
    queryKey: gradingKeys.queue(id, f),
    queryFn: ({ signal }) => api.get<GradingQueue>(`/exams/${id}/grading`, f, signal),
    placeholderData: keepPreviousData,
  });
}

export const gradingApi = {
  grade: (id: string, attemptId: string, slot: number, body: { score: number; comment?: string }) =>
    api.put<GradingItemT>(`/exams/${id}/grading/${attemptId}/${slot}`, body),
  exportResults: (id: string) => download(`/exams/${id}/results/export`, undefined, '考试成绩.xlsx'),
};
