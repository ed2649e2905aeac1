import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  Lecture,
  MyLecture,
  RateLecture,
  RecordLecture,
  SaveTeacher,
  SaveTrainingBase,
  Teacher,
  TeacherDetail,
  TrainingBase,
} from '../../../../../contracts/learning/pool.ts';
import { api, upload } from '../../../app/api.ts';

export const poolKeys = {
  all: ['pool'] as const,
  teachers: (f: object) => ['pool', 'teachers', f] as const,
  teacher: (id: string) => ['pool', 'teacher', id] as const,
  bases: (f: object) => ['pool', 'bases', f] as const,
  people: (orgId: string) => ['pool', 'people', orgId] as const,
  mine: ['pool', 'mine'] as const,
};

export type PoolFilter = { orgId?: string; q?: string; page: number; pageSize: number };

export function useTeachers(f: PoolFilter) {
  return useQuery({
    queryKey: poolKeys.teachers(f),
    queryFn: ({ signal }) => api.get<Page<Teacher>>('/teachers', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTeacher(id: string | null) {
  return useQuery({
    queryKey: poolKeys.teacher(id ?? ''),
    queryFn: ({ signal }) => api.get<TeacherDetail>(`/teachers/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useBases(f: PoolFilter) {
  return useQuery({
    queryKey: poolKeys.bases(f),
    queryFn: ({ signal }) => api.get<Page<TrainingBase>>('/training-bases', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLecturePeople(orgId: string | undefined) {
  return useQuery({
    queryKey: poolKeys.people(orgId ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: { memberId: string; name: string; orgName: string }[]; truncated: boolean }>(
        '/lectures/people',
        { orgId },
        signal,
      ),
    enabled: !!orgId,
  });
}

export function useMyLectures() {
  return useQuery({
    queryKey: poolKeys.mine,
    queryFn: ({ signal }) => api.get<{ items: MyLecture[] }>('/me/lectures', undefined, signal),
  });
}

export const poolApi = {
  createTeacher: (body: SaveTeacher) => api.post<Teacher>('/teachers', body),
  editTeacher: (id: string, body: SaveTeacher) => api.put<Teacher>(`/teachers/${id}`, body),
  revealTeacher: (id: string) => api.post<{ phone: string | null }>(`/teachers/${id}/reveal`),
  recordLecture: (body: RecordLecture) => api.post<Lecture>('/lectures', body),
  rate: (id: string, body: RateLecture) => api.post<{ id: string }>(`/me/lectures/${id}/rating`, body),
  createBase: (body: SaveTrainingBase) => api.post<TrainingBase>('/training-bases', body),
  editBase: (id: string, body: SaveTrainingBase) => api.put<TrainingBase>(`/training-bases/${id}`, body),
  revealBase: (id: string) => api.post<{ phone: string | null }>(`/training-bases/${id}/reveal`),
  addPhoto: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<TrainingBase>(`/training-bases/${id}/photos`, form);
  },
  removePhoto: (id: string, photoId: string) =>
    api.del<TrainingBase>(`/training-bases/${id}/photos/${photoId}`),
  photoUrl: (id: string, photoId: string, size: 'thumb' | 'full') =>
    `/api/v1/training-bases/${id}/photos/${photoId}?size=${size}`,
};
