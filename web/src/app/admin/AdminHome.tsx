import { Navigate } from 'react-router';
import { webModules } from '../../modules/index.ts';
import { useCurrentUser } from '../auth.tsx';
import { homeOf, menuFor } from '../modules.ts';

/** The console opens on the workbench (工作台) for every admin; without it, the first screen of the menu. */
export default function AdminHome() {
  const me = useCurrentUser();
  if (me.actions.includes('workbench.view')) return <Navigate to="/workbench" replace />;
  return <Navigate to={homeOf(menuFor(webModules, me.actions)) ?? '/account'} replace />;
}
