import { RequireAbility } from '../components/Page.tsx';
import { AuditLog } from '../features/audit/AuditLog.tsx';

export function AuditPage() {
  return (
    <RequireAbility ability="audit.view">
      <AuditLog />
    </RequireAbility>
  );
}
