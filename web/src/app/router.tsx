import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { MemberHome } from '../member/MemberHome.tsx';
import { webModules } from '../modules/index.ts';
import { RequireAuth } from './auth.tsx';
import { memberRoutesOf, publicRoutesOf, routesOf, type WebRoute } from './modules.ts';
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
// The member app's screens (below /m) and the public pages (below /p) come from the manifests too,
// each loaded when opened; the member home itself stays in the first load.
const lazyPage = ({ path, page: Page }: WebRoute) => ({
  path,
  element: (
    <Suspense fallback={<FullPageLoading />}>
      <Page />
    </Suspense>
  ),
});
const memberRoutes = memberRoutesOf(webModules).map(lazyPage);
const publicRoutes = publicRoutesOf(webModules).map(lazyPage);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/m',
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        element: (
          <RequireAuth>
            <MemberHome />
          </RequireAuth>
        ),
      },
      ...memberRoutes.map((r) => ({ ...r, element: <RequireAuth>{r.element}</RequireAuth> })),
    ],
  },
  // no login: what the public and the kiosk read
  { path: '/p', errorElement: <RouteError />, children: publicRoutes },
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
