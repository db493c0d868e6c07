import { useParams } from 'wouter';
import { ClassListView } from '../features/students/ClassListView.tsx';

export function ClassListPage() {
  const { classId = '' } = useParams<{ classId: string }>();
  return <ClassListView key={classId} classId={classId} />;
}
