/** The testing plan as the page shows it (G10): each test's status, the re-entry deadline it sets, the update windows it suggests. */
import { WINDOW_LABELS, type WindowPoint, editDeadline } from '../../domain/gradebook/find-edit-block.ts';
import { type PlanStatus, plannedTestLabel, planStatus } from '../../domain/testing-plan/testing-plan.ts';
import type { TestingPlan, TestingPlanRow } from '../../shared/testing-plan.ts';
import type { loadPlanProgress } from './testing-plan-queries.ts';

type ProgressRow = Awaited<ReturnType<typeof loadPlanProgress>>[number];

export function statusLabel(status: PlanStatus): string {
  if (status.kind === 'notDue') return 'chưa đến hạn';
  if (status.kind === 'complete') return 'đã nhập đủ';
  return `còn thiếu ${status.missing}`;
}

export function presentTestingPlan(source: { schoolYearId: string; today: string; schoolWide: boolean; editDeadlineDays: number; rows: ProgressRow[] }): TestingPlan {
  const rows = source.rows.map((r): TestingPlanRow => {
    const status = planStatus(r.testOn, source.today, r.entered, r.expected);
    return {
      ...r,
      testLabel: plannedTestLabel(r.termNo, r.test),
      editLastDay: r.test === 'endOfTerm' ? editDeadline(r.testOn, source.editDeadlineDays) : null,
      status: { kind: status.kind, missing: status.kind === 'missing' ? status.missing : 0 },
      statusLabel: statusLabel(status),
    };
  });
  // Each point's window could span its planned tests: from the first to the last.
  const spans = new Map<WindowPoint, { first: string; last: string }>();
  for (const r of rows) {
    const point = `term${r.termNo}.${r.test}` as WindowPoint;
    const span = spans.get(point);
    spans.set(point, { first: span && span.first < r.testOn ? span.first : r.testOn, last: span && span.last > r.testOn ? span.last : r.testOn });
  }
  const suggestedWindows = [...spans]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([point, s]) => ({ point, label: WINDOW_LABELS[point], firstTestOn: s.first, lastTestOn: s.last }));
  return { schoolYearId: source.schoolYearId, today: source.today, schoolWide: source.schoolWide, rows, suggestedWindows };
}
