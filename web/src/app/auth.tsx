import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Login, LoginCode, LoginResult, Me, Role } from '../../../contracts/index.ts';
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

/**
 * Forget everything the previous session loaded and set who is signed in now (null: nobody). The
 * user query is kept and updated, not removed: a screen still watching it (the guard around the
 * member app when a card signs out on idle) must hear the change, and watchers of a removed query
 * hear nothing.
 */
export function resetSession(me: Me | null) {
  queryClient.removeQueries({ predicate: (q) => q.queryHash !== JSON.stringify(meKey) });
  queryClient.setQueryData(meKey, me);
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: Login) => api.post<LoginResult>('/auth/login', body),
    onSuccess: (result) => {
      // an account that owes its second factor gets a ticket, not a session, yet
      if ('step' in result) return;
      signIn(result);
    },
  });
}

/** The login's second step: the authenticator's code (or a recovery code) for the ticket. */
export function useLoginCode() {
  return useMutation({
    mutationFn: (body: Omit<LoginCode, 'remember'> & { remember: boolean }) =>
      api.post<Me & { recoveryCodes?: string[] }>('/auth/login/code', body),
    // with recovery codes to show, the login page signs in once they have been seen
    onSuccess: (me) => {
      if (!me.recoveryCodes) signIn(me);
    },
  });
}

export function signIn(me: Me) {
  clearSessionExpired();
  signedOutByUser = false;
  const { recoveryCodes: _, ...user } = me as Me & { recoveryCodes?: string[] };
  resetSession(user);
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    // Even if the server could not be told, the user asked to leave: forget everything here. The
    // guard then sends them to the plain login page, not back to this page after the next login
    // (which may be someone else's on a shared phone).
    onSettled: () => {
      signedOutByUser = true;
      resetSession(null);
    },
  });
}

let signedOutByUser = false;
let signedOutIdle = false;
/** True once after the idle timer below ended the session: the login page then says why. */
export function takeIdleSignOut(): boolean {
  const was = signedOutIdle;
  signedOutIdle = false;
  return was;
}

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/**
 * A session opened with a study card is used at a shared station PC or kiosk: after idleMinutes
 * without a touch, key or click, it ends here, so the next person at the screen does not find
 * the last one still signed in. The server ends it too, but only when a request comes, and an
 * idle screen sends none.
 */
function useIdleSignOut(me: Me | null | undefined) {
  const minutes = me?.viaCard ? me.idleMinutes : null;
  useEffect(() => {
    if (!minutes) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const signOut = () => {
      signedOutIdle = true;
      // the screen clears at once, without waiting for the server (it may be unreachable)
      void api.post<{ ok: true }>('/auth/logout').catch(() => undefined);
      resetSession(null);
    };
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(signOut, minutes * 60_000);
    };
    for (const e of ACTIVITY) window.addEventListener(e, restart, { passive: true, capture: true });
    restart();
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, restart, { capture: true });
    };
  }, [minutes]);
}

/** Where a user lands after login when no page was asked for. */
export const homeOf = (me: Me): string => (hasAdminRole(me) ? '/workbench' : '/m');

/** Renders children only for a logged-in user (and, with `admin`, only for admin roles). */
export function RequireAuth({ admin = false, children }: { admin?: boolean; children: ReactNode }) {
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  useIdleSignOut(me);
  if (isPending) return <FullPageLoading />;
  if (isError) return <LoadFailed onRetry={() => void refetch()} />;
  if (!me) {
    const next = location.pathname + location.search;
    const plain = next === '/' || signedOutByUser;
    return <Navigate to={plain ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (admin && !hasAdminRole(me)) {
    if (location.pathname === '/' || location.pathname === '/workbench') return <Navigate to="/m" replace />;
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
