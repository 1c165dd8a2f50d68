import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Permission } from '@cchc/shared';
import { ApiError } from './api/client';
import { RequireAuth, RequirePermission } from './auth/components/require-auth';
import { AccountPage } from './auth/pages/account-page';
import { HomePage } from './auth/pages/home-page';
import { SignInPage } from './auth/pages/sign-in-page';
import { useIsSignedIn } from './auth/use-session';
import { Loading } from './components/error-message';
import { I18nProvider } from './i18n/i18n';
import { AppShell } from './shell/app-shell';
import { NotFoundPage } from './shell/not-found-page';

// Learners on a commune connection never download the officers' pages.
const UnitsPage = lazy(() => import('./units/pages/units-page').then((m) => ({ default: m.UnitsPage })));
const PeoplePage = lazy(() => import('./people/pages/people-page').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./people/pages/person-page').then((m) => ({ default: m.PersonPage })));
const ImportPage = lazy(() => import('./imports/pages/import-page').then((m) => ({ default: m.ImportPage })));
const AuditPage = lazy(() => import('./audit/pages/audit-page').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('./users/pages/users-page').then((m) => ({ default: m.UsersPage })));
const LibraryPage = lazy(() => import('./library/pages/library-page').then((m) => ({ default: m.LibraryPage })));
const DocumentPage = lazy(() => import('./library/pages/document-page').then((m) => ({ default: m.DocumentPage })));
const LibraryManagePage = lazy(() => import('./library/pages/library-manage-page').then((m) => ({ default: m.LibraryManagePage })));
const QaPage = lazy(() => import('./qa/pages/qa-page').then((m) => ({ default: m.QaPage })));
const QuestionPage = lazy(() => import('./qa/pages/question-page').then((m) => ({ default: m.QuestionPage })));
const QaInboxPage = lazy(() => import('./qa/pages/qa-inbox-page').then((m) => ({ default: m.QaInboxPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; a dropped connection often does.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

/** When the session ends (sign-out, refused refresh, another tab), nothing of the last user stays cached. */
function ForgetDataOnSignOut() {
  const signedIn = useIsSignedIn();
  const client = useQueryClient();
  useEffect(() => {
    if (!signedIn) client.clear();
  }, [signedIn, client]);
  return null;
}

/** A lazy page every signed-in user may open. */
function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Guarded({ permission, children }: { permission: Permission; children: ReactNode }) {
  return (
    <RequirePermission permission={permission}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </RequirePermission>
  );
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ForgetDataOnSignOut />
        <BrowserRouter>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppShell />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="units" element={<Guarded permission={Permission.UnitsRead}><UnitsPage /></Guarded>} />
              <Route path="people" element={<Guarded permission={Permission.PeopleRead}><PeoplePage /></Guarded>} />
              <Route path="people/:id" element={<Guarded permission={Permission.PeopleRead}><PersonPage /></Guarded>} />
              <Route path="import" element={<Guarded permission={Permission.PeopleImport}><ImportPage /></Guarded>} />
              <Route path="audit" element={<Guarded permission={Permission.AuditRead}><AuditPage /></Guarded>} />
              <Route path="users" element={<Guarded permission={Permission.UsersManage}><UsersPage /></Guarded>} />
              <Route path="library" element={<Lazy><LibraryPage /></Lazy>} />
              <Route path="library/manage" element={<Guarded permission={Permission.LibraryManage}><LibraryManagePage /></Guarded>} />
              <Route path="library/:id" element={<Lazy><DocumentPage /></Lazy>} />
              <Route path="qa" element={<Lazy><QaPage /></Lazy>} />
              <Route path="qa/inbox" element={<Guarded permission={Permission.QaAnswer}><QaInboxPage /></Guarded>} />
              <Route path="qa/questions/:id" element={<Lazy><QuestionPage /></Lazy>} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
