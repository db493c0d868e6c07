/** Every endpoint the web app calls, typed. Components use these through TanStack Query. */
import { http, query } from './client.ts';
import type { Account, AccountSlip, AddStudentInput, AppNotification, AssignmentGrid, AttendanceDay, AttendanceSummary, AuditPage, AuditQuery, ChangeClassInput, ClassBook, ClassDashboard, ClassGroup, ClassList, ClassResults, ConductPeriod, ConductSheet, Correction, CorrectionPage, CorrectionStatus, CreateAccountInput, CreateClassInput, CreateCorrectionInput, CreateGuardianAccountInput, CreateRecordCorrectionInput, CreateLockInput, CreateSchoolYearInput, CreateSubjectInput, DashboardScope, DecideCorrectionInput, DocumentDetail, DocumentSummary, DropOutInput, EditLogPage, EditLogQuery, GradebookSheet, ImportReport, ListOrderInput, LocksOverview, LoginResult, Me, PrimaryApprovals, PrimaryAssessmentSheet, PrimaryPoint, PrimarySummary, PrintJob, Progress, RecordAttendanceInput, RecordLocks, ReleaseLockInput, ResultScope, RetestInput, RolloverInput, RolloverPreview, SaveCellsInput, SaveCellsResult, SaveConductInput, SavePrimaryAssessmentsInput, SchoolDashboard, SchoolSettings, SchoolYear, ScoreImport, ScoreImportPreview, SetWindowInput, SignDocumentInput, Staff, StaffInput, StartPrintJobInput, StudentDetail, StudentInput, Subject, SubjectGroup, SubjectGroupInput, Teacher, TransferOutInput, UpdateAccountInput, UpdateAssignmentsInput, UpdateClassInput, UpdateStaffInput, UpdateSubjectInput, UpdateTermsInput, WeeklyNote, WindowPoint, WriteWeeklyNoteInput, YearSetup } from './types.ts';

const quiet = { quietAuth: true };

export const authApi = {
  me: () => http.get<Me>('/auth/me', quiet),
  login: (username: string, password: string) => http.post<LoginResult>('/auth/login', { username, password }, quiet),
  totp: (code: string) => http.post<LoginResult>('/auth/totp', { code }, quiet),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<LoginResult>('/auth/change-password', { currentPassword, newPassword }, quiet),
  totpEnable: (code: string) => http.post<LoginResult>('/auth/totp/enable', { code }, quiet),
  logout: () => http.post<{ ok: true }>('/auth/logout', undefined, quiet),
};

export const setupApi = {
  years: (schoolId: string) => http.get<SchoolYear[]>(`/schools/${schoolId}/years`),
  createYear: (schoolId: string, body: CreateSchoolYearInput) => http.post<YearSetup>(`/schools/${schoolId}/years`, body),
  year: (yearId: string) => http.get<YearSetup>(`/years/${yearId}`),
  updateTerms: (yearId: string, body: UpdateTermsInput) => http.put<YearSetup>(`/years/${yearId}/terms`, body),
  createSubject: (yearId: string, body: CreateSubjectInput) => http.post<Subject>(`/years/${yearId}/subjects`, body),
  updateSubject: (subjectId: string, body: UpdateSubjectInput) => http.patch<Subject>(`/subjects/${subjectId}`, body),
  classes: (yearId: string) => http.get<ClassGroup[]>(`/years/${yearId}/classes`),
  createClass: (yearId: string, body: CreateClassInput) => http.post<ClassGroup>(`/years/${yearId}/classes`, body),
  updateClass: (classId: string, body: UpdateClassInput) => http.patch<ClassGroup>(`/classes/${classId}`, body),
  createSubjectGroup: (yearId: string, body: SubjectGroupInput) => http.post<SubjectGroup>(`/years/${yearId}/subject-groups`, body),
  updateSubjectGroup: (id: string, body: SubjectGroupInput) => http.put<SubjectGroup>(`/subject-groups/${id}`, body),
  assignments: (yearId: string) => http.get<AssignmentGrid>(`/years/${yearId}/assignments`),
  updateAssignments: (yearId: string, body: UpdateAssignmentsInput) => http.put<AssignmentGrid>(`/years/${yearId}/assignments`, body),
};

