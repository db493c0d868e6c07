import { useParams } from 'wouter';
import { RequireAbility, RequireYear } from '../components/Page.tsx';
import { TranscriptConfirmationView } from '../features/transcripts/TranscriptConfirmationView.tsx';

export function TranscriptConfirmationPage() {
  const { classId } = useParams<{ classId?: string }>();
  return (
    <RequireAbility ability="transcript.confirm">
      <RequireYear>{(yearId) => <TranscriptConfirmationView key={yearId} yearId={yearId} classId={classId ?? null} />}</RequireYear>
    </RequireAbility>
  );
}
