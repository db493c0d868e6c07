import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { ClassOverview } from '../features/people/ClassOverview.tsx';

export function ClassesPage() {
  return (
    <RequireAbility ability="class.view">
      <RequireYear>{(yearId) => <ClassOverview yearId={yearId} />}</RequireYear>
    </RequireAbility>
  );
}
