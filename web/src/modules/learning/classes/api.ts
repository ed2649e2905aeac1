import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  ClassPeople,
  ClassProgress,
  MyClasses,
  OnlineClass,
  PlanCourse,
  RemindResult,
  SaveClass,
} from '../../../../../contracts/learning/classes.ts';
import { api, download } from '../../../app/api.ts';

export const classKeys = {
  all: ['classes'] as const,
  list: (f: object) => ['classes', 'list', f] as const,
  one: (id: string) => ['classes', 'one', id] as const,
  members: (id: string) => ['classes', 'members', id] as const,
  progress: (id: string, f: object) => ['classes', 'progress', id, f] as const,
  people: (orgId: string) => ['classes', 'people', orgId] as const,
  courses: (orgId: string, q: string) => ['classes', 'courses', orgId, q] as const,
  mine: ['classes', 'mine'] as const,
};

export type ClassFilter = { orgId?: string; q?: string; page: number; pageSize: number };

export function useClasses(f: ClassFilter) {
  return useQuery({
    queryKey: classKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<OnlineClass>>('/classes', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useClass(id: string | undefined) {
  return useQuery({
    queryKey: classKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<OnlineClass>(`/classes/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useClassMembers(id: string | undefined) {
  return useQuery({
    queryKey: classKeys.members(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: { memberId: string; name: string }[] }>(`/classes/${id}/members`, undefined, signal),
    enabled: !!id,
  });
}

export type ProgressFilter = { unfinished?: 'true'; page: number; pageSize: number };

export function useProgress(id: string | undefined, f: ProgressFilter) {
  return useQuery({
    queryKey: classKeys.progress(id ?? '', f),
    queryFn: ({ signal }) => api.get<ClassProgress>(`/classes/${id}/progress`, f, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useClassPeople(orgId: string | undefined) {
  return useQuery({
    queryKey: classKeys.people(orgId ?? ''),
    queryFn: ({ signal }) => api.get<ClassPeople>('/classes/people', { orgId }, signal),
    enabled: !!orgId,
  });
}

/** Courses open to every member of the org's subtree, by the words typed. */
export function useClassCourses(orgId: string | undefined, q: string) {
  return useQuery({
    queryKey: classKeys.courses(orgId ?? '', q),
    queryFn: ({ signal }) =>
      api.get<{ items: PlanCourse[] }>('/classes/courses', { orgId, q: q || undefined }, signal),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  });
}

export function useMyClasses() {
  return useQuery({
    queryKey: classKeys.mine,
    queryFn: ({ signal }) => api.get<MyClasses>('/me/classes', undefined, signal),
  });
}

export const classApi = {
  create: (body: SaveClass) => api.post<OnlineClass>('/classes', body),
  edit: (id: string, body: SaveClass) => api.put<OnlineClass>(`/classes/${id}`, body),
  remind: (id: string) => api.post<RemindResult>(`/classes/${id}/remind`, {}),
  exportProgress: (id: string, unfinished: boolean) =>
    download(
      `/classes/${id}/progress/export`,
      unfinished ? { unfinished: 'true' } : undefined,
      '学习进度.xlsx',
    ),
};
