import { useQuery } from '@tanstack/react-query';
import type {
  AnswerSaved,
  AnswerValue,
  Attempt,
  AttemptResult,
  MyExams,
} from '../../../../../contracts/exams/sittings.ts';
import { api } from '../../../app/api.ts';

// The member's side of the exams (/m/exams): types only from the contracts (no zod at run time),
// so the member screens stay light.

export const myExamKeys = {
  all: ['my-exams'] as const,
  list: ['my-exams', 'list'] as const,
  attempt: (id: string) => ['my-exams', 'attempt', id] as const,
  result: (id: string) => ['my-exams', 'result', id] as const,
};

export function useMyExams() {
  return useQuery({
    queryKey: myExamKeys.list,
    queryFn: ({ signal }) => api.get<MyExams>('/my/exams', undefined, signal),
    // an exam opens or closes while the list is on screen
    refetchInterval: 60_000,
  });
}

/** The attempt being sat, as the server has it: the questions, the saved answers, its clock. */
export function useAttempt(id: string) {
  return useQuery({
    queryKey: myExamKeys.attempt(id),
    queryFn: ({ signal }) => api.get<Attempt>(`/attempts/${id}`, undefined, signal),
    // the page holds the answers itself once loaded: a background refetch must not reset them
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: 3,
  });
}

export function useAttemptResult(id: string) {
  return useQuery({
    queryKey: myExamKeys.result(id),
    queryFn: ({ signal }) => api.get<AttemptResult>(`/attempts/${id}/result`, undefined, signal),
  });
}

export const sittingApi = {
  /** Starts an attempt, or answers the one still open (resume). */
  start: (examId: string) => api.post<Attempt>(`/exams/${examId}/attempts`),
  /** The attempt without the cache (the page polls it once time is up). */
  fetch: (id: string) => api.get<Attempt>(`/attempts/${id}`),
  save: (id: string, slot: number, answer: AnswerValue) =>
    api.put<AnswerSaved>(`/attempts/${id}/answers/${slot}`, { answer }),
  submit: (id: string) => api.post<AttemptResult>(`/attempts/${id}/submit`),
};
