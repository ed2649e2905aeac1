import { lazy, Suspense, useEffect } from 'react';
import { createBrowserRouter } from 'react-router';
import { MemberHome } from '../member/MemberHome.tsx';
import { webModules } from '../modules/index.ts';
import { RequireAuth } from './auth.tsx';
import { memberRoutesOf, publicRoutesOf, routesOf, type WebRoute } from './modules.ts';
import { FullPageLoading } from './pages/Loading.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RouteError } from './pages/RouteError.tsx';
import { registerServiceWorker } from './pwa.ts';

// Everything below /, the admin console, is loaded only when opened: the login and member pages
// must stay light for cheap phones on village networks. The console's screens come from the
// modules' manifests (web/src/modules/index.ts); the account page and "not found" are the shell's.
const AdminLayout = lazy(() => import('./admin/AdminLayout.tsx'));
const AdminHome = lazy(() => import('./admin/AdminHome.tsx'));
const Workbench = lazy(() => import('./admin/Workbench.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const AdminNotFound = lazy(() => import('./admin/AdminNotFound.tsx'));
// the touch kiosk of a village service centre: its own light app, nothing of the console
const KioskApp = lazy(() => import('../kiosk/KioskApp.tsx'));

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

/** A page the server renders (the portal): left to the browser, as a full load. */
function FullPageLoad() {
  useEffect(() => {
    window.location.replace(window.location.pathname + window.location.search);
  }, []);
  return <FullPageLoading />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/m',
    errorElement: <RouteError />,
    // the member app is installable: its service worker keeps the shell (web/public/sw.js)
    loader: () => {
      registerServiceWorker();
      return null;
    },
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
  {
    path: '/kiosk',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageLoading />}>
        <KioskApp />
      </Suspense>
    ),
  },
  // no login: what the public and the kiosk read
  { path: '/p', errorElement: <RouteError />, children: publicRoutes },
  // / is the public portal, rendered by the server (server/src/platform/portal): a link to / inside
  // the app loads it as a page. Listed before the console so it wins the tie for / (an index route).
  { index: true, element: <FullPageLoad />, errorElement: <RouteError /> },
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
      { path: 'workbench', element: <Workbench /> },
      ...moduleRoutes,
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <AdminNotFound /> },
    ],
  },
]);
