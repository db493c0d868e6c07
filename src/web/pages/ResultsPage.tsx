import { useParams } from 'wouter';
import type { ResultScope } from '../api/types.ts';
import { RequireYear } from '../components/Page.tsx';
import { ResultsView } from '../features/homeroom/ResultsView.tsx';

const SCOPES: ResultScope[] = ['term1', 'term2', 'year', 'final'];

export function ResultsPage() {
  const { classId, scope } = useParams<{ classId?: string; scope?: string }>();
  const s = SCOPES.find((x) => x === scope) ?? 'term1';
  return <RequireYear>{(yearId) => <ResultsView key={yearId} yearId={yearId} classId={classId ?? null} scope={s} />}</RequireYear>;
}
