import { Route, Switch } from 'wouter';
import { AccountsPage } from '../pages/AccountsPage.tsx';
import { AuditPage } from '../pages/AuditPage.tsx';
import { ClassListPage } from '../pages/ClassListPage.tsx';
import { ClassesPage } from '../pages/ClassesPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { RolloverPage } from '../pages/RolloverPage.tsx';
import { StaffPage } from '../pages/StaffPage.tsx';
import { StudentPage } from '../pages/StudentPage.tsx';
import { YearSetupPage } from '../pages/YearSetupPage.tsx';
import { YearsPage } from '../pages/YearsPage.tsx';

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
      <Route component={NotFoundPage} />
    </Switch>
  );
}
