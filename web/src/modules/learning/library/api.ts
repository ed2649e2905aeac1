import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  Course,
  CourseCategory,
  CourseKind,
  CourseStatus,
  CourseSummary,
  CourseTag,
  EditCourse,
  LearnerCourse,
  LearnerCourseSummary,
  WriteCourse,
} from '../../../../../contracts/learning/library.ts';
import { api, uploadWithProgress } from '../../../app/api.ts';

// Types only from the contracts (no zod at run time): the member screens stay light.

export const courseKeys = {
  all: ['courses'] as const,
  list: (f: object) => ['courses', 'list', f] as const,
  one: (id: string) => ['courses', 'one', id] as const,
  categories: ['course-categories'] as const,
  tags: ['course-tags'] as const,
  learning: ['learning-courses'] as const,
  learnList: (f: object) => ['learning-courses', 'list', f] as const,
  learnOne: (id: string) => ['learning-courses', 'one', id] as const,
};

export type CourseFilter = {
  q?: string;
  orgId?: string;
  kind?: CourseKind;
  status?: CourseStatus;
  categoryId?: string;
  page: number;
  pageSize: number;
};

export function useCourses(f: CourseFilter) {
  return useQuery({
    queryKey: courseKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<CourseSummary>>('/courses', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCourse(id: string | null) {
  return useQuery({
    queryKey: courseKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Course>(`/courses/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: courseKeys.categories,
    queryFn: ({ signal }) => api.get<{ items: CourseCategory[] }>('/course-categories', undefined, signal),
    staleTime: 300_000,
  });
}

export function useTags(enabled = true) {
  return useQuery({
    queryKey: courseKeys.tags,
    queryFn: ({ signal }) => api.get<{ items: CourseTag[] }>('/course-tags', undefined, signal),
    enabled,
  });
}

export type LearnFilter = {
  q?: string;
  categoryId?: string;
  kind?: CourseKind;
  page: number;
  pageSize: number;
};

export function useLearnerCourses(f: LearnFilter) {
  return useQuery({
    queryKey: courseKeys.learnList(f),
    queryFn: ({ signal }) => api.get<Page<LearnerCourseSummary>>('/learning/courses', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLearnerCourse(id: string) {
  return useQuery({
    queryKey: courseKeys.learnOne(id),
    queryFn: ({ signal }) => api.get<LearnerCourse>(`/learning/courses/${id}`, undefined, signal),
  });
}

export const courseApi = {
  create: (body: WriteCourse) => api.post<Course>('/courses', body),
  edit: (id: string, body: EditCourse) => api.patch<Course>(`/courses/${id}`, body),
  publish: (id: string) => api.post<Course>(`/courses/${id}/publish`),
  withdraw: (id: string, reason: string) => api.post<Course>(`/courses/${id}/withdraw`, { reason }),
  /** The file, with the share sent so far (a video of a gigabyte takes a while on a village line). */
  upload: (id: string, file: File, onProgress: (fraction: number) => void) => {
    const form = new FormData();
    form.append('file', file);
    return uploadWithProgress<Course>(`/courses/${id}/file`, form, onProgress);
  },
  createCategory: (body: { name: string; parentId?: string | null }) =>
    api.post<{ items: CourseCategory[] }>('/course-categories', body),
  removeCategory: (id: string) => api.del<{ items: CourseCategory[] }>(`/course-categories/${id}`),
  setSynonyms: (name: string, expansions: string[]) =>
    api.put<{ items: CourseTag[] }>(`/course-tags/${encodeURIComponent(name)}`, { expansions }),
};

/** "12 分钟" / "45 秒": how long a video or audio plays. */
export const lengthOf = (seconds: number) =>
  seconds >= 60 ? { key: 'minutes', count: Math.round(seconds / 60) } : { key: 'seconds', count: seconds };

/** A file's size as people read it. */
export const sizeText = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`;
