import { RequireAbility } from '../components/Page.tsx';
import { DelegationsView } from '../features/delegations/DelegationsView.tsx';

export function DelegationsPage() {
  return (
    <RequireAbility ability="delegation.view">
      <DelegationsView />
    </RequireAbility>
  );
}
