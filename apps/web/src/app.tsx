import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Permission } from '@cchc/shared';
import { ApiError } from './api/client';
import { RequireAuth, RequirePermission } from './auth/components/require-auth';
import { SignInPage } from './auth/pages/sign-in-page';
import { useIsSignedIn } from './auth/use-session';
import { Loading } from './components/error-message';
import { I18nProvider } from './i18n/i18n';
import { AppShell } from './shell/app-shell';
import { NotFoundPage } from './shell/not-found-page';

// Learners on a commune connection never download the officers' pages.
// The home page lists what is due (officers: coverage figures); the test page's first visit does not need it.
const AccountPage = lazy(() => import('./auth/pages/account-page').then((m) => ({ default: m.AccountPage })));
const HomePage = lazy(() => import('./home/pages/home-page').then((m) => ({ default: m.HomePage })));
const MyRecordPage = lazy(() => import('./records/pages/my-record-page').then((m) => ({ default: m.MyRecordPage })));
const UnitsPage = lazy(() => import('./units/pages/units-page').then((m) => ({ default: m.UnitsPage })));
const PeoplePage = lazy(() => import('./people/pages/people-page').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./people/pages/person-page').then((m) => ({ default: m.PersonPage })));
const ImportPage = lazy(() => import('./imports/pages/import-page').then((m) => ({ default: m.ImportPage })));
const AccountsPage = lazy(() => import('./accounts/pages/accounts-page').then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => import('./audit/pages/audit-page').then((m) => ({ default: m.AuditPage })));
const MyTestsPage = lazy(() => import('./assessment/pages/my-tests-page').then((m) => ({ default: m.MyTestsPage })));
const TakeTestPage = lazy(() => import('./assessment/pages/take-test-page').then((m) => ({ default: m.TakeTestPage })));
const ResultPage = lazy(() => import('./assessment/pages/result-page').then((m) => ({ default: m.ResultPage })));
const RoundsPage = lazy(() => import('./assessment/pages/rounds-page').then((m) => ({ default: m.RoundsPage })));
const RoundResultsPage = lazy(() => import('./assessment/pages/round-results-page').then((m) => ({ default: m.RoundResultsPage })));
const LrsClientsPage = lazy(() => import('./interop/pages/lrs-clients-page').then((m) => ({ default: m.LrsClientsPage })));
const LrsForwardingPage = lazy(() => import('./interop/pages/lrs-forwarding-page').then((m) => ({ default: m.LrsForwardingPage })));
const UsersPage = lazy(() => import('./users/pages/users-page').then((m) => ({ default: m.UsersPage })));
const QuestionBankPage = lazy(() => import('./question-bank/pages/question-bank-page').then((m) => ({ default: m.QuestionBankPage })));
const QuestionPage = lazy(() => import('./question-bank/pages/question-page').then((m) => ({ default: m.QuestionPage })));
const QuestionImportPage = lazy(() => import('./question-bank/pages/question-import-page').then((m) => ({ default: m.QuestionImportPage })));
const CoveragePage = lazy(() => import('./coverage/pages/coverage-page').then((m) => ({ default: m.CoveragePage })));
const TargetsPage = lazy(() => import('./coverage/pages/targets-page').then((m) => ({ default: m.TargetsPage })));
const TargetEditPage = lazy(() => import('./coverage/pages/target-edit-page').then((m) => ({ default: m.TargetEditPage })));
const MyTargetsPage = lazy(() => import('./coverage/pages/my-targets-page').then((m) => ({ default: m.MyTargetsPage })));
const ReportsPage = lazy(() => import('./reports/pages/reports-page').then((m) => ({ default: m.ReportsPage })));
const SessionsPage = lazy(() => import('./training-sessions/pages/sessions-page').then((m) => ({ default: m.SessionsPage })));
const SurveysPage = lazy(() => import('./surveys/pages/surveys-page').then((m) => ({ default: m.SurveysPage })));
const CheckInPage = lazy(() => import('./training-sessions/pages/check-in-page').then((m) => ({ default: m.CheckInPage })));
const CataloguePage = lazy(() => import('./learning/pages/catalogue-page').then((m) => ({ default: m.CataloguePage })));
const MyLearningPage = lazy(() => import('./learning/pages/my-learning-page').then((m) => ({ default: m.MyLearningPage })));
const CoursePage = lazy(() => import('./learning/pages/course-page').then((m) => ({ default: m.CoursePage })));
const LessonPage = lazy(() => import('./learning/pages/lesson-page').then((m) => ({ default: m.LessonPage })));
const VerifyPage = lazy(() => import('./learning/pages/verify-page').then((m) => ({ default: m.VerifyPage })));
const AuthoringListPage = lazy(() => import('./learning/pages/authoring-list-page').then((m) => ({ default: m.AuthoringListPage })));
const CourseEditorPage = lazy(() => import('./learning/pages/course-editor-page').then((m) => ({ default: m.CourseEditorPage })));
const AssignmentsPage = lazy(() => import('./learning/pages/assignments-page').then((m) => ({ default: m.AssignmentsPage })));
const AssignmentPage = lazy(() => import('./learning/pages/assignment-page').then((m) => ({ default: m.AssignmentPage })));
const LibraryPage = lazy(() => import('./library/pages/library-page').then((m) => ({ default: m.LibraryPage })));
const DocumentPage = lazy(() => import('./library/pages/document-page').then((m) => ({ default: m.DocumentPage })));
const LibraryManagePage = lazy(() => import('./library/pages/library-manage-page').then((m) => ({ default: m.LibraryManagePage })));
const QaPage = lazy(() => import('./qa/pages/qa-page').then((m) => ({ default: m.QaPage })));
const QaQuestionPage = lazy(() => import('./qa/pages/question-page').then((m) => ({ default: m.QuestionPage })));
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
            {/* Public: anyone holding a certificate checks its code here. */}
            <Route path="/verify/:code?" element={<Lazy><VerifyPage /></Lazy>} />
            <Route
              element={
                <RequireAuth>
                  <AppShell />
                </RequireAuth>
              }
            >
              <Route index element={<Lazy><HomePage /></Lazy>} />
              <Route path="my-record" element={<Lazy><MyRecordPage /></Lazy>} />
              <Route path="account" element={<Lazy><AccountPage /></Lazy>} />
              <Route path="units" element={<Guarded permission={Permission.UnitsRead}><UnitsPage /></Guarded>} />
              <Route path="people" element={<Guarded permission={Permission.PeopleRead}><PeoplePage /></Guarded>} />
              <Route path="people/:id" element={<Guarded permission={Permission.PeopleRead}><PersonPage /></Guarded>} />
              <Route path="import" element={<Guarded permission={Permission.PeopleImport}><ImportPage /></Guarded>} />
              <Route path="accounts" element={<Guarded permission={Permission.PeopleWrite}><AccountsPage /></Guarded>} />
              <Route path="audit" element={<Guarded permission={Permission.AuditRead}><AuditPage /></Guarded>} />
              <Route path="users" element={<Guarded permission={Permission.UsersManage}><UsersPage /></Guarded>} />
              <Route path="lrs-clients" element={<Guarded permission={Permission.LrsManage}><LrsClientsPage /></Guarded>} />
              <Route path="lrs-forwarding" element={<Guarded permission={Permission.LrsManage}><LrsForwardingPage /></Guarded>} />
              <Route path="questions" element={<Guarded permission={Permission.QuestionsManage}><QuestionBankPage /></Guarded>} />
              <Route path="questions/import" element={<Guarded permission={Permission.QuestionsManage}><QuestionImportPage /></Guarded>} />
              <Route path="questions/:id" element={<Guarded permission={Permission.QuestionsManage}><QuestionPage /></Guarded>} />
              <Route path="tests" element={<Suspense fallback={<Loading />}><MyTestsPage /></Suspense>} />
              <Route path="tests/attempt/:attemptId" element={<Suspense fallback={<Loading />}><TakeTestPage /></Suspense>} />
              <Route path="tests/:roundId/result" element={<Suspense fallback={<Loading />}><ResultPage /></Suspense>} />
              <Route path="tests/:roundId" element={<Suspense fallback={<Loading />}><MyTestsPage /></Suspense>} />
              <Route path="test-rounds" element={<Guarded permission={Permission.TestResultsRead}><RoundsPage /></Guarded>} />
              <Route path="test-rounds/:roundId" element={<Guarded permission={Permission.TestResultsRead}><RoundResultsPage /></Guarded>} />
              <Route path="coverage" element={<Guarded permission={Permission.CoverageRead}><CoveragePage /></Guarded>} />
              <Route path="targets" element={<Guarded permission={Permission.CoverageRead}><TargetsPage /></Guarded>} />
              <Route path="targets/new" element={<Guarded permission={Permission.TargetsManage}><TargetEditPage /></Guarded>} />
              <Route path="targets/:targetId/edit" element={<Guarded permission={Permission.TargetsManage}><TargetEditPage /></Guarded>} />
              <Route path="reports" element={<Guarded permission={Permission.CoverageRead}><ReportsPage /></Guarded>} />
              <Route path="training-sessions" element={<Guarded permission={Permission.TrainingSessionsManage}><SessionsPage /></Guarded>} />
              <Route path="my-targets" element={<Suspense fallback={<Loading />}><MyTargetsPage /></Suspense>} />
              <Route path="surveys" element={<Suspense fallback={<Loading />}><SurveysPage /></Suspense>} />
              <Route path="diem-danh" element={<Suspense fallback={<Loading />}><CheckInPage /></Suspense>} />
              <Route path="learning" element={<Lazy><CataloguePage /></Lazy>} />
              <Route path="learning/my" element={<Lazy><MyLearningPage /></Lazy>} />
              <Route path="learning/courses/:id" element={<Lazy><CoursePage /></Lazy>} />
              <Route path="learning/lessons/:id" element={<Lazy><LessonPage /></Lazy>} />
              <Route path="authoring" element={<Guarded permission={Permission.CoursesManage}><AuthoringListPage /></Guarded>} />
              <Route path="authoring/courses/:id" element={<Guarded permission={Permission.CoursesManage}><CourseEditorPage /></Guarded>} />
              <Route path="assignments" element={<Guarded permission={Permission.AssignmentsManage}><AssignmentsPage /></Guarded>} />
              <Route path="assignments/:id" element={<Guarded permission={Permission.AssignmentsManage}><AssignmentPage /></Guarded>} />
              <Route path="library" element={<Lazy><LibraryPage /></Lazy>} />
              <Route path="library/manage" element={<Guarded permission={Permission.LibraryManage}><LibraryManagePage /></Guarded>} />
              <Route path="library/:id" element={<Lazy><DocumentPage /></Lazy>} />
              <Route path="qa" element={<Lazy><QaPage /></Lazy>} />
              <Route path="qa/inbox" element={<Guarded permission={Permission.QaAnswer}><QaInboxPage /></Guarded>} />
              <Route path="qa/questions/:id" element={<Lazy><QaQuestionPage /></Lazy>} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
