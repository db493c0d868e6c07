import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { RetestView } from '../features/homeroom/RetestView.tsx';

export function RetestPage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <RetestView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
