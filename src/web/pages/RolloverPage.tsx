import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { RolloverView } from '../features/students/RolloverView.tsx';

export function RolloverPage() {
  return (
    <RequireAbility ability="enrollment.manage">
      <RequireYear>{() => <RolloverView />}</RequireYear>
    </RequireAbility>
  );
}
