/**
 * Row types of every table, as Kysely sees them. Portable across SQLite and PostgreSQL:
 * ids are text (UUIDs), times are ISO-8601 text in UTC, dates are 'yyyy-mm-dd' text,
 * booleans are integers 0/1, structured values are JSON text.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentSignaturesTable, DocumentsTable, JobsTable, SealRegistrationsTable } from './schema-documents.ts';
import type { ClassesTable, GradeLevelsTable, OrgUnitsTable, SchoolYearsTable, SchoolsTable, SubjectGroupMembersTable, SubjectGroupsTable, SubjectsTable, TeachingAssignmentsTable, TermsTable } from './schema-school.ts';
import type { EnrollmentsTable, StaffTable, StudentsTable } from './schema-people.ts';
import type { DelegationsTable, LoginAttemptsTable, LoginDevicesTable, LoginThrottlesTable, RecoveryCodesTable, SessionsTable, UserRolesTable, UsersTable } from './schema-accounts.ts';
import type { AssessmentWindowsTable, CorrectionRequestsTable, GradebookCellsTable, LockRequestsTable, LocksTable, PrimaryAssessmentsTable, ResultSnapshotsTable, ScoreImportsTable, TranscriptRecordsTable } from './schema-gradebook.ts';
import type { AttendanceRecordsTable, AttendanceRollsTable, ConductAssessmentsTable, WeeklyNotesTable } from './schema-homeroom.ts';
import type { TestingPlanEntriesTable } from './schema-testing-plans.ts';
import type { AuditChainHeadsTable, AuditCheckpointHeadsTable, AuditCheckpointsTable, AuditEventsTable, IdempotencyKeysTable, NotificationsTable, StoredFilesTable } from './schema-system.ts';

export type * from './schema-documents.ts';
export type * from './schema-school.ts';
export type * from './schema-people.ts';
export type * from './schema-accounts.ts';
export type * from './schema-gradebook.ts';
export type * from './schema-homeroom.ts';
export type * from './schema-system.ts';
export type * from './schema-testing-plans.ts';

export interface Database {
  org_units: OrgUnitsTable;
  schools: SchoolsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  delegations: DelegationsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  login_throttles: LoginThrottlesTable;
  login_devices: LoginDevicesTable;
  recovery_codes: RecoveryCodesTable;
  staff: StaffTable;
  school_years: SchoolYearsTable;
  terms: TermsTable;
  grade_levels: GradeLevelsTable;
  subject_groups: SubjectGroupsTable;
  subject_group_members: SubjectGroupMembersTable;
  subjects: SubjectsTable;
  classes: ClassesTable;
  teaching_assignments: TeachingAssignmentsTable;
  students: StudentsTable;
  enrollments: EnrollmentsTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_checkpoint_heads: AuditCheckpointHeadsTable;
  idempotency_keys: IdempotencyKeysTable;
  gradebook_cells: GradebookCellsTable;
  locks: LocksTable;
  assessment_windows: AssessmentWindowsTable;
  testing_plan_entries: TestingPlanEntriesTable;
  lock_requests: LockRequestsTable;
  correction_requests: CorrectionRequestsTable;
  stored_files: StoredFilesTable;
  notifications: NotificationsTable;
  score_imports: ScoreImportsTable;
  attendance_records: AttendanceRecordsTable;
  conduct_assessments: ConductAssessmentsTable;
  weekly_notes: WeeklyNotesTable;
  result_snapshots: ResultSnapshotsTable;
  primary_assessments: PrimaryAssessmentsTable;
  transcript_records: TranscriptRecordsTable;
  attendance_rolls: AttendanceRollsTable;
  documents: DocumentsTable;
  document_signatures: DocumentSignaturesTable;
  seal_registrations: SealRegistrationsTable;
  jobs: JobsTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;

/** Tables in dependency order (parents first): used by backup and restore. */
export const TABLES_IN_ORDER: (keyof Database)[] = [
  'org_units',
  'schools',
  'staff',
  'users',
  'user_roles',
  'sessions',
  'login_attempts',
  'login_throttles',
  'login_devices',
  'recovery_codes',
  'school_years',
  'terms',
  'grade_levels',
  'subject_groups',
  'subject_group_members',
  'subjects',
  'classes',
  'teaching_assignments',
  'delegations',
  'students',
  'enrollments',
  'audit_events',
  'audit_chain_heads',
  'audit_checkpoints',
  'audit_checkpoint_heads',
  'idempotency_keys',
  'gradebook_cells',
  'locks',
  'assessment_windows',
  'testing_plan_entries',
  'lock_requests',
  'correction_requests',
  'stored_files',
  'notifications',
  'score_imports',
  'attendance_records',
  'conduct_assessments',
  'weekly_notes',
  'result_snapshots',
  'primary_assessments',
  'transcript_records',
  'attendance_rolls',
  'documents',
  'document_signatures',
  'seal_registrations',
  'jobs',
];
