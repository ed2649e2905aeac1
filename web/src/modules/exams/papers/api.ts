import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../../contracts/common.ts';
import type { Paper, SavePaper, SlotView } from '../../../../../contracts/exams/sittings.ts';
import { api } from '../../../app/api.ts';

export const paperKeys = {
  all: ['papers'] as const,
  list: (f: object) => ['papers', 'list', f] as const,
  one: (id: string) => ['papers', 'one', id] as const,
  preview: (id: string, seed: number) => ['papers', 'preview', id, seed] as const,
};

/** GET /papers/:id/preview (server/src/modules/exams/papers/list-papers.ts PaperPreview). */
export type PaperPreview = { seed: number; slots: SlotView[]; totalPoints: number };

export type PaperFilter = { orgId?: string; q?: string; page: number; pageSize: number };

export function usePapers(f: PaperFilter) {
  return useQuery({
    queryKey: paperKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Paper>>('/papers', f, signal),
    placeholderData: keepPreviousData,
  });
}

/** One sample of the paper drawn from `seed` (the same seed, the same sample). */
export function usePaperPreview(id: string | undefined, seed: number) {
  return useQuery({
    queryKey: paperKeys.preview(id ?? '', seed),
    queryFn: ({ signal }) => api.get<PaperPreview>(`/papers/${id}/preview`, { seed }, signal),
    enabled: !!id,
    retry: false,
  });
}

export const paperApi = {
  create: (body: SavePaper) => api.post<Paper>('/papers', body),
  edit: (id: string, body: SavePaper) => api.put<Paper>(`/papers/${id}`, body),
  archive: (id: string) => api.post<Paper>(`/papers/${id}/archive`, {}),
};

/** A fresh seed for 换一份. */
export const newSeed = () => 1 + Math.floor(Math.random() * 2_147_483_646);
