/** Scores and what follows from them: cells, locks, assessment windows, corrections, score imports, result snapshots, primary assessments, transcript records. */
import type { Generated } from 'kysely';

export interface GradebookCellsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  subject_id: string;
  student_id: string;
  term_no: number;
  column_key: string;
  score_tenths: number | null;
  text_value: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface LocksTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number | null;
  class_id: string | null;
  subject_id: string | null;
  term_no: number | null;
  column_key: string | null;
  reason: string;
  /** The principal's order when the admin board sets it (C1: "on the principal's recorded order"). */
  ordered_by: string;
  set_by: string;
  set_at: string;
  released_by: string | null;
  released_at: string | null;
  release_reason: string;
}

export interface AssessmentWindowsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  point: string;
  opens_on: string;
  closes_on: string;
  ordered_by: string;
  set_by: string;
  set_at: string;
  version: number;
}

/** A lock release or window change asked by the admin board, waiting for the principal (issue 14 §3). */
export interface LockRequestsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  /** release | window */
  kind: string;
  lock_id: string | null;
  point: string | null;
  opens_on: string | null;
  closes_on: string | null;
  /** The window's version when asked (0: not set yet). */
  window_version: number | null;
  /** What is asked, as the edit log prints it. */
  summary: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  /** pending | confirmed | refused */
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string;
}

export interface CorrectionRequestsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  number: number;
  class_id: string;
  /** null for a record other than scores (issue 22). */
  subject_id: string | null;
  requested_by: string;
  requested_at: string;
  reason: string;
  evidence_kind: string;
  cells_json: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string;
  applied_by: string | null;
  applied_at: string | null;
  version: number;
  /** scores | conduct | attendance | profile | primaryAssessment (shared/corrections.ts). */
  kind: Generated<string>;
}

export interface ScoreImportsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  subject_id: string;
  term_no: number;
  file_name: string;
  file_sha256: string;
  file_path: string;
  file_size: number;
  /** previewed | applied | rolledBack */
  status: string;
  changes_json: string;
  unchanged_count: number;
  created_by: string;
  created_at: string;
  applied_by: string | null;
  applied_at: string | null;
  rolled_back_by: string | null;
  rolled_back_at: string | null;
  version: number;
}

export interface ResultSnapshotsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  scope: string;
  rule_version: string;
  snapshot_json: string;
  sha256: string;
  status: string;
  proposed_by: string;
  proposed_at: string;
  approved_by: string | null;
  approved_at: string | null;
  superseded_by: string | null;
  version: number;
}

export interface PrimaryAssessmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  student_id: string;
  point: string;
  qualities_json: string;
  competences_json: string;
  comment: string;
  nominated: number;
  nomination_note: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface TranscriptRecordsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  student_id: string;
  regime: string;
  rule_version: string;
  record_json: string;
  sha256: string;
  status: string;
  version_no: number;
  supersedes_id: string | null;
  result_snapshot_id: string | null;
  confirmed_by: string;
  confirmed_at: string;
}
