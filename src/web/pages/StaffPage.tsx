import { RequireAbility } from '../components/Page.tsx';
import { StaffList } from '../features/people/StaffList.tsx';

export function StaffPage() {
  return (
    <RequireAbility ability="staff.view">
      <StaffList />
    </RequireAbility>
  );
}
