/**
 * What each audit event records: the entity it is about and its `before` / `after` payloads
 * (stored as canonical JSON; null where there is none). Writers are checked against this map,
 * so an unknown action, a wrong entity type or a payload of the wrong shape does not compile.
 */
import type { TraitLevelTt27 } from '../../../domain/assessment/year-level-tt27.ts';
import type { CellValue } from '../../../domain/gradebook/parse-cell-input.ts';
import type { ReEntryEvidenceKind } from '../../../domain/gradebook/reentry-evidence.ts';
import type { Role } from '../../../domain/policies/actor.ts';
import type { AuditAction, AuditEntityType } from '../../../shared/audit-events.ts';
import type { SchoolSettings } from '../../../shared/school-settings.ts';
import type { NewRow, Row } from '../db/schema.ts';

interface Event<E extends AuditEntityType, B, A> {
  entityType: E;
  before: B;
  after: A;
}

/** A failed login: the failures counted so far and, when they slow the next attempt, when it may come (login-throttle.ts). */
export interface LoginFailureAudit {
  failedLogins: number;
  lockedUntil: string | null;
}

export interface AccountCreatedAudit {
  username: string;
  fullName: string;
  staffId: string | null;
  grants: { role: Role; studentId: string | null }[];
}

export interface AccountAccessAudit {
  roles: Role[];
  disabled: boolean;
}

export interface SchoolYearCreatedAudit {
  name: string;
  startsOn: string;
  endsOn: string;
  terms: TermDatesAudit[];
  grades: number[];
  copiedFrom: string | null;
  /** What was set up: from the template (subjects only) or copied from another year. */
  subjects: number;
  subjectGroups?: number;
  classes?: number;
  assignments?: number;
}

export interface TermDatesAudit {
  termNo: number;
  startsOn: string;
  endsOn: string;
  endTestOn: string | null;
}

export interface SubjectGroupAudit {
  name: string;
  headStaffId: string | null;
  memberStaffIds: string[];
}

/** Enrollment id → list number. */
export type ClassListAudit = Record<string, number | null>;

export interface EnrollmentChangeAudit {
  closed: { id: string; status: string; endsOn: string; note: string };
  /** The enrollment in the new class (a class change). */
  opened: NewRow<'enrollments'> | null;
  /** The pupil's status after the change. */
  studentStatus: string;
}

/** A grade-book cell before and after a change: the edit log and verifyStoredRecords read these back. */
export type CellBeforeAudit = CellValue & { version: number };

/** The cell's whole key travels with its value, so a cell moved to another pupil or column no longer matches. */
export interface CellAfterAudit extends CellValue {
  studentId: string;
  classId: string;
  subjectId: string;
  termNo: number;
  columnKey: string;
  version: number;
  correctionRequestId?: string;
  /** C4: a re-entry's evidence (and the note of "other"). */
  evidence?: ReEntryEvidenceKind[];
  evidenceNote?: string;
}

export interface ScoreImportAudit {
  fileName: string;
  sha256: string;
  termNo: number;
  cells: number;
}

/** A cell of a correction request: old → new. */
export interface CorrectionCellAudit {
  studentId: string;
  termNo: number;
  columnKey: string;
  old: CellValue & { version: number };
  new: CellValue;
}

export interface CorrectionFiledAudit {
  number: number;
  termNo: number;
  cells: CorrectionCellAudit[];
  evidenceKind: string;
}

/** A request to change a record other than scores (issue 22): its kind and stored changes, old → new. */
export interface RecordCorrectionFiledAudit {
  number: number;
  kind: string;
  changes: unknown[];
  evidenceKind: string;
}

export interface EvidenceAudit {
  fileId: string;
  filename: string;
  sha256: string;
  size: number;
  mime: string;
}

export interface AttendanceMarkAudit {
  studentId: string;
  date: string;
  session: string;
  periodNo: number;
  kind: string | null;
  note: string;
  correctionRequestId?: string;
}

export interface AttendanceRollAudit {
  date: string;
  session: string;
  periodNo: number;
  absences: number;
  changed: number;
}

