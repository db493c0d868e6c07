import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { WeeklyNotesView } from '../features/homeroom/WeeklyNotesView.tsx';

export function WeeklyNotesPage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <WeeklyNotesView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
