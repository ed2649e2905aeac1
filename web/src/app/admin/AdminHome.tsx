import { Navigate } from 'react-router';
import { can, useCurrentUser } from '../auth.tsx';

/** The console opens on the org tree, the heart of the work; others go where they may. */
export default function AdminHome() {
  const me = useCurrentUser();
  const to = can(me, 'org.view')
    ? '/orgs'
    : can(me, 'member.view')
      ? '/members'
      : can(me, 'user.view')
        ? '/users'
        : '/account';
  return <Navigate to={to} replace />;
}
