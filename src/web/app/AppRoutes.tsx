/**
 * Every page of the app, each loaded on first visit (its own chunk), so that a cold start fetches
 * only the shell and the page asked for: the grade book does not wait for the print, audit or
 * set-up screens. A page's chunk is fetched once and then cached (immutable, hashed file name).
 */
import { Center, Loader } from '@mantine/core';
import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';

/** A page component loaded from its own module when the route is first visited. */
function page<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return Object.assign(
    lazy(() => load().then((m) => ({ default: m[name] }))),
    { preload: load },
  );
}

const AccountsPage = page(() => import('../pages/AccountsPage.tsx'), 'AccountsPage');
const ArchivePage = page(() => import('../pages/ArchivePage.tsx'), 'ArchivePage');
const AuditPage = page(() => import('../pages/AuditPage.tsx'), 'AuditPage');
const ClassBookPage = page(() => import('../pages/ClassBookPage.tsx'), 'ClassBookPage');
const ClassDashboardPage = page(() => import('../pages/ClassDashboardPage.tsx'), 'ClassDashboardPage');
const SchoolDashboardPage = page(() => import('../pages/SchoolDashboardPage.tsx'), 'SchoolDashboardPage');
const ClassListPage = page(() => import('../pages/ClassListPage.tsx'), 'ClassListPage');
const ClassesPage = page(() => import('../pages/ClassesPage.tsx'), 'ClassesPage');
const CorrectionPage = page(() => import('../pages/CorrectionPage.tsx'), 'CorrectionPage');
const CorrectionsPage = page(() => import('../pages/CorrectionsPage.tsx'), 'CorrectionsPage');
const EditLogPage = page(() => import('../pages/EditLogPage.tsx'), 'EditLogPage');
const GradebookPage = page(() => import('../pages/GradebookPage.tsx'), 'GradebookPage');
const HomePage = page(() => import('../pages/HomePage.tsx'), 'HomePage');
const LocksPage = page(() => import('../pages/LocksPage.tsx'), 'LocksPage');
const DelegationsPage = page(() => import('../pages/DelegationsPage.tsx'), 'DelegationsPage');
const NotFoundPage = page(() => import('../pages/NotFoundPage.tsx'), 'NotFoundPage');
const ProgressPage = page(() => import('../pages/ProgressPage.tsx'), 'ProgressPage');
const TestingPlanPage = page(() => import('../pages/TestingPlanPage.tsx'), 'TestingPlanPage');
const RolloverPage = page(() => import('../pages/RolloverPage.tsx'), 'RolloverPage');
const StaffPage = page(() => import('../pages/StaffPage.tsx'), 'StaffPage');
const StudentPage = page(() => import('../pages/StudentPage.tsx'), 'StudentPage');
const YearSetupPage = page(() => import('../pages/YearSetupPage.tsx'), 'YearSetupPage');
const YearsPage = page(() => import('../pages/YearsPage.tsx'), 'YearsPage');
const AttendancePage = page(() => import('../pages/AttendancePage.tsx'), 'AttendancePage');
const ConductPage = page(() => import('../pages/ConductPage.tsx'), 'ConductPage');
const PrimaryAssessmentPage = page(() => import('../pages/PrimaryAssessmentPage.tsx'), 'PrimaryAssessmentPage');
const PrimarySummaryPage = page(() => import('../pages/PrimarySummaryPage.tsx'), 'PrimarySummaryPage');
const ResultsPage = page(() => import('../pages/ResultsPage.tsx'), 'ResultsPage');
const RetestPage = page(() => import('../pages/RetestPage.tsx'), 'RetestPage');
const WeeklyNotesPage = page(() => import('../pages/WeeklyNotesPage.tsx'), 'WeeklyNotesPage');
const PrintPage = page(() => import('../pages/PrintPage.tsx'), 'PrintPage');
const SigningPage = page(() => import('../pages/SigningPage.tsx'), 'SigningPage');
const TranscriptConfirmationPage = page(() => import('../pages/TranscriptConfirmationPage.tsx'), 'TranscriptConfirmationPage');

/** Every route, in the order they are tried (the first match wins). */
const ROUTES: [path: string, page: ReturnType<typeof page>][] = [
  ['/', HomePage],
  ['/thiet-lap', YearsPage],
  ['/thiet-lap/:yearId/:tab?', YearSetupPage],
  ['/can-bo', StaffPage],
  ['/lop', ClassesPage],
  ['/lop/:classId', ClassListPage],
  ['/hoc-sinh/:studentId', StudentPage],
  ['/ket-chuyen', RolloverPage],
  ['/tai-khoan', AccountsPage],
  ['/nhat-ki', AuditPage],
  ['/luu-tru', ArchivePage],
  ['/so-diem', GradebookPage],
  ['/so-diem/:classId/:subjectId/:termNo', GradebookPage],
  ['/so-theo-doi', ClassBookPage],
  ['/so-theo-doi/:classId', ClassBookPage],
  ['/tien-do', ProgressPage],
  ['/ke-hoach-kiem-tra', TestingPlanPage],
  ['/khoa-so', LocksPage],
  ['/uy-quyen', DelegationsPage],
  ['/de-nghi-sua-diem', CorrectionsPage],
  ['/de-nghi-sua-diem/:id', CorrectionPage],
  // Notification links from the server name the request this way.
  ['/corrections/:id', CorrectionPage],
  ['/nhat-ki-sua-diem', EditLogPage],
  ['/diem-danh/:classId?', AttendancePage],
  ['/ne-nep/:classId?', WeeklyNotesPage],
  ['/ren-luyen/:classId?', ConductPage],
  ['/ket-qua/:classId?/:scope?', ResultsPage],
  ['/kiem-tra-lai/:classId?', RetestPage],
  ['/bieu-do/:classId?/:scope?', ClassDashboardPage],
  ['/thong-ke/:scope?', SchoolDashboardPage],
  ['/tieu-hoc/:classId?', PrimaryAssessmentPage],
  ['/so-tong-hop/:classId?', PrimarySummaryPage],
  ['/in-an', PrintPage],
  ['/xac-nhan-hoc-ba/:classId?', TranscriptConfirmationPage],
  ['/ky-so/:documentId?', SigningPage],
];

/** A route pattern as a regular expression: `:name` is one path segment, `:name?` an optional one. */
function routePattern(path: string): RegExp {
  const body = path.replace(/\/:\w+(\?)?/g, (_, optional: string | undefined) => (optional ? '(?:/[^/]+)?' : '/[^/]+'));
  return new RegExp(`^${body}/?$`);
}

/**
 * Starts fetching the page of `pathname` at once, before the session is known, so that its chunk
 * arrives while the server answers who is signed in (instead of after).
 */
export function preloadPage(pathname: string): void {
  const found = ROUTES.find(([path]) => routePattern(path).test(pathname));
  void found?.[1].preload().catch(() => undefined);
}

export function AppRoutes() {
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader size="sm" aria-label="Đang tải trang" />
        </Center>
      }
    >
      <Switch>
        {ROUTES.map(([path, Page]) => (
          <Route key={path} path={path} component={Page} />
        ))}
        <Route component={NotFoundPage} />
      </Switch>
    </Suspense>
  );
}
