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
const MembersPage = lazy(() => import('../modules/members/MembersPage.tsx'));
const MemberDetailPage = lazy(() => import('../modules/members/MemberDetailPage.tsx'));
const ImportPage = lazy(() => import('../modules/members/ImportPage.tsx'));
const QualityPage = lazy(() => import('../modules/members/QualityPage.tsx'));
const CardsPage = lazy(() => import('../modules/members/CardsPage.tsx'));
const CorrectionsPage = lazy(() => import('../modules/members/CorrectionsPage.tsx'));
const TransfersPage = lazy(() => import('../modules/members/TransfersPage.tsx'));
const PipelinePage = lazy(() => import('../modules/members/PipelinePage.tsx'));
const DuesPage = lazy(() => import('../modules/members/DuesPage.tsx'));
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
      { path: 'members', element: <MembersPage /> },
      { path: 'members/import', element: <ImportPage /> },
      { path: 'members/quality', element: <QualityPage /> },
      { path: 'members/cards', element: <CardsPage /> },
      { path: 'members/corrections', element: <CorrectionsPage /> },
      { path: 'members/:id', element: <MemberDetailPage /> },
      { path: 'transfers', element: <TransfersPage /> },
      { path: 'pipeline', element: <PipelinePage /> },
      { path: 'dues', element: <DuesPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <AdminNotFound /> },
    ],
  },
]);
