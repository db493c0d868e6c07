import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { ConductView } from '../features/homeroom/ConductView.tsx';

export function ConductPage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <ConductView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
