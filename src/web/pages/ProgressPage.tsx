import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { ProgressView } from '../features/gradebook/ProgressView.tsx';

export function ProgressPage() {
  return (
    <RequireAbility ability="progress.view">
      <RequireYear>{(yearId) => <ProgressView key={yearId} yearId={yearId} />}</RequireYear>
    </RequireAbility>
  );
}
