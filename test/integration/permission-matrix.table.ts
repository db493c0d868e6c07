/**
 * The permission matrix: one entry per route the server registers ("METHOD /url/:param", as
 * Fastify registers it), with a sample request and who may call it. Everyone not in `allow` is
 * denied: anonymous → 401, a logged-in subject → 403, or the status in `deny` when the route
 * answers differently on purpose (e.g. 404 where it hides a record). `fixed` is for routes that
 * answer one status to everybody. Entries run in this order, denied subjects before allowed
 * ones, so a sample's writes never change what a later entry sees (destructive ones are last).
 *
 * Adding a route: add an entry here (key exactly as the failing test names it), with a valid
 * body (Fastify validates the body before the handler authorizes) and the allowed subjects.
 */
import { type Subject, SUBJECTS, USERNAMES } from '../helpers/security-fixture.ts';
import { type MatrixRecords, PNG, XLSX, fileForm } from './permission-matrix.records.ts';

export interface Sample {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  form?: () => FormData;
}

export interface MatrixEntry {
  allow: readonly Subject[];
  /** Explicit status for some denied subjects (default: 401 anonymous, 403 others). */
  deny?: Partial<Record<Subject, number>>;
  /** Every subject gets this status (a route that answers the same to all). */
  fixed?: number;
  /** Log in a throw-away session for this call (logout). */
  fresh?: boolean;
  why?: string;
  sample: (r: MatrixRecords, s: Subject) => Sample;
}

const OFFICERS = ['district', 'province'] as const satisfies Subject[];
const STAFF = ['principal', 'vicePrincipal', 'adminBoard', 'homeroom', 'subjectTeacher', 'otherTeacher', 'clerk'] as const satisfies Subject[];
/** school.view / staff.view: the school's staff and the officers above it. */
const SCHOOL_VIEW = [...STAFF, ...OFFICERS];
const MANAGERS = ['principal', 'adminBoard'] as const satisfies Subject[];
const LEADERS = ['principal', 'vicePrincipal', 'adminBoard', ...OFFICERS] as const satisfies Subject[];
const WIDE = ['principal', 'vicePrincipal', 'adminBoard', 'clerk', ...OFFICERS] as const satisfies Subject[];
/** class.view / gradebook.view of 6A1 (and its subject). */
const CLASS_VIEW = [...WIDE, 'homeroom', 'subjectTeacher'] as const satisfies Subject[];
/** classBook.view / results.view of 6A1. */
const CLASS_BOOK = [...WIDE, 'homeroom'] as const satisfies Subject[];
/** A correction: its author, the class's homeroom teacher, the school-wide readers. */
const CORRECTION_READERS = [...CLASS_BOOK, 'subjectTeacher'] as const satisfies Subject[];
/** document.view / documents.print of 6A1: the homeroom teacher and the school-wide readers (not the officers). */
const DOCUMENT_VIEW = ['principal', 'vicePrincipal', 'adminBoard', 'clerk', 'homeroom'] as const satisfies Subject[];
const AUTHENTICATED = SUBJECTS.filter((s) => s !== 'anonymous');
const EVERYONE = [...SUBJECTS];

const cls = (r: MatrixRecords) => `/api/v1/classes/${r.fx.classId}`;
const sheet = (r: MatrixRecords) => `${cls(r)}/subjects/${r.fx.subjectId}/terms/1`;
const year = (r: MatrixRecords) => `/api/v1/years/${r.fx.yearId}`;
const school = (r: MatrixRecords) => `/api/v1/schools/${r.fx.schoolId}`;
const n = (s: Subject) => SUBJECTS.indexOf(s);
/** A 9A2 student for an enrollment sample: a different one per subject and per route. */
const spare = (r: MatrixRecords, s: Subject, route: number) => r.fx.spareStudentIds[(route * 13 + n(s)) % r.fx.spareStudentIds.length];
/** The leadership prints a teacher's edit log; a teacher her own. */
const ownOrTeacher = (r: MatrixRecords, s: Subject) =>
  s !== 'anonymous' && !(LEADERS as readonly Subject[]).includes(s) ? r.fx.userIds[s] : r.fx.userIds.subjectTeacher;
