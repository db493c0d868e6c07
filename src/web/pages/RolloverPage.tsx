import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { RolloverView } from '../features/people/RolloverView.tsx';

export function RolloverPage() {
  return (
    <RequireAbility ability="enrollment.manage">
      <RequireYear>{() => <RolloverView />}</RequireYear>
    </RequireAbility>
  );
}
