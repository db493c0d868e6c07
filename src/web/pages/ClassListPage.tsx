import { useParams } from 'wouter';
import { ClassListView } from '../features/people/ClassListView.tsx';

export function ClassListPage() {
  const { classId = '' } = useParams<{ classId: string }>();
  return <ClassListView key={classId} classId={classId} />;
}
