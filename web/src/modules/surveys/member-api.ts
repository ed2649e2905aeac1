import { useQuery } from '@tanstack/react-query';
import type { AnswerSet } from '../../../../contracts/surveys/definition.ts';
import type { MySurveys, SurveyForm } from '../../../../contracts/surveys/surveys.ts';
import { api } from '../../app/api.ts';

// The member's and the public's side of surveys: types only from the contracts (no zod at run
// time), so these screens stay light.

export const mySurveyKeys = {
  list: ['my-surveys', 'list'] as const,
  form: (id: string) => ['my-surveys', 'form', id] as const,
  public: (token: string) => ['public-survey', token] as const,
};

export function useMySurveys() {
  return useQuery({
    queryKey: mySurveyKeys.list,
    queryFn: ({ signal }) => api.get<MySurveys>('/my/surveys', undefined, signal),
  });
}

export function useMemberForm(id: string) {
  return useQuery({
    queryKey: mySurveyKeys.form(id),
    queryFn: ({ signal }) => api.get<SurveyForm>(`/my/surveys/${id}`, undefined, signal),
    // the page holds the answers once loaded: a background refetch must not reset them
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function usePublicForm(token: string) {
  return useQuery({
    queryKey: mySurveyKeys.public(token),
    queryFn: ({ signal }) => api.get<SurveyForm>(`/public/surveys/${token}`, undefined, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export const answerApi = {
  saveDraft: (id: string, answers: AnswerSet) =>
    api.put<{ ok: true }>(`/my/surveys/${id}/draft`, { answers }),
  submit: (id: string, version: number, answers: AnswerSet) =>
    api.post<{ ok: true }>(`/my/surveys/${id}/responses`, { version, answers }),
  submitPublic: (token: string, version: number, answers: AnswerSet) =>
    api.post<{ ok: true }>(`/public/surveys/${token}/responses`, { version, answers }),
};
