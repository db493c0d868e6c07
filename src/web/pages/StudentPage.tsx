import { useParams } from 'wouter';
import { StudentDetailView } from '../features/people/StudentDetailView.tsx';

export function StudentPage() {
  const { studentId = '' } = useParams<{ studentId: string }>();
  return <StudentDetailView key={studentId} studentId={studentId} />;
}
