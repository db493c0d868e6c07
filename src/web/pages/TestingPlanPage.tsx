import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { TestingPlanView } from '../features/testing-plan/TestingPlanView.tsx';

export function TestingPlanPage() {
  return (
    <RequireAbility ability="school.view">
      <RequireYear>{(yearId) => <TestingPlanView key={yearId} yearId={yearId} />}</RequireYear>
    </RequireAbility>
  );
}
