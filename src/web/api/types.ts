/**
 * The API's types, inferred from the shared zod schemas (types only: no zod in the bundle).
 * Responses use the output types (`z.infer`), request bodies the input types (`z.input`).
 */
import type { z } from 'zod';
import type { ZAccount, ZAccountSlip, ZCreateAccountInput, ZCreateGuardianAccountInput, ZUpdateAccountInput } from '../../shared/accounts.ts';
import type { ZErrorResponse } from '../../shared/api-common.ts';
import type { ZAuditEvent, ZAuditPage, ZAuditQuery } from '../../shared/audit.ts';
import type { ZLoginNext, ZLoginResult, ZMe } from '../../shared/auth.ts';
import type {
  ZClassList,
  ZClassListEntry,
  ZEnrollment,
  ZEnrollmentStatus,
  ZImportReport,
  ZRolloverInput,
  ZRolloverPreview,
  ZStaff,
  ZStaffInput,
  ZStudent,
  ZStudentDetail,
  ZUpdateStaffInput,
  ZAddStudentInput,
  ZTransferOutInput,
  ZDropOutInput,
  ZChangeClassInput,
  ZListOrderInput,
} from '../../shared/people.ts';
import type {
  ZAssessmentKind,
  ZAssignmentGrid,
  ZClassGroup,
  ZCreateClassInput,
  ZCreateSchoolYearInput,
  ZCreateSubjectInput,
  ZGradeLevel,
  ZRegime,
  ZSchoolYear,
  ZSubject,
  ZSubjectGroup,
  ZSubjectGroupInput,
  ZTerm,
  ZUpdateAssignmentsInput,
  ZUpdateClassInput,
  ZUpdateSubjectInput,
  ZUpdateTermsInput,
  ZYearSetup,
} from '../../shared/setup.ts';
import type { ZGuardianInput, ZSex, ZStudentInput } from '../../shared/student.ts';
import type {
  ZCorrection,
  ZCorrectionCell,
  ZCorrectionPage,
  ZCorrectionStatus,
  ZCreateCorrectionInput,
  ZCreateRecordCorrectionInput,
  ZDecideCorrectionInput,
  ZEvidenceKind,
  ZNotification,
  ZRecordLocks,
} from '../../shared/corrections.ts';
import type { ZEditLogEntry, ZEditLogPage, ZEditLogQuery } from '../../shared/edit-log.ts';
import type { ZGradebookCell, ZGradebookColumn, ZGradebookRow, ZGradebookSheet, ZSaveCellsInput, ZSaveCellsResult } from '../../shared/gradebook.ts';
import type { ZCreateLockInput, ZLock, ZLocksOverview, ZReleaseLockInput, ZSetWindowInput, ZWindow, ZWindowPoint } from '../../shared/locks.ts';
import type { ZSchoolSettings } from '../../shared/school-settings.ts';
import type {
  ZAttendanceDay,
  ZAttendanceSummary,
  ZAbsenceTotals,
  ZClassResults,
  ZConductPeriod,
  ZConductSheet,
  ZLevel,
  ZRecordAttendanceInput,
  ZResultScope,
  ZSaveConductInput,
  ZSession,
  ZStudentResult,
  ZWeeklyNote,
  ZWriteWeeklyNoteInput,
} from '../../shared/homeroom.ts';
import type { ZPrimaryApprovals, ZPrimaryAssessmentSheet, ZPrimaryPoint, ZPrimarySummary, ZSavePrimaryAssessmentsInput, ZTrait } from '../../shared/primary.ts';
import type { ZScoreImport, ZScoreImportPreview, ZScoreImportDiffItem } from '../../shared/gradebook-excel.ts';
import type { ZDocumentDetail, ZDocumentSummary, ZJob, ZPrintKind, ZSignatureStatus, ZStartPrintJob } from '../../shared/documents.ts';

export type ErrorResponse = z.infer<typeof ZErrorResponse>;