export const staffApi = {
  /** Teachers' accounts of the school (edit-log filter, printing by teacher). */
  teachers: (schoolId: string) => http.get<Teacher[]>(`/schools/${schoolId}/teachers`),
  list: (schoolId: string) => http.get<Staff[]>(`/schools/${schoolId}/staff`),
  create: (schoolId: string, body: StaffInput) => http.post<Staff>(`/schools/${schoolId}/staff`, body),
  update: (staffId: string, body: UpdateStaffInput) => http.patch<Staff>(`/staff/${staffId}`, body),
};

export const STUDENT_IMPORT_TEMPLATE_URL = '/api/v1/students/import-template.xlsx';

export const studentsApi = {
  classList: (classId: string) => http.get<ClassList>(`/classes/${classId}/students`),
  add: (classId: string, body: AddStudentInput) => http.post<StudentDetail>(`/classes/${classId}/students`, body),
  detail: (studentId: string) => http.get<StudentDetail>(`/students/${studentId}`),
  update: (studentId: string, student: StudentInput, version: number) =>
    http.put<StudentDetail>(`/students/${studentId}`, { student, version }),
  import: (classId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<ImportReport>(`/classes/${classId}/students/import`, form);
  },
  transferOut: (studentId: string, body: TransferOutInput) => http.post<StudentDetail>(`/students/${studentId}/transfer-out`, body),
  dropOut: (studentId: string, body: DropOutInput) => http.post<StudentDetail>(`/students/${studentId}/drop-out`, body),
  changeClass: (studentId: string, body: ChangeClassInput) => http.post<StudentDetail>(`/students/${studentId}/change-class`, body),
  listOrder: (classId: string, body: ListOrderInput) => http.put<ClassList>(`/classes/${classId}/list-order`, body),
  rolloverPreview: (yearId: string, toYearId: string) => http.get<RolloverPreview>(`/years/${yearId}/rollover${query({ toYearId })}`),
  rollover: (yearId: string, body: RolloverInput) => http.post<RolloverPreview>(`/years/${yearId}/rollover`, body),
};

export const accountsApi = {
  list: (schoolId: string) => http.get<Account[]>(`/schools/${schoolId}/accounts`),
  create: (schoolId: string, body: CreateAccountInput) => http.post<AccountSlip>(`/schools/${schoolId}/accounts`, body),
  createGuardian: (schoolId: string, body: CreateGuardianAccountInput) =>
    http.post<AccountSlip>(`/schools/${schoolId}/guardian-accounts`, body),
  update: (userId: string, body: UpdateAccountInput) => http.patch<Account>(`/accounts/${userId}`, body),
  resetPassword: (userId: string) => http.post<AccountSlip>(`/accounts/${userId}/reset-password`),
  resetSecondFactor: (userId: string) => http.post<Account>(`/accounts/${userId}/reset-second-factor`),
};

export const auditApi = {
  list: (schoolId: string, q: AuditQuery) =>
    http.get<AuditPage>(
      `/schools/${schoolId}/audit${query({
        action: q.action,
        entityType: q.entityType,
        actorUserId: q.actorUserId,
        from: q.from,
        to: q.to,
        limit: q.limit as number | undefined,
        offset: q.offset as number | undefined,
      })}`,
    ),
};

