import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { PrimarySummaryView } from '../features/primary/PrimarySummaryView.tsx';

export function PrimarySummaryPage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <PrimarySummaryView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