export type Me = z.infer<typeof ZMe>;
export type LoginNext = z.infer<typeof ZLoginNext>;
export type LoginResult = z.infer<typeof ZLoginResult>;
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export type SchoolYear = z.infer<typeof ZSchoolYear>;
export type Term = z.infer<typeof ZTerm>;
export type Subject = z.infer<typeof ZSubject>;
export type ClassGroup = z.infer<typeof ZClassGroup>;
export type SubjectGroup = z.infer<typeof ZSubjectGroup>;
export type GradeLevel = z.infer<typeof ZGradeLevel>;
export type Regime = z.infer<typeof ZRegime>;
export type AssessmentKind = z.infer<typeof ZAssessmentKind>;
export type YearSetup = z.infer<typeof ZYearSetup>;
export type AssignmentGrid = z.infer<typeof ZAssignmentGrid>;
export type CreateSchoolYearInput = z.input<typeof ZCreateSchoolYearInput>;
export type UpdateTermsInput = z.input<typeof ZUpdateTermsInput>;
export type CreateSubjectInput = z.input<typeof ZCreateSubjectInput>;
export type UpdateSubjectInput = z.input<typeof ZUpdateSubjectInput>;
export type CreateClassInput = z.input<typeof ZCreateClassInput>;
export type UpdateClassInput = z.input<typeof ZUpdateClassInput>;
export type SubjectGroupInput = z.input<typeof ZSubjectGroupInput>;
export type UpdateAssignmentsInput = z.input<typeof ZUpdateAssignmentsInput>;

export type Sex = z.infer<typeof ZSex>;
export type GuardianInput = z.input<typeof ZGuardianInput>;
export type StudentInput = z.input<typeof ZStudentInput>;
export type Staff = z.infer<typeof ZStaff>;
export type StaffInput = z.input<typeof ZStaffInput>;
export type UpdateStaffInput = z.input<typeof ZUpdateStaffInput>;
export type EnrollmentStatus = z.infer<typeof ZEnrollmentStatus>;
export type Enrollment = z.infer<typeof ZEnrollment>;
export type Student = z.infer<typeof ZStudent>;
export type ClassList = z.infer<typeof ZClassList>;
export type ClassListEntry = z.infer<typeof ZClassListEntry>;
export type StudentDetail = z.infer<typeof ZStudentDetail>;
export type AddStudentInput = z.input<typeof ZAddStudentInput>;
export type TransferOutInput = z.input<typeof ZTransferOutInput>;
export type DropOutInput = z.input<typeof ZDropOutInput>;
export type ChangeClassInput = z.input<typeof ZChangeClassInput>;
export type ListOrderInput = z.input<typeof ZListOrderInput>;
export type ImportReport = z.infer<typeof ZImportReport>;
export type RolloverPreview = z.infer<typeof ZRolloverPreview>;
export type RolloverInput = z.input<typeof ZRolloverInput>;

export type Account = z.infer<typeof ZAccount>;
export type AccountSlip = z.infer<typeof ZAccountSlip>;
export type CreateAccountInput = z.input<typeof ZCreateAccountInput>;
export type CreateGuardianAccountInput = z.input<typeof ZCreateGuardianAccountInput>;
export type UpdateAccountInput = z.input<typeof ZUpdateAccountInput>;

export type AuditEvent = z.infer<typeof ZAuditEvent>;
export type AuditPage = z.infer<typeof ZAuditPage>;
export type AuditQuery = z.input<typeof ZAuditQuery>;

export type GradebookSheet = z.infer<typeof ZGradebookSheet>;
export type GradebookColumnInfo = z.infer<typeof ZGradebookColumn>;
export type GradebookRow = z.infer<typeof ZGradebookRow>;
export type GradebookCell = z.infer<typeof ZGradebookCell>;
export type SaveCellsInput = z.input<typeof ZSaveCellsInput>;
export type SaveCellsResult = z.infer<typeof ZSaveCellsResult>;
export interface ClassBook {
  classId: string;
  className: string;
  termNo: number;
  sheets: GradebookSheet[];
}
export interface ProgressRow {
  classId: string;
  className: string;
  subjectId: string;
  subjectName: string;
  teacherName: string | null;
  students: number;
  expected: number;
  filled: number;
  missingByColumn: Record<string, number>;
}
export interface Progress {
  termNo: number;
  rows: ProgressRow[];
}

export type Lock = z.infer<typeof ZLock>;
export type AssessmentWindow = z.infer<typeof ZWindow>;
export type WindowPoint = z.infer<typeof ZWindowPoint>;
export type LocksOverview = z.infer<typeof ZLocksOverview>;
export type CreateLockInput = z.input<typeof ZCreateLockInput>;
export type ReleaseLockInput = z.input<typeof ZReleaseLockInput>;
export type SetWindowInput = z.input<typeof ZSetWindowInput>;
export type SchoolSettings = z.infer<typeof ZSchoolSettings>;

