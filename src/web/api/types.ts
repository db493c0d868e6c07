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

/** The actions the server reports in `me.abilities[schoolId]`. */
export type Ability =
  | 'school.view'
  | 'setup.manage'
  | 'staff.view'
  | 'staff.manage'
  | 'account.manage'
  | 'account.grantPrivileged'
  | 'class.view'
  | 'classList.reorder'
  | 'student.view'
  | 'student.create'
  | 'student.edit'
  | 'student.import'
  | 'enrollment.manage'
  | 'audit.view';
