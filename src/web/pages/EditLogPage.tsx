import { EditLogView } from '../features/audit/EditLogView.tsx';

export function EditLogPage() {
  return <EditLogView />;
}
