import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { ClassBookView } from '../features/gradebook/ClassBookView.tsx';

export function ClassBookPage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <ClassBookView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
