import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { MemberHome } from '../member/MemberHome.tsx';
import { webModules } from '../modules/index.ts';
import { RequireAuth } from './auth.tsx';
import { routesOf } from './modules.ts';
import { FullPageLoading } from './pages/Loading.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RouteError } from './pages/RouteError.tsx';

// Everything below /, the admin console, is loaded only when opened: the login and member pages
// must stay light for cheap phones on village networks. The console's screens come from the
// modules' manifests (web/src/modules/index.ts); the account page and "not found" are the shell's.
const AdminLayout = lazy(() => import('./admin/AdminLayout.tsx'));
const AdminHome = lazy(() => import('./admin/AdminHome.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const AdminNotFound = lazy(() => import('./admin/AdminNotFound.tsx'));

const moduleRoutes = routesOf(webModules).map(({ path, page: Page }) => ({ path, element: <Page /> }));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/m',
    element: (
      <RequireAuth>
        <MemberHome />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireAuth admin>
        <Suspense fallback={<FullPageLoading />}>
          <AdminLayout />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <AdminHome /> },
      ...moduleRoutes,
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <AdminNotFound /> },
    ],
  },
]);
