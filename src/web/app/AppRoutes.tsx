import { Route, Switch } from 'wouter';
import { AccountsPage } from '../pages/AccountsPage.tsx';
import { ArchivePage } from '../pages/ArchivePage.tsx';
import { AuditPage } from '../pages/AuditPage.tsx';
import { ClassBookPage } from '../pages/ClassBookPage.tsx';
import { ClassDashboardPage } from '../pages/ClassDashboardPage.tsx';
import { SchoolDashboardPage } from '../pages/SchoolDashboardPage.tsx';
import { ClassListPage } from '../pages/ClassListPage.tsx';
import { ClassesPage } from '../pages/ClassesPage.tsx';
import { CorrectionPage } from '../pages/CorrectionPage.tsx';
import { CorrectionsPage } from '../pages/CorrectionsPage.tsx';
import { EditLogPage } from '../pages/EditLogPage.tsx';
import { GradebookPage } from '../pages/GradebookPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { LocksPage } from '../pages/LocksPage.tsx';
import { DelegationsPage } from '../pages/DelegationsPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ProgressPage } from '../pages/ProgressPage.tsx';
import { TestingPlanPage } from '../pages/TestingPlanPage.tsx';
import { RolloverPage } from '../pages/RolloverPage.tsx';
import { StaffPage } from '../pages/StaffPage.tsx';
import { StudentPage } from '../pages/StudentPage.tsx';
import { YearSetupPage } from '../pages/YearSetupPage.tsx';
import { YearsPage } from '../pages/YearsPage.tsx';
import { AttendancePage } from '../pages/AttendancePage.tsx';
import { ConductPage } from '../pages/ConductPage.tsx';
import { PrimaryAssessmentPage } from '../pages/PrimaryAssessmentPage.tsx';
import { PrimarySummaryPage } from '../pages/PrimarySummaryPage.tsx';
import { ResultsPage } from '../pages/ResultsPage.tsx';
import { RetestPage } from '../pages/RetestPage.tsx';
import { WeeklyNotesPage } from '../pages/WeeklyNotesPage.tsx';
import { PrintPage } from '../pages/PrintPage.tsx';
import { SigningPage } from '../pages/SigningPage.tsx';
import { TranscriptConfirmationPage } from '../pages/TranscriptConfirmationPage.tsx';

export function AppRoutes() {
  return (
    <Switch>
      <Route path="/" component={HomePage} />
      <Route path="/thiet-lap" component={YearsPage} />
      <Route path="/thiet-lap/:yearId/:tab?" component={YearSetupPage} />
      <Route path="/can-bo" component={StaffPage} />
      <Route path="/lop" component={ClassesPage} />
      <Route path="/lop/:classId" component={ClassListPage} />
      <Route path="/hoc-sinh/:studentId" component={StudentPage} />
      <Route path="/ket-chuyen" component={RolloverPage} />
      <Route path="/tai-khoan" component={AccountsPage} />
      <Route path="/nhat-ki" component={AuditPage} />
      <Route path="/luu-tru" component={ArchivePage} />
      <Route path="/so-diem" component={GradebookPage} />
      <Route path="/so-diem/:classId/:subjectId/:termNo" component={GradebookPage} />
      <Route path="/so-theo-doi" component={ClassBookPage} />
      <Route path="/so-theo-doi/:classId" component={ClassBookPage} />
      <Route path="/tien-do" component={ProgressPage} />
      <Route path="/ke-hoach-kiem-tra" component={TestingPlanPage} />
      <Route path="/khoa-so" component={LocksPage} />
      <Route path="/uy-quyen" component={DelegationsPage} />
      <Route path="/de-nghi-sua-diem" component={CorrectionsPage} />
      <Route path="/de-nghi-sua-diem/:id" component={CorrectionPage} />
      {/* Notification links from the server name the request this way. */}
      <Route path="/corrections/:id" component={CorrectionPage} />
      <Route path="/nhat-ki-sua-diem" component={EditLogPage} />
      <Route path="/diem-danh/:classId?" component={AttendancePage} />
      <Route path="/ne-nep/:classId?" component={WeeklyNotesPage} />
      <Route path="/ren-luyen/:classId?" component={ConductPage} />
      <Route path="/ket-qua/:classId?/:scope?" component={ResultsPage} />
      <Route path="/kiem-tra-lai/:classId?" component={RetestPage} />
      <Route path="/bieu-do/:classId?/:scope?" component={ClassDashboardPage} />
      <Route path="/thong-ke/:scope?" component={SchoolDashboardPage} />
      <Route path="/tieu-hoc/:classId?" component={PrimaryAssessmentPage} />
      <Route path="/so-tong-hop/:classId?" component={PrimarySummaryPage} />
      <Route path="/in-an" component={PrintPage} />
      <Route path="/xac-nhan-hoc-ba/:classId?" component={TranscriptConfirmationPage} />
      <Route path="/ky-so/:documentId?" component={SigningPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
