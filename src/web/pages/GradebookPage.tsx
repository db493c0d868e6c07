import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { GradebookView } from '../features/gradebook/GradebookView.tsx';

export function GradebookPage() {
  const { classId, subjectId, termNo } = useParams<{ classId?: string; subjectId?: string; termNo?: string }>();
  const pick = classId && subjectId ? { classId, subjectId, termNo: termNo === '2' ? 2 : 1 } : null;
  return <RequireYear>{(yearId) => <GradebookView key={yearId} yearId={yearId} pick={pick} />}</RequireYear>;
}
