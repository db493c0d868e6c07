/**
 * Row types of every table, as Kysely sees them. Portable across SQLite and PostgreSQL:
 * ids are text (UUIDs), times are ISO-8601 text in UTC, dates are 'yyyy-mm-dd' text,
 * booleans are integers 0/1, structured values are JSON text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DocumentSignaturesTable, DocumentsTable, JobsTable } from './schema-documents.ts';

export interface OrgUnitsTable {
  id: string;
  kind: 'province' | 'district';
  code: string;
  name: string;
  parent_id: string | null;
  created_at: string;
}

export interface SchoolsTable {
  id: string;
  org_unit_id: string;
  code: string;
  name: string;
  /** primary | lower_secondary | upper_secondary | multi */
  level: string;
  address: string;
  phone: string;
  /** JSON: school settings (e.g. whether a reason is required for every score change). */
  settings_json: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  full_name: string;
  school_id: string | null;
  org_unit_id: string | null;
  staff_id: string | null;
  must_change_password: number;
  totp_secret: string | null;
  totp_enabled: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserRolesTable {
  id: string;
  user_id: string;
  /** principal | vice_principal | admin | teacher | clerk | district_officer | province_officer | guardian */
  role: string;
  school_id: string | null;
  org_unit_id: string | null;
  /** For a guardian: the child. */
  student_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token. */
  id: string;
  user_id: string;
  csrf_token: string;
  /** 1 while the password was right but the TOTP code is still due. */
  pending_totp: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginAttemptsTable {
  id: string;
  username: string;
  ip: string;
  at: string;
  success: number;
}

export interface StaffTable {
  id: string;
  school_id: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  sex: string;
  date_of_birth: string | null;
  position: string;
  speciality: string;
  phone: string;
  email: string;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SchoolYearsTable {
  id: string;
  school_id: string;
  /** e.g. 2025 for 2025-2026 */
  start_year: number;
  name: string;
  starts_on: string;
  ends_on: string;
  status: string;
  created_at: string;
}

export interface TermsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  term_no: number;
  name: string;
  starts_on: string;
  ends_on: string;
  /** Date of the end-of-term test (kiểm tra cuối kỳ), for the edit deadline (G10). */
  end_test_on: string | null;
}

export interface GradeLevelsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number;
  /** TT22_2021 | TT27_2020 | TT58_TT26 | TT58_2011 | TT22_2016 */
  regime: string;
}

export interface SubjectGroupsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  name: string;
  head_staff_id: string | null;
}

export interface SubjectGroupMembersTable {
  school_id: string;
  subject_group_id: string;
  staff_id: string;
}

export interface SubjectsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number;
  code: string;
  name: string;
  periods_per_year: number;
  /** scored | comment | primaryLevel */
  assessment_kind: string;
  learning_topic_cluster: number;
  has_periodic_test: number;
  sort_order: number;
  subject_group_id: string | null;
}

export interface ClassesTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number;
  name: string;
  homeroom_staff_id: string | null;
  room: string;
  session: string;
  created_at: string;
  version: number;
  /** abc: kept in Vietnamese alphabetical order; manual: fine-tuned by hand (S5). */
  list_order: Generated<string>;
}

export interface TeachingAssignmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  subject_id: string;
  staff_id: string;
  created_at: string;
}

export interface StudentsTable {
  id: string;
  school_id: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  sex: string;
  date_of_birth: string;
  place_of_birth: string;
  ethnicity: string;
  nationality: string;
  religion: string;
  national_id: string | null;
  student_code: string | null;
  address: string;
  phone: string | null;
  guardians_json: string;
  /** studying | graduated | transferred_out | dropped_out */
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EnrollmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  student_id: string;
  class_id: string;
  /** active | transferred_in | transferred_out | moved_class | dropped_out | graduated | retained */
  status: string;
  starts_on: string;
  ends_on: string | null;
  list_number: number | null;
  /** How the student came into this class: intake | transfer_in | class_change | rollover | retained */
  origin: string;
  note: string;
  created_at: string;
  version: number;
}

export interface AuditEventsTable {
  id: string;
  chain_key: string;
  seq: number;
  school_id: string | null;
  at: string;
  actor_user_id: string | null;
  actor_role: string;
  ip: string;
  user_agent: string;
  request_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  reason: string;
  source: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: string;
  route: string;
  status_code: number;
  response_json: string;
  created_at: string;
}

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

export interface CorrectionRequestsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  number: number;
  class_id: string;
  subject_id: string;
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
}

export interface StoredFilesTable {
  id: string;
  school_id: string;
  owner_type: string;
  owner_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  path: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface NotificationsTable {
  id: string;
  school_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
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

export interface AttendanceRecordsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  student_id: string;
  date: string;
  session: string;
  period_no: number;
  subject_id: string | null;
  kind: string;
  note: string;
  version: number;
  recorded_by: string;
  recorded_at: string;
}

export interface ConductAssessmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  student_id: string;
  period: string;
  level: string | null;
  comment: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface WeeklyNotesTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  week_start: string;
  kind: string;
  subject_id: string | null;
  author_id: string;
  text: string;
  created_at: string;
  updated_at: string;
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

export interface AttendanceRollsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  date: string;
  session: string;
  period_no: number;
  taken_by: string;
  taken_at: string;
}

export interface Database {
  org_units: OrgUnitsTable;
  schools: SchoolsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
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
  idempotency_keys: IdempotencyKeysTable;
  gradebook_cells: GradebookCellsTable;
  locks: LocksTable;
  assessment_windows: AssessmentWindowsTable;
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
  'school_years',
  'terms',
  'grade_levels',
  'subject_groups',
  'subject_group_members',
  'subjects',
  'classes',
  'teaching_assignments',
  'students',
  'enrollments',
  'audit_events',
  'audit_chain_heads',
  'idempotency_keys',
  'gradebook_cells',
  'locks',
  'assessment_windows',
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
  'jobs',
];
