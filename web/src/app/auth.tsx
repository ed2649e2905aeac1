import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Login, Me, Role } from '../../../contracts/index.ts';
import { ApiError, api } from './api.ts';
import { StatusPage } from './pages/StatusPage.tsx';
import { clearSessionExpired, meKey, queryClient } from './queryClient.ts';
import { FullPageLoading, LoadFailed } from './pages/Loading.tsx';

// Kept here rather than imported from contracts/auth.ts so the light entry does not pull in zod.
const ADMIN_ROLES: readonly Role[] = ['dept_admin', 'org_admin', 'secretary', 'station_manager'];

export const hasAdminRole = (me: Me): boolean => me.grants.some((g) => ADMIN_ROLES.includes(g.role));
export const can = (me: Me, action: string): boolean => me.actions.includes(action);

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

let lastUser: Me | null = null;

/**
 * The logged-in user; only for components rendered inside <RequireAuth>. When the session ends
 * mid-page, screens may render once more before the guard sends the user to the login page:
 * they get the user they were showing rather than a crash.
 */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (data) lastUser = data;
  if (!lastUser) throw new Error('useCurrentUser outside <RequireAuth>');
  return lastUser;
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: Login) => api.post<Me>('/auth/login', body),
    onSuccess: (me) => {
      clearSessionExpired();
      queryClient.removeQueries();
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    // Even if the server could not be told, the user asked to leave: forget everything here.
    onSettled: () => {
      queryClient.removeQueries();
      queryClient.setQueryData(meKey, null);
    },
  });
}

/** Where a user lands after login when no page was asked for. */
export const homeOf = (me: Me): string => (hasAdminRole(me) ? '/' : '/m');

/** Renders children only for a logged-in user (and, with `admin`, only for admin roles). */
export function RequireAuth({ admin = false, children }: { admin?: boolean; children: ReactNode }) {
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (isPending) return <FullPageLoading />;
  if (isError) return <LoadFailed onRetry={() => void refetch()} />;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (admin && !hasAdminRole(me)) {
    if (location.pathname === '/') return <Navigate to="/m" replace />;
    return (
      <StatusPage
        code="403"
        title={t('status.forbiddenTitle')}
        description={t('status.forbiddenPage')}
        actions={[{ to: '/m', label: t('status.home') }]}
      />
    );
  }
  return children;
}