export const gradebookApi = {
  sheet: (classId: string, subjectId: string, termNo: number) =>
    http.get<GradebookSheet>(`/classes/${classId}/subjects/${subjectId}/terms/${termNo}/sheet`),
  /** One batch, all or nothing; the same Idempotency-Key on a retry applies it once. */
  saveCells: (classId: string, subjectId: string, termNo: number, body: SaveCellsInput, idempotencyKey: string) =>
    http.post<SaveCellsResult>(`/classes/${classId}/subjects/${subjectId}/terms/${termNo}/cells`, body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  classBook: (classId: string, termNo: number) => http.get<ClassBook>(`/classes/${classId}/class-book${query({ termNo })}`),
  progress: (yearId: string, termNo: number) => http.get<Progress>(`/years/${yearId}/progress${query({ termNo })}`),
  /** The score sheet as an .xlsx file (a download link, same origin). */
  exportUrl: (classId: string, subjectId: string, termNo: number) => `/api/v1/classes/${classId}/subjects/${subjectId}/terms/${termNo}/export.xlsx`,
  /** Reads the file and shows what it would change; nothing is written. */
  importPreview: (classId: string, subjectId: string, termNo: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<ScoreImportPreview>(`/classes/${classId}/subjects/${subjectId}/terms/${termNo}/import/preview`, form);
  },
  importApply: (importId: string, expectedSha256: string) => http.post<ScoreImport>(`/score-imports/${importId}/apply`, { expectedSha256 }),
  importRollBack: (importId: string) => http.post<ScoreImport>(`/score-imports/${importId}/roll-back`),
};

export const homeroomApi = {
  attendance: (classId: string, date: string) => http.get<AttendanceDay>(`/classes/${classId}/attendance${query({ date })}`),
  recordAttendance: (classId: string, body: RecordAttendanceInput) => http.put<AttendanceDay>(`/classes/${classId}/attendance`, body),
  attendanceSummary: (classId: string) => http.get<AttendanceSummary>(`/classes/${classId}/attendance/summary`),
  weeklyNotes: (classId: string, q: { from?: string; to?: string } = {}) => http.get<WeeklyNote[]>(`/classes/${classId}/weekly-notes${query(q)}`),
  writeWeeklyNote: (classId: string, body: WriteWeeklyNoteInput) => http.post<{ id: string }>(`/classes/${classId}/weekly-notes`, body),
  conduct: (classId: string, period: ConductPeriod) => http.get<ConductSheet>(`/classes/${classId}/conduct${query({ period })}`),
  saveConduct: (classId: string, body: SaveConductInput) => http.put<{ ok: true }>(`/classes/${classId}/conduct`, body),
  results: (classId: string, scope: ResultScope) => http.get<ClassResults>(`/classes/${classId}/results${query({ scope })}`),
  propose: (classId: string, scope: ResultScope) => http.post<{ snapshotId: string }>(`/classes/${classId}/results/${scope}/proposal`),
  approve: (classId: string, scope: ResultScope, snapshotId: string) =>
    http.post<{ ok: true }>(`/classes/${classId}/results/${scope}/approval`, { snapshotId }),
  saveRetest: (classId: string, subjectId: string, body: RetestInput) => http.put<SaveCellsResult>(`/classes/${classId}/subjects/${subjectId}/retest`, body),
};

export const primaryApi = {
  assessments: (classId: string, point: PrimaryPoint) => http.get<PrimaryAssessmentSheet>(`/classes/${classId}/primary-assessments${query({ point })}`),
  save: (classId: string, body: SavePrimaryAssessmentsInput) => http.put<{ ok: true }>(`/classes/${classId}/primary-assessments`, body),
  summary: (classId: string, point: PrimaryPoint) => http.get<PrimarySummary>(`/classes/${classId}/primary-summary${query({ point })}`),
  approvals: (classId: string) => http.get<PrimaryApprovals>(`/classes/${classId}/primary-approvals`),
  propose: (classId: string, point: PrimaryPoint) => http.post<{ snapshotId: string }>(`/classes/${classId}/primary-results/${point}/proposal`),
  approve: (classId: string, point: PrimaryPoint, snapshotId: string) => http.post<{ ok: true }>(`/classes/${classId}/primary-results/${point}/approval`, { snapshotId }),
};

export const locksApi = {
  overview: (yearId: string) => http.get<LocksOverview>(`/years/${yearId}/locks`),
  create: (yearId: string, body: CreateLockInput) => http.post<LocksOverview>(`/years/${yearId}/locks`, body),
  release: (lockId: string, body: ReleaseLockInput) => http.post<LocksOverview>(`/locks/${lockId}/release`, body),
  setWindow: (yearId: string, point: WindowPoint, body: SetWindowInput) => http.put<LocksOverview>(`/years/${yearId}/windows/${point}`, body),
  settings: (schoolId: string) => http.get<SchoolSettings>(`/schools/${schoolId}/settings`),
  updateSettings: (schoolId: string, body: Partial<SchoolSettings>) => http.patch<SchoolSettings>(`/schools/${schoolId}/settings`, body),
};

export const correctionsApi = {
  create: (classId: string, subjectId: string, body: CreateCorrectionInput) =>
    http.post<Correction>(`/classes/${classId}/subjects/${subjectId}/corrections`, body),
  /** Issue 22: conduct, attendance, the profile or a primary assessment of a class, after a lock. */
  createRecord: (classId: string, body: CreateRecordCorrectionInput) => http.post<Correction>(`/classes/${classId}/record-corrections`, body),
  recordLocks: (classId: string) => http.get<RecordLocks>(`/classes/${classId}/record-locks`),
  addEvidence: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<Correction>(`/corrections/${id}/evidence`, form);
  },
  evidenceUrl: (id: string, fileId: string) => `/api/v1/corrections/${id}/evidence/${fileId}`,
  /** "Giấy đề nghị thay đổi thông tin" as a PDF (built by the PDF work; may 404 until it lands). */
  pdfUrl: (id: string) => `/api/v1/corrections/${id}/pdf`,
  list: (schoolId: string, q: { status?: CorrectionStatus; classId?: string; limit?: number; offset?: number }) =>
    http.get<CorrectionPage>(`/schools/${schoolId}/corrections${query(q)}`),
  get: (id: string) => http.get<Correction>(`/corrections/${id}`),
  decide: (id: string, body: DecideCorrectionInput) => http.post<Correction>(`/corrections/${id}/decision`, body),
  apply: (id: string) => http.post<Correction>(`/corrections/${id}/apply`),
};

