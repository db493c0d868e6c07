import { useParams } from 'wouter';
import { CorrectionDetail } from '../features/corrections/CorrectionDetail.tsx';

export function CorrectionPage() {
  const { id = '' } = useParams<{ id: string }>();
  return <CorrectionDetail key={id} id={id} />;
}
