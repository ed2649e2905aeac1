import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type {
  RecordStationSession,
  SaveStation,
  StationMonthState,
  StationMonthly,
  Station,
  StationCourse,
  StationPeople,
  StationPerson,
  StationSession,
  StationSessionSummary,
} from '../../../../../contracts/learning/stations.ts';
import { api, upload } from '../../../app/api.ts';

export const stationKeys = {
  all: ['stations'] as const,
  list: (f: object) => ['stations', 'list', f] as const,
  one: (id: string) => ['stations', 'one', id] as const,
  mine: ['stations', 'mine'] as const,
  people: (id: string) => ['stations', 'people', id] as const,
  courses: (id: string, q: string) => ['stations', 'courses', id, q] as const,
  candidates: (orgId: string) => ['stations', 'candidates', orgId] as const,
  sessions: (f: object) => ['stations', 'sessions', f] as const,
  session: (id: string) => ['stations', 'session', id] as const,
  monthly: (f: object) => ['stations', 'monthly', f] as const,
};

export type StationFilter = { orgId?: string; q?: string; page: number; pageSize: number };

export function useStations(f: StationFilter) {
  return useQuery({
    queryKey: stationKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Station>>('/stations', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStation(id: string | undefined) {
  return useQuery({
    queryKey: stationKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Station>(`/stations/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useMyStations() {
  return useQuery({
    queryKey: stationKeys.mine,
    queryFn: ({ signal }) => api.get<{ items: Station[] }>('/me/stations', undefined, signal),
  });
}

export function useStationPeople(id: string | undefined) {
  return useQuery({
    queryKey: stationKeys.people(id ?? ''),
    queryFn: ({ signal }) => api.get<StationPeople>(`/stations/${id}/people`, undefined, signal),
    enabled: !!id,
  });
}

export function useStationCourses(id: string | undefined, q: string) {
  return useQuery({
    queryKey: stationKeys.courses(id ?? '', q),
    queryFn: ({ signal }) =>
      api.get<{ items: StationCourse[] }>(`/stations/${id}/courses`, { q: q || undefined }, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useStaffCandidates(orgId: string | undefined) {
  return useQuery({
    queryKey: stationKeys.candidates(orgId ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ items: StationPerson[] }>('/stations/staff-candidates', { orgId }, signal),
    enabled: !!orgId,
  });
}

export type SessionFilter = {
  orgId?: string;
  stationId?: string;
  month?: string;
  page: number;
  pageSize: number;
};

export function useSessions(f: SessionFilter) {
  return useQuery({
    queryKey: stationKeys.sessions(f),
    queryFn: ({ signal }) => api.get<Page<StationSessionSummary>>('/station-sessions', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string | null) {
  return useQuery({
    queryKey: stationKeys.session(id ?? ''),
    queryFn: ({ signal }) => api.get<StationSession>(`/station-sessions/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export type MonthlyFilter = {
  orgId?: string;
  month?: string;
  state?: StationMonthState;
  page: number;
  pageSize: number;
};

export function useMonthly(f: MonthlyFilter) {
  return useQuery({
    queryKey: stationKeys.monthly(f),
    queryFn: ({ signal }) => api.get<StationMonthly>('/stations/monthly', f, signal),
    placeholderData: keepPreviousData,
  });
}

export const stationApi = {
  create: (body: SaveStation) => api.post<Station>('/stations', body),
  edit: (id: string, body: SaveStation) => api.put<Station>(`/stations/${id}`, body),
  record: (id: string, body: RecordStationSession) =>
    api.post<StationSession>(`/stations/${id}/sessions`, body),
  photo: (sessionId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<StationSession>(`/station-sessions/${sessionId}/photo`, form);
  },
  withdraw: (sessionId: string, reason: string) =>
    api.post<StationSession>(`/station-sessions/${sessionId}/withdraw`, { reason }),
  photoUrl: (sessionId: string, size: 'thumb' | 'full') =>
    `/api/v1/station-sessions/${sessionId}/photo?size=${size}`,
};
