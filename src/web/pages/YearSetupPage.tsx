import { useParams } from 'wouter';
import { RequireAbility } from '../components/Page.tsx';
import { YearSetupView } from '../features/setup/YearSetupView.tsx';

export function YearSetupPage() {
  const { yearId = '', tab = '' } = useParams<{ yearId: string; tab?: string }>();
  return (
    <RequireAbility ability="setup.manage">
      <YearSetupView key={yearId} yearId={yearId} tab={tab} />
    </RequireAbility>
  );
}
