import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MyStudyProgress, StudySummary } from '../../../../../contracts/learning/requirements.ts';
import { api } from '../../../app/api.ts';

// Types only from the contracts (no zod at run time): the member screen stays light.

export const studyKeys = {
  mine: (year?: number) => ['study', 'progress', year ?? 'this'] as const,
  summary: (f: object) => ['study', 'summary', f] as const,
};

export function useMyProgress(year?: number) {
  return useQuery({
    queryKey: studyKeys.mine(year),
    queryFn: ({ signal }) => api.get<MyStudyProgress>('/study/progress', { year }, signal),
  });
}

export function useStudySummary(f: { orgId?: string; year?: number }) {
  return useQuery({
    queryKey: studyKeys.summary(f),
    queryFn: ({ signal }) => api.get<StudySummary>('/study/summary', f, signal),
    placeholderData: keepPreviousData,
  });
}
