import { RequireAbility } from '../components/Page.tsx';
import { ArchiveView } from '../features/archive/ArchiveView.tsx';

export function ArchivePage() {
  return (
    <RequireAbility ability="school.view">
      <ArchiveView />
    </RequireAbility>
  );
}
