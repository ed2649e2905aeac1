import { Navigate } from 'react-router';
import { webModules } from '../../modules/index.ts';
import { useCurrentUser } from '../auth.tsx';
import { homeOf, menuFor } from '../modules.ts';

/** The console opens on the first screen of the user's menu (the org tree for most); else the account. */
export default function AdminHome() {
  const me = useCurrentUser();
  return <Navigate to={homeOf(menuFor(webModules, me.actions)) ?? '/account'} replace />;
}
