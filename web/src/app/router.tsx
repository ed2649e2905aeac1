import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { MemberHome } from '../member/MemberHome.tsx';
import { RequireAuth } from './auth.tsx';
import { FullPageLoading } from './pages/Loading.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { RouteError } from './pages/RouteError.tsx';

// Everything below /, the admin console, is loaded only when opened: the login and member pages
// must stay light for cheap phones on village networks (ARCHITECTURE.md, "Weight").
const AdminLayout = lazy(() => import('./admin/AdminLayout.tsx'));
const AdminHome = lazy(() => import('./admin/AdminHome.tsx'));
const OrgsPage = lazy(() => import('../modules/orgs/OrgsPage.tsx'));
const UsersPage = lazy(() => import('../modules/users/UsersPage.tsx'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const AdminNotFound = lazy(() => import('./admin/AdminNotFound.tsx'));

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
      { path: 'orgs', element: <OrgsPage /> },
      { path: 'orgs/:id', element: <OrgsPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <AdminNotFound /> },
    ],
  },
]);
