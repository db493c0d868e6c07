/**
 * Primary approval per point and class (C5 for grades 1–5, TT 27/2020): the homeroom teacher
 * proposes the summary book of a point — subject levels and test scores, qualities,
 * competences, comments, and at cuối năm the level, award and completion — and the principal
 * approves it, through the same steps as the secondary results (results/approve-class-results.ts):
 * refused while anything is missing or changed since the proposal; approval freezes the summary
 * (rule version, SHA-256) and locks the point — a mid-term point its two grade-book columns, an
 * end-of-term point the whole term — so the grade book and the qualities refuse a change.
 */
import { pointColumns, pointLockColumns, type PrimaryPoint } from '../../domain/results/primary-traits.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import type { Row } from '../platform/db/schema.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { approveSnapshot, proposeSnapshot, type SnapshotKind } from '../results/index.ts';
import { inSentence, primaryPointLabel } from '../../shared/labels.ts';
import { loadPrimarySummary, requirePrimaryClass } from './primary-summary-queries.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';

/** The SHA-256 a point's summary is frozen and compared by: its rows, as the book shows them. */
export const primarySummarySha256 = (rows: unknown[]): string => sha256Hex(canonicalJson(rows));

export function primaryResultsKind(cls: Row<'classes'>, point: PrimaryPoint): SnapshotKind {
  const { termNo } = pointColumns(point);
  return {
    scope: point,
    label: inSentence(primaryPointLabel(point, 'kỳ')),
    link: `/so-tong-hop/${cls.id}?thoi-diem=${point}`,
    compute: async (db) => {
      const summary = await loadPrimarySummary(db, cls, point);
      const missingCount = summary.rows.reduce((n, r) => n + r.missing.length, 0);
      return { ruleVersion: summary.ruleVersion, students: summary.rows, missingCount, frozen: summary, sha256: primarySummarySha256(summary.rows) };
    },
    locks: pointLockColumns(point).map((columnKey) => ({ termNo, columnKey })),
  };
}

interface PrimaryResultsOptions {
  db: Db;
  cls: Row<'classes'>;
  point: PrimaryPoint;
  userId: string;
  audit: AuditContext;
}

export async function proposePrimaryResults(options: PrimaryResultsOptions): Promise<string> {
  await requirePrimaryClass(options.db, options.cls);
  return proposeSnapshot(options, primaryResultsKind(options.cls, options.point));
}

export async function approvePrimaryResults(options: PrimaryResultsOptions & { snapshotId: string }): Promise<void> {
  await requirePrimaryClass(options.db, options.cls);
  return approveSnapshot(options, primaryResultsKind(options.cls, options.point));
}
