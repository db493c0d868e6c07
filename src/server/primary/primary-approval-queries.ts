/** The approval of a primary class's points (C5, TT 27/2020): where each stands, and the frozen summary books. */
import { PRIMARY_POINTS, type PrimaryPoint } from '../../domain/results/primary-traits.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { latestApprovedSnapshot } from '../results/index.ts';
import { primarySummarySha256 } from './approve-primary-results.ts';
import { loadPrimarySummary, type PrimarySummary, requirePrimaryClass } from './primary-summary-queries.ts';

/** Each point: whether its live summary is complete, the pending proposal and the approved snapshot, each with whether the data changed since. */
export async function loadPrimaryApprovals(db: Executor, cls: Row<'classes'>) {
  await requirePrimaryClass(db, cls);
  const snaps = await db
    .selectFrom('result_snapshots')
    .innerJoin('users as proposer', 'proposer.id', 'result_snapshots.proposed_by')
    .leftJoin('users as approver', 'approver.id', 'result_snapshots.approved_by')
    .select(['result_snapshots.id', 'result_snapshots.scope', 'result_snapshots.status', 'result_snapshots.sha256', 'result_snapshots.rule_version', 'result_snapshots.proposed_at', 'result_snapshots.approved_at', 'proposer.full_name as proposed_by_name', 'approver.full_name as approved_by_name'])
    .where('result_snapshots.class_id', '=', cls.id)
    .where('result_snapshots.scope', 'in', [...PRIMARY_POINTS])
    .where('result_snapshots.status', 'in', ['proposed', 'approved'])
    .orderBy('result_snapshots.proposed_at', 'desc')
    .execute();
  const points = [];
  for (const point of PRIMARY_POINTS) {
    const live = await loadPrimarySummary(db, cls, point);
    const sha256 = primarySummarySha256(live.rows);
    const present = (s: (typeof snaps)[number] | undefined) =>
      s ? { id: s.id, ruleVersion: s.rule_version, sha256: s.sha256, proposedAt: s.proposed_at, proposedByName: s.proposed_by_name, approvedAt: s.approved_at, approvedByName: s.approved_by_name, changedSince: s.sha256 !== sha256 } : null;
    const mine = snaps.filter((s) => s.scope === point);
    points.push({
      point,
      missingCount: live.rows.reduce((n, r) => n + r.missing.length, 0),
      proposal: present(mine.find((s) => s.status === 'proposed')),
      approved: present(mine.find((s) => s.status === 'approved')),
    });
  }
  return { classId: cls.id, className: cls.name, points };
}

/** The summary book of a point as the principal approved it (the latest approval), or null while it is not approved. */
export async function loadApprovedPrimarySummary(db: Executor, classId: string, point: PrimaryPoint): Promise<{ summary: PrimarySummary; snapshot: { id: string; sha256: string; approvedAt: string } } | null> {
  const snap = await latestApprovedSnapshot(db, classId, point);
  return snap ? { summary: JSON.parse(snap.snapshot_json) as PrimarySummary, snapshot: { id: snap.id, sha256: snap.sha256, approvedAt: snap.approved_at! } } : null;
}
