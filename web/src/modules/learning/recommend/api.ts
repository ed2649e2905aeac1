import { useMutation, useQuery } from '@tanstack/react-query';
import type { Recommendations } from '../../../../../contracts/learning/recommend.ts';
import { api } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';

// Types only from the contracts (no zod at run time): the member home stays light.

export const recommendKeys = {
  all: ['recommendations'] as const,
  list: (limit: number) => ['recommendations', limit] as const,
};

export function useRecommendations(limit: number) {
  return useQuery({
    queryKey: recommendKeys.list(limit),
    queryFn: ({ signal }) => api.get<Recommendations>('/learning/recommendations', { limit }, signal),
  });
}

/** 不感兴趣: gone from the list at once, and for good (the server keeps the dismissal). */
export function useDismiss(limit: number) {
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/learning/recommendations/${id}/dismiss`),
    onMutate: (id) => {
      queryClient.setQueryData<Recommendations>(recommendKeys.list(limit), (d) =>
        d ? { items: d.items.filter((i) => i.id !== id) } : d,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: recommendKeys.all }),
  });
}