export const notificationsApi = {
  list: (unreadOnly = false) => http.get<AppNotification[]>(`/notifications${query({ unread: unreadOnly ? '1' : undefined })}`),
  markRead: (id: string) => http.post<{ ok: true }>(`/notifications/${id}/read`),
};

export const editLogApi = {
  list: (schoolId: string, q: EditLogQuery) =>
    http.get<EditLogPage>(
      `/schools/${schoolId}/edit-log${query({
        teacherUserId: q.teacherUserId,
        classId: q.classId,
        subjectId: q.subjectId,
        from: q.from,
        to: q.to,
        changesOnly: q.changesOnly === '1' ? '1' : undefined,
        order: q.order,
        limit: q.limit as number | undefined,
        offset: q.offset as number | undefined,
      })}`,
    ),
  /** The month's edit log of a teacher as a PDF (built by the PDF work; may 404 until it lands). */
  pdfUrl: (schoolId: string, teacherUserId: string, month: string) =>
    `/api/v1/schools/${schoolId}/edit-log.pdf${query({ teacherUserId, month })}`,
};

export const dashboardApi = {
  classDashboard: (classId: string, scope: DashboardScope) => http.get<ClassDashboard>(`/classes/${classId}/dashboard${query({ scope })}`),
  schoolDashboard: (yearId: string, scope: DashboardScope) => http.get<SchoolDashboard>(`/years/${yearId}/dashboard${query({ scope })}`),
};

export const printJobsApi = {
  start: (schoolId: string, body: StartPrintJobInput) => http.post<PrintJob>(`/schools/${schoolId}/print-jobs`, body),
  get: (jobId: string) => http.get<PrintJob>(`/jobs/${jobId}`),
  list: (schoolId: string) => http.get<PrintJob[]>(`/schools/${schoolId}/print-jobs`),
};

/** One document printed at once (printing/class-print.routes.ts, transcripts/student-print.routes.ts), opened as a link. */
export const printUrls = {
  classBook: (classId: string, scope: 'hk1' | 'hk2' | 'year') => `/api/v1/classes/${classId}/class-book.pdf${query({ scope })}`,
  confirmationSheet: (classId: string, term: '1' | '2' | 'year') => `/api/v1/classes/${classId}/confirmation-sheet.pdf${query({ term })}`,
  primarySummary: (classId: string, point: PrimaryPoint) => `/api/v1/classes/${classId}/primary-summary.pdf${query({ point })}`,
  transcript: (studentId: string) => `/api/v1/students/${studentId}/transcript.pdf`,
};

export const documentsApi = {
  list: (schoolId: string, q: { kind?: string; classId?: string; studentId?: string; awaiting?: 'me' }) =>
    http.get<DocumentSummary[]>(`/schools/${schoolId}/documents${query(q)}`),
  get: (documentId: string) => http.get<DocumentDetail>(`/documents/${documentId}`),
  /** The PDF as it stands (with the digital signatures given so far). */
  pdfUrl: (documentId: string) => `/api/v1/documents/${documentId}/pdf`,
  /** The public verification page (server-rendered, outside the app). */
  verifyUrl: (documentId: string) => `/verify/${documentId}`,
  sign: (documentId: string, body: SignDocumentInput) => http.post<DocumentSummary>(`/documents/${documentId}/signatures`, body),
  markHandwritten: (documentId: string, seq: number) => http.post<DocumentSummary>(`/documents/${documentId}/signatures/${seq}/handwritten`),
};
