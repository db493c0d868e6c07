import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { useSession } from '../app/session.tsx';
import { LocksView } from '../features/locks/LocksView.tsx';

export function LocksPage() {
  const { me, schoolId } = useSession();
  // A vice-principal (leadership) reads the locks and, when delegated, confirms the admin board's requests (issue 14 §3).
  const vicePrincipal = me.grants.some((g) => g.role === 'vice_principal' && g.schoolId === schoolId);
  return (
    <RequireAbility ability={vicePrincipal ? 'editLog.view' : 'lock.manage'}>
      <RequireYear>{(yearId) => <LocksView key={yearId} yearId={yearId} />}</RequireYear>
    </RequireAbility>
  );
}