export interface ConductBeforeAudit {
  level: string | null;
  comment: string;
  version: number;
}

export interface ConductAfterAudit extends ConductBeforeAudit {
  studentId: string;
  period: string;
  correctionRequestId?: string;
}

export interface WeeklyNoteEditAudit {
  text: string;
  version: number;
}

export interface ResultsApprovedAudit {
  status: 'approved';
  sha256: string;
  ruleVersion: string;
  lockIds: string[];
}

export interface PrimaryAssessmentAudit {
  qualities: (TraitLevelTt27 | null)[];
  competences: (TraitLevelTt27 | null)[];
  comment: string;
  nominated: boolean;
  correctionRequestId?: string;
}

export interface TranscriptConfirmedAudit {
  studentId: string;
  sha256: string;
  ruleVersion: string;
  versionNo: number;
  /** Written by the demo seed. */
  seeded?: true;
}

export interface DocumentCreatedAudit {
  kind: string;
  title: string;
  version: number;
  sha256: string;
  dataSha256: string | null;
  inputsVersion: string;
}

export interface DocumentSignedAudit {
  seq: number;
  role: string;
  sha256: string;
  certificate: string;
  certificateSha256: string;
  backend: string;
  /** Signed in a batch (issue 15 §3): the batch, this document's place in it, its size. */
  batch?: { id: string; index: number; size: number };
}

/** A lock release or window change asked by the admin board, as it waits for the principal (issue 14 §3). */
/** A delegation as granted (issue 22). */
export interface DelegationAudit {
  schoolYearId: string;
  delegateUserId: string;
  powers: string[];
  scope: string;
  grantedBy: string | null;
  grantedAt: string;
  version: number;
}

export interface LockRequestAudit {
  kind: 'release' | 'window';
  lockId: string | null;
  point: string | null;
  opensOn: string | null;
  closesOn: string | null;
  /** What is asked, as the edit log prints it. */
  summary: string;
  requestedBy: string;
}

/** A release or window change made on the confirmation of a request: who asked, besides who confirmed (the actor). */
export interface ConfirmedRequestAudit {
  requestId?: string;
  requestedBy?: string;
}

/** The school's seal certificate as registered (issue 14); `before` is the one it replaced. */
export interface SealRegistrationAudit {
  id: string;
  certificateSha256: string;
  subject: string;
  issuer: string;
  notAfter: string;
}

/** An event about a user that records no payload. */
type UserEvent = Event<'user', null, null>;
type Status<S extends string> = { status: S };

/** Holds when the map has exactly one entry per action of src/shared/audit-events.ts. */
type EveryAction<T extends { [A in AuditAction]: Event<AuditEntityType, unknown, unknown> } & { [K in Exclude<keyof T, AuditAction>]: never }> = T;

