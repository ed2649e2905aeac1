import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

export const meKey = ['auth', 'me'] as const;

/** Set when a request answers 401 while someone was logged in: the login page then says why. */
let sessionExpired = false;
export const wasSessionExpired = (): boolean => sessionExpired;
export function clearSessionExpired(): void {
  sessionExpired = false;
}

function onError(e: unknown): void {
  // Any 401 means the session is gone (idle timeout, revoked, password changed elsewhere):
  // forget the user; the route guard sends them to the login page and keeps the wanted URL.
  if (e instanceof ApiError && e.status === 401 && queryClient.getQueryData(meKey)) {
    sessionExpired = true;
    queryClient.setQueryData(meKey, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // 4xx answers do not get better by asking again.
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});