const TERMS = [
  { termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16', endTestOn: '2026-12-28' },
  { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31', endTestOn: '2027-05-10' },
];
const STUDENT = { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'Thử', sex: 'male', dateOfBirth: '2015-03-04' };

export const PERMISSION_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/health': { allow: EVERYONE, sample: () => ({ path: '/api/health' }) },
  'GET /api/openapi.json': { allow: EVERYONE, sample: () => ({ path: '/api/openapi.json' }) },

  // ---- auth ----
  'POST /api/v1/auth/login': {
    allow: EVERYONE,
    sample: (r, s) => ({ path: '/api/v1/auth/login', body: { username: s === 'anonymous' ? 'giaovien' : USERNAMES[s], password: r.fx.password } }),
  },
  'POST /api/v1/auth/totp': {
    allow: [],
    fixed: 401,
    why: 'only a half-open login (password given, code pending) may send the code; everyone else is 401',
    sample: () => ({ path: '/api/v1/auth/totp', body: { code: '000000' } }),
  },
  'GET /api/v1/auth/me': { allow: AUTHENTICATED, sample: () => ({ path: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/change-password': {
    allow: AUTHENTICATED,
    why: 'wrong current password → 400; nothing changes',
    sample: () => ({ path: '/api/v1/auth/change-password', body: { currentPassword: 'khong-phai-mat-khau', newPassword: 'MatKhauMoi#2026' } }),
  },
  'POST /api/v1/auth/totp/setup': { allow: AUTHENTICATED, sample: () => ({ path: '/api/v1/auth/totp/setup' }) },
  'POST /api/v1/auth/totp/enable': { allow: AUTHENTICATED, sample: () => ({ path: '/api/v1/auth/totp/enable', body: { code: '000000' } }) },
  'POST /api/v1/auth/totp/recovery': {
    allow: [],
    fixed: 401,
    why: 'only a half-open login (password given, code pending) may send a recovery code; everyone else is 401',
    sample: () => ({ path: '/api/v1/auth/totp/recovery', body: { code: 'abcd-efgh-jkmn' } }),
  },
  'GET /api/v1/auth/recovery-codes': { allow: AUTHENTICATED, sample: () => ({ path: '/api/v1/auth/recovery-codes' }) },
  'POST /api/v1/auth/recovery-codes': {
    allow: AUTHENTICATED,
    why: 'her own codes, after her password; an account without TOTP has none (409)',
    sample: (r) => ({ path: '/api/v1/auth/recovery-codes', body: { password: r.fx.password } }),
  },

  // ---- accounts ----
  'GET /api/v1/schools/:schoolId/accounts': { allow: MANAGERS, sample: (r) => ({ path: `${school(r)}/accounts` }) },
  'POST /api/v1/schools/:schoolId/accounts': {
    allow: MANAGERS,
    sample: (r, s) => ({ path: `${school(r)}/accounts`, body: { fullName: 'Giáo viên mới', username: `gv.moi${n(s)}`, roles: ['teacher'] } }),
  },
  'POST /api/v1/schools/:schoolId/guardian-accounts': {
    allow: MANAGERS,
    sample: (r, s) => ({ path: `${school(r)}/guardian-accounts`, body: { fullName: 'Phụ huynh mới', studentIds: [r.fx.childId], username: `ph.moi${n(s)}` } }),
  },
  'PATCH /api/v1/accounts/:userId': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/accounts/${r.spareUserId}`, body: { roles: ['teacher'], version: 1 } }) },
  'POST /api/v1/accounts/:userId/reset-password': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/accounts/${r.spareUserId}/reset-password` }) },
  'POST /api/v1/accounts/:userId/reset-second-factor': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/accounts/${r.spareUserId}/reset-second-factor` }) },

  // ---- setup ----
  'GET /api/v1/schools/:schoolId/years': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${school(r)}/years` }) },
  'POST /api/v1/schools/:schoolId/years': {
    allow: MANAGERS,
    sample: (r) => ({
      path: `${school(r)}/years`,
      body: { startYear: 2028, startsOn: '2028-09-05', endsOn: '2029-05-31', terms: [{ termNo: 1, startsOn: '2028-09-05', endsOn: '2029-01-16' }, { termNo: 2, startsOn: '2029-01-18', endsOn: '2029-05-31' }], grades: [6] },
    }),
  },
  'GET /api/v1/years/:yearId': { allow: SCHOOL_VIEW, sample: (r) => ({ path: year(r) }) },
  'PUT /api/v1/years/:yearId/terms': { allow: MANAGERS, sample: (r) => ({ path: `${year(r)}/terms`, body: { terms: TERMS } }) },
  'POST /api/v1/years/:yearId/subjects': {
    allow: MANAGERS,
    sample: (r) => ({ path: `${year(r)}/subjects`, body: { grade: 6, code: 'THU', name: 'Môn thử', periodsPerYear: 35, assessmentKind: 'comment' } }),
  },
  'PATCH /api/v1/subjects/:subjectId': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/subjects/${r.fx.subjectId}`, body: {} }) },
  'GET /api/v1/years/:yearId/classes': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${year(r)}/classes` }) },
  'POST /api/v1/years/:yearId/classes': { allow: MANAGERS, sample: (r) => ({ path: `${year(r)}/classes`, body: { grade: 6, name: '6A9' } }) },
  'PATCH /api/v1/classes/:classId': { allow: MANAGERS, sample: (r) => ({ path: cls(r), body: { room: 'P101' } }) },
  'POST /api/v1/years/:yearId/subject-groups': { allow: MANAGERS, sample: (r, s) => ({ path: `${year(r)}/subject-groups`, body: { name: `Tổ mới ${n(s)}` } }) },
  'PUT /api/v1/subject-groups/:groupId': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/subject-groups/${r.groupId}`, body: { name: 'Tổ Thử' } }) },
  'GET /api/v1/years/:yearId/assignments': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${year(r)}/assignments` }) },
  'PUT /api/v1/years/:yearId/assignments': {
    allow: MANAGERS,
    sample: (r) => ({ path: `${year(r)}/assignments`, body: { changes: [{ classId: r.fx.classId, subjectId: r.fx.subjectId, staffId: r.fx.subjectTeacherStaffId }] } }),
  },

  // ---- people ----
  'GET /api/v1/schools/:schoolId/staff': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${school(r)}/staff` }) },
  'POST /api/v1/schools/:schoolId/staff': { allow: MANAGERS, sample: (r) => ({ path: `${school(r)}/staff`, body: { familyName: 'Phạm', givenName: 'Mới', sex: 'female' } }) },
  'PATCH /api/v1/staff/:staffId': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/staff/${r.spareStaffId}`, body: { phone: '0912345678', version: 1 } }) },
  'GET /api/v1/schools/:schoolId/teachers': { allow: LEADERS, sample: (r) => ({ path: `${school(r)}/teachers` }) },
  'GET /api/v1/classes/:classId/students': { allow: CLASS_VIEW, sample: (r) => ({ path: `${cls(r)}/students` }) },
  'POST /api/v1/classes/:classId/students': { allow: MANAGERS, sample: (r) => ({ path: `${cls(r)}/students`, body: { student: STUDENT, startsOn: '2026-11-23' } }) },
  'GET /api/v1/students/import-template.xlsx': { allow: AUTHENTICATED, why: 'a blank template, no data', sample: () => ({ path: '/api/v1/students/import-template.xlsx' }) },
  'POST /api/v1/classes/:classId/students/import': {
    allow: MANAGERS,
    sample: (r) => ({ path: `${cls(r)}/students/import`, form: () => fileForm(r.templateXlsx, XLSX, 'danh-sach.xlsx') }),
  },
  'GET /api/v1/students/:studentId': { allow: [...CLASS_VIEW, 'guardian'], sample: (r) => ({ path: `/api/v1/students/${r.fx.childId}` }) },
  'PUT /api/v1/students/:studentId': {
    allow: [...MANAGERS, 'homeroom'],
    sample: (r) => ({ path: `/api/v1/students/${r.fx.otherChildId}`, body: { student: STUDENT, version: 1 } }),
  },
  'PUT /api/v1/classes/:classId/list-order': { allow: [...MANAGERS, 'homeroom'], sample: (r) => ({ path: `${cls(r)}/list-order`, body: { mode: 'abc' } }) },

  // ---- grade book ----
  'GET /api/v1/classes/:classId/subjects/:subjectId/terms/:termNo/sheet': { allow: CLASS_VIEW, sample: (r) => ({ path: `${sheet(r)}/sheet` }) },
  'POST /api/v1/classes/:classId/subjects/:subjectId/terms/:termNo/cells': {
    allow: ['subjectTeacher'],
    sample: (r) => ({ path: `${sheet(r)}/cells`, body: { changes: [{ studentId: r.fx.childId, columnKey: 'TX1', value: '7', baseVersion: 0 }] } }),
  },
  'GET /api/v1/classes/:classId/class-book': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/class-book`, query: { termNo: '1' } }) },
  'GET /api/v1/years/:yearId/progress': { allow: LEADERS, sample: (r) => ({ path: `${year(r)}/progress`, query: { termNo: '1' } }) },
  'GET /api/v1/classes/:classId/subjects/:subjectId/terms/:termNo/export.xlsx': { allow: CLASS_VIEW, sample: (r) => ({ path: `${sheet(r)}/export.xlsx` }) },
  'POST /api/v1/classes/:classId/subjects/:subjectId/terms/:termNo/import/preview': {
    allow: ['subjectTeacher'],
    sample: (r) => ({ path: `${sheet(r)}/import/preview`, form: () => fileForm(r.exportXlsx, XLSX, 'bang-diem.xlsx') }),
  },
  'GET /api/v1/score-imports/:id': { allow: CLASS_VIEW, sample: (r) => ({ path: `/api/v1/score-imports/${r.importId}` }) },
  'POST /api/v1/score-imports/:id/apply': {
    allow: ['subjectTeacher', 'adminBoard'],
    why: 'the uploader or the admin board',
    sample: (r) => ({ path: `/api/v1/score-imports/${r.importId}/apply`, body: { expectedSha256: r.importSha } }),
  },
  'POST /api/v1/score-imports/:id/roll-back': { allow: ['subjectTeacher', 'adminBoard'], sample: (r) => ({ path: `/api/v1/score-imports/${r.importId}/roll-back` }) },

  // ---- locks ----
  'GET /api/v1/years/:yearId/locks': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${year(r)}/locks` }) },
  'POST /api/v1/years/:yearId/locks': {
    allow: MANAGERS,
    sample: (r) => ({ path: `${year(r)}/locks`, body: { classId: r.fx.otherClassId, termNo: 1, columnKey: 'CK', reason: 'Khóa thử', orderedBy: 'Hiệu trưởng' } }),
  },
  'POST /api/v1/locks/:lockId/release': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/locks/${r.lockId}/release`, body: { reason: 'Mở lại', orderedBy: 'Hiệu trưởng' } }) },
  'PUT /api/v1/years/:yearId/windows/:point': {
    allow: MANAGERS,
    sample: (r) => ({ path: `${year(r)}/windows/term2.midterm`, body: { opensOn: '2027-02-01', closesOn: '2027-03-15', orderedBy: 'Hiệu trưởng' } }),
  },
  // ---- testing plan (G10) ----
  'GET /api/v1/years/:yearId/testing-plan': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${year(r)}/testing-plan` }) },
  'PUT /api/v1/years/:yearId/testing-plan': {
    allow: MANAGERS,
    sample: (r) => ({ path: `${year(r)}/testing-plan`, body: { entries: [{ classId: r.fx.classId, subjectId: r.fx.subjectId, termNo: 2, test: 'midterm', testOn: '2027-03-10' }] } }),
  },
  'POST /api/v1/years/:yearId/testing-plan/:entryId/deletion': {
    allow: MANAGERS,
    why: 'the planned test’s column has a score: the allowed get 409, nothing deleted',
    sample: (r) => ({ path: `${year(r)}/testing-plan/${r.plannedTestId}/deletion` }),
  },
  'GET /api/v1/years/:yearId/testing-plan/template.xlsx': { allow: MANAGERS, sample: (r) => ({ path: `${year(r)}/testing-plan/template.xlsx` }) },
  'POST /api/v1/years/:yearId/testing-plan/import': {
    allow: MANAGERS,
    why: 'a student list is not a plan: the allowed get 400 naming the missing headers, nothing saved',
    sample: (r) => ({ path: `${year(r)}/testing-plan/import`, form: () => fileForm(r.templateXlsx, XLSX, 'ke-hoach.xlsx') }),
  },
  'POST /api/v1/lock-requests/:requestId/decision': {
    allow: ['principal'],
    why: 'the principal (or a vice-principal she delegated lock.confirm for the year: none here) decides the admin board’s request, never the board itself',
    sample: (r) => ({ path: `/api/v1/lock-requests/${r.lockRequestId}/decision`, body: { decision: 'refuse', reason: 'Không đồng ý' } }),
  },
  'GET /api/v1/schools/:schoolId/delegations': { allow: ['principal', 'vicePrincipal', 'adminBoard'], why: 'delegation.view: the leadership and the board (a vice-principal sees her own)', sample: (r) => ({ path: `${school(r)}/delegations` }) },
  'POST /api/v1/schools/:schoolId/delegations': {
    allow: ['principal'],
    why: 'delegation.manage: the principal alone delegates (for the empty next year, so no later sample changes)',
    sample: (r) => ({ path: `${school(r)}/delegations`, body: { schoolYearId: r.nextYearId, delegateUserId: r.fx.userIds.vicePrincipal, powers: ['results.approve'], scope: 'primary' } }),
  },
  'POST /api/v1/delegations/:id/revoke': { allow: ['principal'], why: 'delegation.manage: the principal alone revokes', sample: (r) => ({ path: `/api/v1/delegations/${r.delegationId}/revoke`, body: { version: 1 } }) },
  'GET /api/v1/schools/:schoolId/settings': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${school(r)}/settings` }) },
  'PATCH /api/v1/schools/:schoolId/settings': { allow: ['principal'], why: 'the principal decides the correction rules (C1)', sample: (r) => ({ path: `${school(r)}/settings`, body: {} }) },

  // ---- corrections ----
  'POST /api/v1/classes/:classId/subjects/:subjectId/corrections': {
    allow: ['subjectTeacher'],
    sample: (r) => ({
      path: `${cls(r)}/subjects/${r.fx.subjectId}/corrections`,
      body: { termNo: 1, cells: [{ studentId: r.fx.otherChildId, columnKey: 'GK', newValue: '6' }], reason: 'Nhập nhầm', evidenceKind: 'other' },
    }),
  },
  'POST /api/v1/classes/:classId/record-corrections': {
    allow: ['homeroom'],
    why: 'conduct, attendance, the profile and primary assessments are the homeroom teacher’s (issue 22)',
    sample: (r) => ({
      path: `${cls(r)}/record-corrections`,
      body: { kind: 'conduct', changes: [{ studentId: r.fx.otherChildId, period: 'term1', level: 'K', comment: 'Theo biên bản họp lớp' }], reason: 'Nhập nhầm', evidenceKind: 'other' },
    }),
  },
  'GET /api/v1/classes/:classId/record-locks': { allow: CLASS_VIEW, sample: (r) => ({ path: `${cls(r)}/record-locks` }) },
  'POST /api/v1/corrections/:id/evidence': {
    allow: ['subjectTeacher'],
    why: 'only the author attaches evidence',
    sample: (r) => ({ path: `/api/v1/corrections/${r.correctionId}/evidence`, form: () => fileForm(PNG, 'image/png', 'anh.png') }),
  },
  'GET /api/v1/corrections/:id/evidence/:fileId': { allow: CORRECTION_READERS, sample: (r) => ({ path: `/api/v1/corrections/${r.correctionId}/evidence/${r.evidenceFileId}` }) },
  'GET /api/v1/schools/:schoolId/corrections': { allow: SCHOOL_VIEW, why: 'a teacher sees her own', sample: (r) => ({ path: `${school(r)}/corrections` }) },
  'GET /api/v1/corrections/:id': { allow: CORRECTION_READERS, sample: (r) => ({ path: `/api/v1/corrections/${r.correctionId}` }) },
  'GET /api/v1/corrections/:id/pdf': { allow: CORRECTION_READERS, sample: (r) => ({ path: `/api/v1/corrections/${r.correctionId}/pdf` }) },
  'POST /api/v1/corrections/:id/decision': { allow: ['principal'], sample: (r) => ({ path: `/api/v1/corrections/${r.correctionId}/decision`, body: { decision: 'approve', version: r.correctionVersion } }) },
  'POST /api/v1/corrections/:id/apply': { allow: MANAGERS, sample: (r) => ({ path: `/api/v1/corrections/${r.correctionId}/apply` }) },
  'GET /api/v1/notifications': { allow: AUTHENTICATED, why: 'each user her own', sample: () => ({ path: '/api/v1/notifications' }) },
  'POST /api/v1/notifications/:id/read': {
    allow: AUTHENTICATED,
    why: 'marks only the caller’s own notification; another user’s id changes nothing',
    sample: (r) => ({ path: `/api/v1/notifications/${r.notificationId}/read` }),
  },

  // ---- attendance, conduct, notes, results ----
  'GET /api/v1/classes/:classId/attendance': { allow: CLASS_VIEW, sample: (r) => ({ path: `${cls(r)}/attendance`, query: { date: '2026-11-23' } }) },
  'PUT /api/v1/classes/:classId/attendance': {
    allow: [...MANAGERS, 'homeroom'],
    sample: (r) => ({ path: `${cls(r)}/attendance`, body: { date: '2026-11-23', session: 'morning', marks: [{ studentId: r.fx.childId, kind: 'P' }] } }),
  },
  'GET /api/v1/classes/:classId/attendance/range': { allow: CLASS_VIEW, sample: (r) => ({ path: `${cls(r)}/attendance/range`, query: { from: '2026-11-01', to: '2026-11-30' } }) },
  'GET /api/v1/classes/:classId/attendance/summary': { allow: CLASS_VIEW, sample: (r) => ({ path: `${cls(r)}/attendance/summary` }) },
  'GET /api/v1/classes/:classId/conduct': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/conduct`, query: { period: 'term1' } }) },
  'PUT /api/v1/classes/:classId/conduct': {
    allow: ['homeroom'],
    sample: (r) => ({ path: `${cls(r)}/conduct`, body: { period: 'term1', entries: [{ studentId: r.fx.childId, level: 'T', baseVersion: 0 }] } }),
  },
  'PUT /api/v1/classes/:classId/subjects/:subjectId/retest': {
    allow: ['subjectTeacher'],
    sample: (r) => ({ path: `${cls(r)}/subjects/${r.fx.subjectId}/retest`, body: { entries: [{ studentId: r.fx.childId, value: '6', baseVersion: 0 }] } }),
  },
  'GET /api/v1/classes/:classId/weekly-notes': { allow: CLASS_VIEW, sample: (r) => ({ path: `${cls(r)}/weekly-notes` }) },
  'POST /api/v1/classes/:classId/weekly-notes': {
    allow: [...MANAGERS, 'homeroom'],
    sample: (r) => ({ path: `${cls(r)}/weekly-notes`, body: { weekStart: '2026-11-23', kind: 'discipline', text: 'Lớp đi học đầy đủ.' } }),
  },
  'PUT /api/v1/classes/:classId/weekly-notes/:noteId': {
    allow: ['homeroom'],
    why: 'only the author',
    sample: (r) => ({ path: `${cls(r)}/weekly-notes/${r.noteId}`, body: { text: 'Lớp giữ trật tự rất tốt.', baseVersion: 1 } }),
  },
  'GET /api/v1/years/:yearId/result-snapshots': { allow: LEADERS, sample: (r) => ({ path: `${year(r)}/result-snapshots` }) },
  'GET /api/v1/classes/:classId/transcript-records': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/transcript-records` }) },
  'GET /api/v1/classes/:classId/transcript-confirmation': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/transcript-confirmation` }) },
  'POST /api/v1/classes/:classId/transcript-records/confirmation': {
    allow: ['principal'],
    sample: (r) => ({ path: `${cls(r)}/transcript-records/confirmation`, body: { studentIds: [r.fx.childId] } }),
  },
  'GET /api/v1/classes/:classId/results': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/results`, query: { scope: 'term1' } }) },
  'POST /api/v1/classes/:classId/results/:scope/proposal': { allow: ['homeroom'], sample: (r) => ({ path: `${cls(r)}/results/term1/proposal` }) },
  'POST /api/v1/classes/:classId/results/:scope/approval': { allow: ['principal'], sample: (r) => ({ path: `${cls(r)}/results/term1/approval`, body: { snapshotId: r.snapshotId } }) },
  'GET /api/v1/classes/:classId/primary-assessments': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/primary-assessments`, query: { point: 'GK1' } }) },
  'PUT /api/v1/classes/:classId/primary-assessments': {
    allow: ['homeroom'],
    sample: (r) => ({ path: `${cls(r)}/primary-assessments`, body: { point: 'GK1', entries: [{ studentId: r.fx.childId, qualities: Array(5).fill('Đ'), competences: Array(10).fill('Đ'), baseVersion: 0 }] } }),
  },
  'GET /api/v1/classes/:classId/primary-summary': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/primary-summary`, query: { point: 'GK1' } }) },
  'GET /api/v1/classes/:classId/primary-approvals': { allow: CLASS_BOOK, why: '6A1 is not primary: allowed callers get 409', sample: (r) => ({ path: `${cls(r)}/primary-approvals` }) },
  'POST /api/v1/classes/:classId/primary-results/:point/proposal': { allow: ['homeroom'], why: '6A1 is not primary: the homeroom teacher gets 409', sample: (r) => ({ path: `${cls(r)}/primary-results/GK1/proposal` }) },
  'POST /api/v1/classes/:classId/primary-results/:point/approval': { allow: ['principal'], why: '6A1 is not primary: the principal gets 409', sample: (r) => ({ path: `${cls(r)}/primary-results/GK1/approval`, body: { snapshotId: r.snapshotId } }) },

  // ---- audit, dashboards ----
  'GET /api/v1/schools/:schoolId/audit': { allow: LEADERS, sample: (r) => ({ path: `${school(r)}/audit` }) },
  'GET /api/v1/schools/:schoolId/edit-log': { allow: SCHOOL_VIEW, why: 'a teacher reads her own edits', sample: (r) => ({ path: `${school(r)}/edit-log` }) },
  'GET /api/v1/schools/:schoolId/edit-log.pdf': { allow: SCHOOL_VIEW, why: 'a teacher prints her own month', sample: (r, s) => ({ path: `${school(r)}/edit-log.pdf`, query: { month: '2026-11', teacherUserId: ownOrTeacher(r, s) } }) },
  'GET /api/v1/classes/:classId/class-book.pdf': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/class-book.pdf`, query: { scope: 'hk1' } }) },
  'GET /api/v1/classes/:classId/confirmation-sheet.pdf': { allow: CLASS_VIEW, why: 'the subject teacher prints her own class-subject', sample: (r) => ({ path: `${cls(r)}/confirmation-sheet.pdf`, query: { subjectId: r.fx.subjectId, term: '1' } }) },
  'GET /api/v1/classes/:classId/primary-summary.pdf': { allow: CLASS_BOOK, why: '6A1 is not primary: allowed callers get 409', sample: (r) => ({ path: `${cls(r)}/primary-summary.pdf`, query: { point: 'GK1' } }) },
  'GET /api/v1/students/:studentId/transcript.pdf': { allow: ['principal', 'vicePrincipal', 'adminBoard', 'clerk', 'homeroom'], why: 'no confirmed year yet: allowed callers get 409', sample: (r) => ({ path: `/api/v1/students/${r.fx.childId}/transcript.pdf` }) },
  'GET /api/v1/students/:studentId/transcript.json': { allow: ['principal', 'vicePrincipal', 'adminBoard', 'clerk', 'homeroom'], why: 'no confirmed year yet: allowed callers get 409', sample: (r) => ({ path: `/api/v1/students/${r.fx.childId}/transcript.json` }) },
  'GET /api/v1/students/:studentId/transcript.xml': { allow: ['principal', 'vicePrincipal', 'adminBoard', 'clerk', 'homeroom'], why: 'no confirmed year yet: allowed callers get 409', sample: (r) => ({ path: `/api/v1/students/${r.fx.childId}/transcript.xml` }) },
  'GET /api/v1/students/:studentId/report-book.pdf': { allow: ['principal', 'vicePrincipal', 'adminBoard', 'clerk', 'homeroom', 'guardian'], why: "the guardian reads his own child's", sample: (r) => ({ path: `/api/v1/students/${r.fx.childId}/report-book.pdf`, query: { term: '1' } }) },
  'GET /api/v1/classes/:classId/dashboard': { allow: CLASS_BOOK, sample: (r) => ({ path: `${cls(r)}/dashboard` }) },
  'GET /api/v1/years/:yearId/dashboard': { allow: LEADERS, sample: (r) => ({ path: `${year(r)}/dashboard` }) },
  'GET /api/v1/years/:yearId/todo': { allow: SCHOOL_VIEW, why: 'each item judged by the policy of its act (todo.integration.test.ts)', sample: (r) => ({ path: `${year(r)}/todo` }) },

  // ---- documents, print jobs, archives, public verification ----
  'GET /api/v1/schools/:schoolId/documents': { allow: SCHOOL_VIEW, why: 'filtered to the documents the caller may see', sample: (r) => ({ path: `${school(r)}/documents` }) },
  'GET /api/v1/documents/:documentId': { allow: DOCUMENT_VIEW, sample: (r) => ({ path: `/api/v1/documents/${r.documentId}` }) },
  'GET /api/v1/documents/:documentId/pdf': { allow: DOCUMENT_VIEW, sample: (r) => ({ path: `/api/v1/documents/${r.documentId}/pdf` }) },
  'POST /api/v1/documents/:documentId/signatures': {
    allow: ['homeroom'],
    why: 'step 1 is the homeroom teacher’s; the school certificate ("server") is only for the seal, so she gets 400 after being authorized',
    sample: (r) => ({ path: `/api/v1/documents/${r.documentId}/signatures`, body: { method: 'server', seq: 1, expectedSha256: r.documentSha256 } }),
  },
  'POST /api/v1/schools/:schoolId/signature-batches': {
    allow: SCHOOL_VIEW,
    why: 'the school gate only; each document is then judged on its own (signing-batch.integration.test.ts): here the school certificate ("server") is refused for a homeroom step with 400',
    sample: (r) => ({ path: `${school(r)}/signature-batches`, body: { method: 'server', role: 'homeroom', items: [{ documentId: r.documentId, expectedSha256: r.documentSha256 }] } }),
  },
  'POST /api/v1/documents/:documentId/signatures/:seq/handwritten': {
    allow: ['homeroom'],
    why: 'step 1 of a class book is the homeroom teacher’s',
    sample: (r) => ({ path: `/api/v1/documents/${r.documentId}/signatures/1/handwritten` }),
  },
  'GET /api/v1/schools/:schoolId/seal': { allow: ['principal', 'vicePrincipal', 'adminBoard', 'clerk'], why: 'document.view of the school: the school-wide readers', sample: (r) => ({ path: `${school(r)}/seal` }) },
  'POST /api/v1/schools/:schoolId/seal': {
    allow: ['principal'],
    why: 'the principal registers the seal; no seal is configured here, so she gets 400 after being authorized',
    sample: (r) => ({ path: `${school(r)}/seal`, body: { source: 'configured' } }),
  },
  'POST /api/v1/schools/:schoolId/print-jobs': {
    allow: DOCUMENT_VIEW,
    why: 'samples print an empty class of the same homeroom teacher',
    sample: (r) => ({ path: `${school(r)}/print-jobs`, body: { kind: 'confirmation_sheet', classIds: [r.printClassId], options: {} } }),
  },
  'GET /api/v1/schools/:schoolId/print-jobs': { allow: SCHOOL_VIEW, why: 'a teacher sees her own jobs', sample: (r) => ({ path: `${school(r)}/print-jobs` }) },
  'GET /api/v1/jobs/:jobId': { allow: DOCUMENT_VIEW, why: 'its creator (the homeroom teacher) and the school-wide readers', sample: (r) => ({ path: `/api/v1/jobs/${r.jobId}` }) },
  'GET /api/v1/jobs/:jobId/files/:file': { allow: DOCUMENT_VIEW, sample: (r) => ({ path: `/api/v1/jobs/${r.jobId}/files/pdf` }) },
  'GET /api/v1/schools/:schoolId/retention': { allow: SCHOOL_VIEW, sample: (r) => ({ path: `${school(r)}/retention` }) },
  'GET /api/v1/schools/:schoolId/archives': { allow: MANAGERS, sample: (r) => ({ path: `${school(r)}/archives` }) },
  'POST /api/v1/schools/:schoolId/archives': { allow: MANAGERS, sample: (r) => ({ path: `${school(r)}/archives`, body: { schoolYearId: r.nextYearId } }) },
  'GET /api/v1/schools/:schoolId/archives/:archiveId/zip': { allow: MANAGERS, sample: (r) => ({ path: `${school(r)}/archives/${r.archiveId}/zip` }) },
  'GET /api/v1/verify/:documentId': { allow: EVERYONE, why: 'public: anyone holding the paper checks it', sample: (r) => ({ path: `/api/v1/verify/${r.documentId}` }) },
  'POST /api/v1/verify/:documentId/check': {
    allow: EVERYONE,
    sample: (r) => ({ path: `/api/v1/verify/${r.documentId}/check`, form: () => fileForm(r.documentPdf, 'application/pdf', 'ban-sao.pdf') }),
  },
  'GET /verify/:documentId': { allow: EVERYONE, why: 'the public HTML page', sample: (r) => ({ path: `/verify/${r.documentId}` }) },
  'POST /verify/:documentId': { allow: EVERYONE, sample: (r) => ({ path: `/verify/${r.documentId}`, form: () => fileForm(r.documentPdf, 'application/pdf', 'ban-sao.pdf') }) },

  // ---- enrollment changes (last: they move students) ----
  'POST /api/v1/students/:studentId/transfer-out': {
    allow: MANAGERS,
    sample: (r, s) => ({ path: `/api/v1/students/${spare(r, s, 0)}/transfer-out`, body: { date: '2026-11-23', toSchool: 'Trường THCS Lê Lợi' } }),
  },
  'POST /api/v1/students/:studentId/drop-out': {
    allow: MANAGERS,
    sample: (r, s) => ({ path: `/api/v1/students/${spare(r, s, 1)}/drop-out`, body: { date: '2026-11-23', reason: 'Gia đình chuyển đi' } }),
  },
  'POST /api/v1/students/:studentId/change-class': {
    allow: MANAGERS,
    sample: (r, s) => ({ path: `/api/v1/students/${spare(r, s, 2)}/change-class`, body: { toClassId: r.fx.server.demo!.classIds['9A1'], date: '2026-11-23' } }),
  },
  'GET /api/v1/years/:yearId/rollover': { allow: MANAGERS, sample: (r) => ({ path: `${year(r)}/rollover`, query: { toYearId: r.nextYearId } }) },
  'POST /api/v1/years/:yearId/rollover/preview': { allow: MANAGERS, sample: (r) => ({ path: `${year(r)}/rollover/preview`, body: { toYearId: r.nextYearId } }) },
  'POST /api/v1/years/:yearId/rollover': { allow: MANAGERS, sample: (r) => ({ path: `${year(r)}/rollover`, body: { toYearId: r.nextYearId } }) },

  // ---- logout (a throw-away session per subject) ----
  'POST /api/v1/auth/logout': { allow: EVERYONE, fresh: true, sample: () => ({ path: '/api/v1/auth/logout' }) },
};
