import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type { ClassPeople, OnlineClass } from '../../../../contracts/learning/classes.ts';
import type {
  CrossBy,
  CrossTab,
  SaveSurveyInput,
  Survey,
  SurveyResults,
  WordFrequency,
} from '../../../../contracts/surveys/surveys.ts';
import { api, download } from '../../app/api.ts';

// The console's side of surveys: the list, the designer, the results and the reports.

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (f: object) => ['surveys', 'list', f] as const,
  one: (id: string) => ['surveys', 'one', id] as const,
  results: (id: string) => ['surveys', 'results', id] as const,
  cross: (id: string, q: string, by: string, n: number) => ['surveys', 'cross', id, q, by, n] as const,
  words: (id: string, q: string, n: number) => ['surveys', 'words', id, q, n] as const,
  link: (id: string) => ['surveys', 'link', id] as const,
  classes: (orgId: string) => ['surveys', 'classes', orgId] as const,
  people: (orgId: string) => ['surveys', 'people', orgId] as const,
};

export function useSurveys(f: { orgId?: string; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: surveyKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Survey>>('/surveys', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(id: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Survey>(`/surveys/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Results while the survey is open are counted live: fetched again every few seconds. */
export function useResults(id: string, live: boolean) {
  return useQuery({
    queryKey: surveyKeys.results(id),
    queryFn: ({ signal }) => api.get<SurveyResults>(`/surveys/${id}/results`, undefined, signal),
    refetchInterval: live ? 5_000 : false,
    placeholderData: keepPreviousData,
  });
}

/** `responses`: the count the results show; a new answer counts the cross-tab (and the words) again. */
export function useCrossTab(id: string, questionId: string | undefined, by: CrossBy, responses: number) {
  return useQuery({
    queryKey: surveyKeys.cross(id, questionId ?? '', by, responses),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get<CrossTab>(`/surveys/${id}/crosstab`, { questionId, by }, signal),
    enabled: !!questionId,
  });
}

export function useWords(id: string, questionId: string | undefined, responses: number) {
  return useQuery({
    queryKey: surveyKeys.words(id, questionId ?? '', responses),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get<WordFrequency>(`/surveys/${id}/words`, { questionId }, signal),
    enabled: !!questionId,
  });
}

export function usePublicLink(id: string, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.link(id),
    queryFn: ({ signal }) =>
      api.get<{ url: string; qrSvg: string }>(`/surveys/${id}/public-link`, undefined, signal),
    enabled,
  });
}

export function useSurveyClasses(orgId: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.classes(orgId ?? ''),
    queryFn: ({ signal }) => api.get<Page<OnlineClass>>('/classes', { orgId, pageSize: 200 }, signal),
    enabled: !!orgId,
  });
}

export function useSurveyPeople(orgId: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.people(orgId ?? ''),
    queryFn: ({ signal }) => api.get<ClassPeople>('/classes/people', { orgId }, signal),
    enabled: !!orgId,
  });
}

export const surveyApi = {
  create: (body: SaveSurveyInput) => api.post<Survey>('/surveys', body),
  update: (id: string, body: SaveSurveyInput) => api.put<Survey>(`/surveys/${id}`, body),
  publish: (id: string) => api.post<Survey>(`/surveys/${id}/publish`),
  close: (id: string) => api.post<Survey>(`/surveys/${id}/close`),
  summary: (id: string, summary: string) => api.put<Survey>(`/surveys/${id}/summary`, { summary }),
  report: (id: string) => download(`/surveys/${id}/report.docx`, undefined, 'report.docx'),
  responses: (id: string) => download(`/surveys/${id}/responses.xlsx`, undefined, 'responses.xlsx'),
};
