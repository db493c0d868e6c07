import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { PrimaryAssessmentView } from '../features/primary/PrimaryAssessmentView.tsx';

export function PrimaryAssessmentPage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <PrimaryAssessmentView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
