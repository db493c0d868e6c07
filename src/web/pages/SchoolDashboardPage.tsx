import { Suspense, lazy } from 'react';
import { useParams } from 'wouter';
import type { DashboardScope } from '../api/types.ts';
import { Loading, RequireAbility, RequireYear } from '../components/Page.tsx';
import { DASHBOARD_SCOPES } from '../features/dashboard/labels.ts';

/** The chart library loads with the dashboards only (its own chunk). */
const SchoolDashboardView = lazy(() => import('../features/dashboard/SchoolDashboardView.tsx').then((m) => ({ default: m.SchoolDashboardView })));

export function SchoolDashboardPage() {
  const { scope } = useParams<{ scope?: string }>();
  const s: DashboardScope = DASHBOARD_SCOPES.find((x) => x === scope) ?? 'term1';
  return (
    <RequireAbility ability="progress.view">
      <RequireYear>
        {(yearId) => (
          <Suspense fallback={<Loading />}>
            <SchoolDashboardView key={yearId} yearId={yearId} scope={s} />
          </Suspense>
        )}
      </RequireYear>
    </RequireAbility>
  );
}
