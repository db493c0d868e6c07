import { CorrectionList } from '../features/corrections/CorrectionList.tsx';

export function CorrectionsPage() {
  return <CorrectionList />;
}
