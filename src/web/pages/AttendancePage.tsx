import { useParams } from 'wouter';
import { RequireYear } from '../components/Page.tsx';
import { AttendanceView } from '../features/homeroom/AttendanceView.tsx';

export function AttendancePage() {
  const { classId } = useParams<{ classId?: string }>();
  return <RequireYear>{(yearId) => <AttendanceView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>;
}