export type Correction = z.infer<typeof ZCorrection>;
export type CorrectionCell = z.infer<typeof ZCorrectionCell>;
export type CorrectionStatus = z.infer<typeof ZCorrectionStatus>;
export type CorrectionPage = z.infer<typeof ZCorrectionPage>;
export type CreateCorrectionInput = z.input<typeof ZCreateCorrectionInput>;
export type CreateRecordCorrectionInput = z.input<typeof ZCreateRecordCorrectionInput>;
export type RecordLocks = z.infer<typeof ZRecordLocks>;
export type DecideCorrectionInput = z.input<typeof ZDecideCorrectionInput>;
export type EvidenceKind = z.infer<typeof ZEvidenceKind>;
export type AppNotification = z.infer<typeof ZNotification>;

export type EditLogEntry = z.infer<typeof ZEditLogEntry>;
export type EditLogPage = z.infer<typeof ZEditLogPage>;
export type EditLogQuery = Partial<z.input<typeof ZEditLogQuery>>;

export type Level = z.infer<typeof ZLevel>;
export type AttendanceSession = z.infer<typeof ZSession>;
export type AttendanceDay = z.infer<typeof ZAttendanceDay>;
export type AttendanceMark = AttendanceDay['marks'][number];
export type RecordAttendanceInput = z.input<typeof ZRecordAttendanceInput>;
export type AbsenceTotals = z.infer<typeof ZAbsenceTotals>;
export type AttendanceSummary = z.infer<typeof ZAttendanceSummary>;
export type AttendanceSummaryRow = AttendanceSummary['rows'][number];
export type ConductPeriod = z.infer<typeof ZConductPeriod>;
export type ConductSheet = z.infer<typeof ZConductSheet>;
export type ConductRow = ConductSheet['rows'][number];
export type SaveConductInput = z.input<typeof ZSaveConductInput>;
export type ResultScope = z.infer<typeof ZResultScope>;
export type ClassResults = z.infer<typeof ZClassResults>;
export type StudentResult = z.infer<typeof ZStudentResult>;
export type WeeklyNote = z.infer<typeof ZWeeklyNote>;
export type WriteWeeklyNoteInput = z.input<typeof ZWriteWeeklyNoteInput>;
export type RetestInput = { entries: { studentId: string; value: string; baseVersion: number }[]; reason?: string };

export type PrimaryPoint = z.infer<typeof ZPrimaryPoint>;
export type Trait = z.infer<typeof ZTrait>;
export type PrimaryAssessmentSheet = z.infer<typeof ZPrimaryAssessmentSheet>;
export type PrimaryAssessmentRow = PrimaryAssessmentSheet['rows'][number];
export type SavePrimaryAssessmentsInput = z.input<typeof ZSavePrimaryAssessmentsInput>;
export type PrimarySummary = z.infer<typeof ZPrimarySummary>;
export type PrimaryApprovals = z.infer<typeof ZPrimaryApprovals>;

export type ScoreImportPreview = z.infer<typeof ZScoreImportPreview>;
export type ScoreImportDiffItem = z.infer<typeof ZScoreImportDiffItem>;
export type ScoreImport = z.infer<typeof ZScoreImport>;
export interface Teacher {
  userId: string;
  fullName: string;
  staffId: string | null;
}

export type PrintKind = z.infer<typeof ZPrintKind>;
export type StartPrintJobInput = z.input<typeof ZStartPrintJob>;
export type PrintJob = z.infer<typeof ZJob>;
export type SignatureStatus = z.infer<typeof ZSignatureStatus>;
export type DocumentSummary = z.infer<typeof ZDocumentSummary>;
export type DocumentDetail = z.infer<typeof ZDocumentDetail>;
/** POST /documents/:id/signatures (signing.routes.ts): over the exact version the signer saw. */
export type SignDocumentInput = { seq: number; expectedSha256: string } & (
  | { method: 'pkcs12'; p12: string; password: string }
  | { method: 'remote'; credentialId: string }
  | { method: 'server' }
);

/** The actions the server reports in `me.abilities[schoolId]`: the policy module's own list. */
export type { Action as Ability } from '../../domain/policies/policy.ts';

export type { AttendanceMonth, ClassDashboard, DashboardScope, LevelDistribution, SchoolDashboard, SubjectDistribution } from '../../shared/dashboard.ts';
