import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type { Exam, Paper, SaveExam } from '../../../../../contracts/exams/sittings.ts';
import type { ClassPeople, OnlineClass } from '../../../../../contracts/learning/classes.ts';
import { api } from '../../../app/api.ts';

// 考试 (console): the exam list, one exam, and what the 新建考试 drawer picks from. The member app's
// hooks are in api.ts.

export const examKeys = {
  all: ['exams'] as const,
  list: (f: object) => ['exams', 'list', f] as const,
  one: (id: string) => ['exams', 'one', id] as const,
  papers: (orgId: string) => ['exams', 'papers', orgId] as const,
  classes: (orgId: string) => ['exams', 'classes', orgId] as const,
  people: (orgId: string) => ['exams', 'people', orgId] as const,
};

export type ExamFilter = { orgId?: string; q?: string; page: number; pageSize: number };

export function useExams(f: ExamFilter) {
  return useQuery({
    queryKey: examKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Exam>>('/exams', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useExam(id: string | undefined) {
  return useQuery({
    queryKey: examKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Exam>(`/exams/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Papers an exam of the org may use (those of the org's subtree and above, as the list gives them). */
export function useExamPapers(orgId: string | undefined) {
  return useQuery({
    queryKey: examKeys.papers(orgId ?? ''),
    queryFn: ({ signal }) => api.get<Page<Paper>>('/papers', { pageSize: 200 }, signal),
    enabled: !!orgId,
  });
}

/** Online classes run by the org and below (网上班级 as the audience). */
export function useExamClasses(orgId: string | undefined) {
  return useQuery({
    queryKey: examKeys.classes(orgId ?? ''),
    queryFn: ({ signal }) => api.get<Page<OnlineClass>>('/classes', { orgId, pageSize: 200 }, signal),
    enabled: !!orgId,
  });
}

/** Members of an org's subtree (指定党员 as the audience). */
export function useExamPeople(orgId: string | undefined) {
  return useQuery({
    queryKey: examKeys.people(orgId ?? ''),
    queryFn: ({ signal }) => api.get<ClassPeople>('/classes/people', { orgId }, signal),
    enabled: !!orgId,
  });
}

export const examApi = {
  create: (body: SaveExam) => api.post<Exam>('/exams', body),
  cancel: (id: string) => api.post<Exam>(`/exams/${id}/cancel`, {}),
};
