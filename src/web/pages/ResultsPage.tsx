import { useQuery } from '@tanstack/react-query';
import { Redirect, useParams } from 'wouter';
import type { ResultScope } from '../api/types.ts';
import { Loading, RequireYear } from '../components/Page.tsx';
import { currentTermNo } from '../features/gradebook/hooks.ts';
import { todoApi, todoKey } from '../features/home/todo-api.ts';
import { ResultsView } from '../features/homeroom/ResultsView.tsx';
import { useSession } from '../app/session.tsx';
import { useYearSetup } from '../features/setup/hooks.ts';

const SCOPES: ResultScope[] = ['term1', 'term2', 'year', 'final'];

/** Without a scope in the address: the term running today by the server's clock (term II from its first day). */
function ResultsForYear({ yearId, classId, scope }: { yearId: string; classId: string | null; scope: string | undefined }) {
  const setup = useYearSetup(yearId);
  const { can } = useSession();
  // Issue 15: whoever approves opens on the first class waiting for her approval, not on "Chọn một lớp."
  const approves = !classId && can('results.approve');
  const todo = useQuery({ queryKey: todoKey(yearId), queryFn: () => todoApi.get(yearId), enabled: approves });
  const given = SCOPES.find((x) => x === scope);
  if ((!given && setup.isLoading) || (approves && todo.isLoading)) return <Loading />;
  const waiting = approves ? todo.data?.items.find((i) => i.kind === 'results.approve' && i.href.startsWith('/ket-qua/')) : undefined;
  if (waiting) return <Redirect to={waiting.href} replace />;
  const s = given ?? (currentTermNo(setup.data?.terms) === 2 ? 'term2' : 'term1');
  return <ResultsView key={yearId} yearId={yearId} classId={classId} scope={s} />;
}

export function ResultsPage() {
  const { classId, scope } = useParams<{ classId?: string; scope?: string }>();
  return <RequireYear>{(yearId) => <ResultsForYear yearId={yearId} classId={classId ?? null} scope={scope} />}</RequireYear>;
}
