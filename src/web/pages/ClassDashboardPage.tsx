import { Suspense, lazy } from 'react';
import { useParams } from 'wouter';
import type { DashboardScope } from '../api/types.ts';
import { Loading, RequireYear } from '../components/Page.tsx';
import { DASHBOARD_SCOPES } from '../features/dashboard/labels.ts';

/** The chart library loads with the dashboards only (its own chunk). */
const ClassDashboardView = lazy(() => import('../features/dashboard/ClassDashboardView.tsx').then((m) => ({ default: m.ClassDashboardView })));

export function ClassDashboardPage() {
  const { classId, scope } = useParams<{ classId?: string; scope?: string }>();
  const s: DashboardScope = DASHBOARD_SCOPES.find((x) => x === scope) ?? 'term1';
  return (
    <RequireYear>
      {(yearId) => (
        <Suspense fallback={<Loading />}>
          <ClassDashboardView key={yearId} yearId={yearId} classId={classId ?? null} scope={s} />
        </Suspense>
      )}
    </RequireYear>
  );
}
