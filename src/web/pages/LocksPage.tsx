import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { LocksView } from '../features/locks/LocksView.tsx';

export function LocksPage() {
  return (
    <RequireAbility ability="lock.manage">
      <RequireYear>{(yearId) => <LocksView key={yearId} yearId={yearId} />}</RequireYear>
    </RequireAbility>
  );
}
