import { RequireAbility } from '../components/Page.tsx';
import { YearList } from '../features/setup/YearList.tsx';

export function YearsPage() {
  return (
    <RequireAbility ability="setup.manage">
      <YearList />
    </RequireAbility>
  );
}
