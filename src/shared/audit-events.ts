/**
 * The names of the audit events and of the entities they are about, as stored in
 * audit_events.action and .entity_type. The server types each event's payload
 * (src/server/platform/audit/audit-events.ts); the web labels them. Plain arrays only: the web
 * bundle imports this file.
 */
export const AUDIT_ACTIONS = [
  // Signing in and accounts
  'login.succeeded',
  'login.password_ok',
  'login.failed',
  'login.locked',
  'login.totp_failed',
  'login.totp_replayed',
  'login.totp_throttled',
  'login.recovery_code_used',
  'login.recovery_code_failed',
  'account.created',
  'account.updated',
  'account.disabled',
  'account.rolesChanged',
  'account.passwordReset',
  'account.password_changed',
  'account.totp_enabled',
  'account.recovery_codes_generated',
  // Set-up of the school year
  'schoolYear.created',
  'schoolYear.rolledOver',
  'terms.updated',
  'subject.created',
  'subject.updated',
  'subjectGroup.created',
  'subjectGroup.updated',
  'class.created',
  'class.updated',
  'homeroom.assigned',
  'teachingAssignment.changed',
  'settings.updated',
  // People
  'staff.created',
  'staff.updated',
  'student.created',
  'student.updated',
  'student.viewed',
  'student.transferredIn',
  'student.transferredOut',
  'student.classChanged',
  'student.droppedOut',
  'classList.sortedAbc',
  'classList.reordered',
  // Grade books, locks and corrections
  'score.entered',
  'score.changed',
  'score.cleared',
  'scoreImport.applied',
  'scoreImport.rolledBack',
  'lock.set',
  'lock.released',
  'window.set',
  'correction.filed',
  'correction.evidenceAdded',
  'correction.approved',
  'correction.rejected',
  'correction.applied',
  // Class book (homeroom)
  'attendance.marked',
  'attendance.rollTaken',
  'conduct.assessed',
  'conduct.yearOverridden',
  'weeklyNote.written',
  'weeklyNote.edited',
  // Results, primary assessments, transcripts
  'results.proposed',
  'results.approved',
  'primary.assessed',
  'transcript.confirmed',
  'transcript.reconfirmed',
  // Documents and the year's archive
  'document.create',
  'document.sign',
  'document.signHandwritten',
  'archive.started',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'user',
  'school',
  'school_year',
  'subject',
  'subject_group',
  'class',
  'teaching_assignment',
  'staff',
  'student',
  'gradebook_cell',
  'score_import',
  'lock',
  'assessment_window',
  'correction_request',
  'attendance_record',
  'attendance_roll',
  'conduct_assessment',
  'weekly_note',
  'result_snapshot',
  'primary_assessment',
  'transcript_record',
  'document',
  'year_archive',
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
