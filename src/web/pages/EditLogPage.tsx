import { EditLogView } from '../features/editlog/EditLogView.tsx';

export function EditLogPage() {
  return <EditLogView />;
}