export type AuditEvents = EveryAction<{
  'login.succeeded': UserEvent;
  'login.password_ok': UserEvent;
  'login.failed': Event<'user', null, LoginFailureAudit>;
  'login.locked': Event<'user', null, LoginFailureAudit>;
  'login.totp_failed': UserEvent;
  'login.totp_replayed': UserEvent;
  'login.totp_throttled': Event<'user', null, LoginFailureAudit>;
  'login.recovery_code_used': Event<'user', null, { remaining: number }>;
  'login.recovery_code_failed': UserEvent;
  'account.created': Event<'user', null, AccountCreatedAudit>;
  'account.updated': Event<'user', AccountAccessAudit, AccountAccessAudit>;
  'account.disabled': Event<'user', AccountAccessAudit, AccountAccessAudit>;
  'account.rolesChanged': Event<'user', AccountAccessAudit, AccountAccessAudit>;
  'account.passwordReset': UserEvent;
  'account.password_changed': UserEvent;
  'account.totp_enabled': Event<'user', { totpEnabled: boolean }, { totpEnabled: boolean }>;
  'account.secondFactorReset': UserEvent;
  'account.recovery_codes_generated': Event<'user', null, { count: number }>;

  'schoolYear.created': Event<'school_year', null, SchoolYearCreatedAudit>;
  'schoolYear.rolledOver': Event<'school_year', { fromYearId: string }, { promoted: number; retained: string[]; graduated: number; graduatedIds: string[] }>;
  'terms.updated': Event<'school_year', Pick<Row<'terms'>, 'term_no' | 'starts_on' | 'ends_on' | 'end_test_on'>[], TermDatesAudit[]>;
  'subject.created': Event<'subject', null, NewRow<'subjects'>>;
  'subject.updated': Event<'subject', Row<'subjects'>, Row<'subjects'>>;
  // One call writes both: `before` is null for a new group, else the group as loaded (undefined, stored as null, if gone).
  'subjectGroup.created': Event<'subject_group', Row<'subject_groups'> | null | undefined, SubjectGroupAudit>;
  'subjectGroup.updated': Event<'subject_group', Row<'subject_groups'> | null | undefined, SubjectGroupAudit>;
  'class.created': Event<'class', null, NewRow<'classes'>>;
  'class.updated': Event<'class', Row<'classes'>, Row<'classes'>>;
  'homeroom.assigned': Event<'class', Row<'classes'>, Row<'classes'>>;
  'teachingAssignment.changed': Event<'teaching_assignment', { staffId: string } | null, { staffId: string } | null>;
  'settings.updated': Event<'school', SchoolSettings, SchoolSettings>;
  'settings.delegateChanged': Event<'school', { delegateUserId: string | null }, { delegateUserId: string | null }>;

  'staff.created': Event<'staff', null, NewRow<'staff'>>;
  'staff.updated': Event<'staff', Row<'staff'>, Row<'staff'>>;
  'student.created': Event<'student', null, { student: NewRow<'students'>; enrollment: NewRow<'enrollments'> }>;
  'student.transferredIn': Event<'student', null, { student: NewRow<'students'>; enrollment: NewRow<'enrollments'> }>;
  'student.updated': Event<'student', Row<'students'>, Row<'students'> & { correctionRequestId?: string }>;
  'student.viewed': Event<'student', null, null>;
  'student.transferredOut': Event<'student', { enrollment: Row<'enrollments'> }, EnrollmentChangeAudit>;
  'student.classChanged': Event<'student', { enrollment: Row<'enrollments'> }, EnrollmentChangeAudit>;
  'student.droppedOut': Event<'student', { enrollment: Row<'enrollments'> }, EnrollmentChangeAudit>;
  'classList.sortedAbc': Event<'class', ClassListAudit, ClassListAudit>;
  'classList.reordered': Event<'class', ClassListAudit, ClassListAudit>;
  /** Q4: a class list read with the students' personal records; how many students it held. */
  'classList.viewed': Event<'class', null, { students: number }>;

  'score.entered': Event<'gradebook_cell', CellBeforeAudit | null, CellAfterAudit>;
  'score.changed': Event<'gradebook_cell', CellBeforeAudit | null, CellAfterAudit>;
  'score.cleared': Event<'gradebook_cell', CellBeforeAudit | null, CellAfterAudit>;
  'scoreImport.applied': Event<'score_import', Status<'previewed'>, Status<'applied'> & ScoreImportAudit>;
  'scoreImport.rolledBack': Event<'score_import', Status<'applied'>, Status<'rolledBack'> & ScoreImportAudit>;
  'lock.set': Event<'lock', null, NewRow<'locks'>>;
  'lock.released': Event<'lock', Row<'locks'>, { releasedAt: string; releasedBy: string } & ConfirmedRequestAudit>;
  /** emptyCellsConfirmed (issue 15): the principal confirmed ending the window with that many required cells empty. */
  'window.set': Event<'assessment_window', Row<'assessment_windows'> | null, Pick<Row<'assessment_windows'>, 'point' | 'opens_on' | 'closes_on' | 'ordered_by' | 'set_by' | 'set_at'> & ConfirmedRequestAudit & { emptyCellsConfirmed?: number }>;
  /** G10: a test of the school's testing plan dated (first time: before null), with where it came from. */
  'testingPlan.set': Event<'testing_plan_entry', Row<'testing_plan_entries'> | null, Omit<Row<'testing_plan_entries'>, 'id' | 'version'> & { source: 'typed' | 'imported' }>;
  /** G10: a planned test taken out of the plan before any score of its column was entered. */
  'testingPlan.deleted': Event<'testing_plan_entry', Row<'testing_plan_entries'>, null>;
  'lockRequest.filed': Event<'lock_request', null, LockRequestAudit & Status<'pending'>>;
  'lockRequest.confirmed': Event<'lock_request', Status<'pending'>, LockRequestAudit & Status<'confirmed'>>;
  'lockRequest.refused': Event<'lock_request', Status<'pending'>, LockRequestAudit & Status<'refused'>>;
  'correction.filed': Event<'correction_request', null, CorrectionFiledAudit | RecordCorrectionFiledAudit>;
  'correction.evidenceAdded': Event<'correction_request', null, EvidenceAudit>;
  'correction.approved': Event<'correction_request', Status<string>, Status<'approved' | 'rejected'>>;
  'correction.rejected': Event<'correction_request', Status<string>, Status<'approved' | 'rejected'>>;
  'correction.applied': Event<'correction_request', Status<'approved'>, Status<'applied'> & { cells: number }>;

  'attendance.marked': Event<'attendance_record', { kind: string; note: string } | null, AttendanceMarkAudit>;
  'attendance.rollTaken': Event<'attendance_roll', null, AttendanceRollAudit>;
  'conduct.assessed': Event<'conduct_assessment', ConductBeforeAudit | null, ConductAfterAudit>;
  'conduct.yearOverridden': Event<'conduct_assessment', ConductBeforeAudit | null, ConductAfterAudit>;
  'weeklyNote.written': Event<'weekly_note', null, NewRow<'weekly_notes'>>;
  'weeklyNote.edited': Event<'weekly_note', WeeklyNoteEditAudit, WeeklyNoteEditAudit>;

  'results.proposed': Event<'result_snapshot', null, { scope: string; sha256: string; ruleVersion: string }>;
  'results.approved': Event<'result_snapshot', Status<'proposed'>, ResultsApprovedAudit>;
  'primary.assessed': Event<'primary_assessment', PrimaryAssessmentAudit | null, PrimaryAssessmentAudit & { studentId: string; point: string }>;
  'transcript.confirmed': Event<'transcript_record', { id: string; sha256: string } | null, TranscriptConfirmedAudit>;
  'transcript.reconfirmed': Event<'transcript_record', { id: string; sha256: string } | null, TranscriptConfirmedAudit>;

  'document.create': Event<'document', { supersedes: string; version: number } | null, DocumentCreatedAudit>;
  'document.sign': Event<'document', { seq: number; sha256: string }, DocumentSignedAudit>;
  'document.signHandwritten': Event<'document', { seq: number; status: 'pending' }, { seq: number; role: string; status: 'handwritten' }>;
  'seal.registered': Event<'seal_registration', SealRegistrationAudit | null, SealRegistrationAudit>;
  'delegation.granted': Event<'delegation', null, DelegationAudit>;
  'delegation.revoked': Event<'delegation', DelegationAudit, { revokedBy: string; revokedAt: string; version: number }>;
  'archive.started': Event<'year_archive', null, { schoolYearId: string; schoolYearName: string }>;
}>;

/** One audit event of `action`, as a writer hands it to writeAudit. */
export interface AuditEntryOf<A extends AuditAction> {
  chainKey: string;
  schoolId: string | null;
  action: A;
  entityType: AuditEvents[A]['entityType'];
  entityId: string;
  before: AuditEvents[A]['before'];
  after: AuditEvents[A]['after'];
  reason?: string;
  source?: string;
}

/** Any audit event: a union discriminated by `action`. */
export type AuditEntry = { [A in AuditAction]: AuditEntryOf<A> }[AuditAction];
