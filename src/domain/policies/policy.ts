/**
 * Who may do what: one rule per action, over plain data (the actor and the record's school,
 * class, student). Every denial carries a Vietnamese reason the user can act on.
 */
import { type Actor, type Role, hasRole } from './actor.ts';
import { delegationCovering, holdsPower, missingDelegation } from './delegated-acts.ts';
import type { Authority, DelegatedPower } from './delegation.ts';

/** Allowed (on a delegation's authority when only a delegation allows it), or refused with a reason. */
export type Decision = { allowed: true; authority?: Authority } | { allowed: false; reason: string };

export interface Target {
  schoolId: string;
  /** The class concerned (a class, or the classes a student is enrolled in this year). */
  classIds?: string[];
  subjectId?: string;
  studentId?: string;
}

export type Action =
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
  | 'audit.view'
  | 'gradebook.view'
  | 'gradebook.edit'
  | 'classBook.view'
  | 'progress.view'
  | 'lock.manage'
  | 'testingPlan.manage'
  | 'editLog.view'
  | 'correction.request'
  | 'correction.requestRecord'
  | 'correction.decide'
  | 'correction.apply'
  | 'attendance.record'
  | 'attendance.markLesson'
  | 'conduct.assess'
  | 'weeklyNote.write'
  | 'results.view'
  | 'results.propose'
  | 'results.approve'
  | 'transcript.confirm'
  | 'transcript.print'
  | 'reportBook.view'
  | 'documents.print'
  | 'document.view'
  | 'document.signAsHomeroom'
  | 'document.signAsPrincipal'
  | 'document.applySeal'
  | 'seal.register'
  | 'delegation.manage'
  | 'delegation.view'
  | 'archive.manage';

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

const LEADERSHIP: Role[] = ['principal', 'vice_principal'];
const LEADERS_AND_BOARD: Role[] = ['principal', 'vice_principal', 'admin'];
const MANAGERS: Role[] = ['principal', 'admin'];
const SCHOOL_WIDE_READERS: Role[] = ['principal', 'vice_principal', 'admin', 'clerk'];

/**
 * The principal's power, or a vice-principal's delegation covering the target's classes (issue 22).
 * Outside any delegation a vice-principal is told what she lacks; anyone else gets `otherwise`.
 */
function principalOrDelegate(a: Actor, t: Target, power: DelegatedPower, otherwise: string): Decision {
  if (hasRole(a, 'principal', t.schoolId)) return allow;
  const d = delegationCovering(a, power, t);
  if (d) return { allowed: true, authority: { onBehalfOf: d.principalUserId, delegationId: d.id } };
  return deny(hasRole(a, 'vice_principal', t.schoolId) ? missingDelegation(power, a, t) : otherwise);
}

function anyRole(actor: Actor, roles: Role[], schoolId: string): boolean {
  return roles.some((r) => hasRole(actor, r, schoolId));
}

function oversees(actor: Actor, schoolId: string): boolean {
  return actor.overseenSchoolIds.includes(schoolId);
}

function belongsTo(actor: Actor, schoolId: string): boolean {
  return actor.grants.some((g) => g.schoolId === schoolId && g.role !== 'guardian');
}

function teachesClass(actor: Actor, classIds: string[] | undefined): boolean {
  if (!classIds) return false;
  return actor.teaching.some((t) => classIds.includes(t.classId));
}

function teachesSubject(actor: Actor, classIds: string[] | undefined, subjectId: string | undefined): boolean {
  if (!classIds || !subjectId) return false;
  return actor.teaching.some((t) => classIds.includes(t.classId) && t.subjectId === subjectId);
}

function isHomeroomOf(actor: Actor, classIds: string[] | undefined): boolean {
  if (!classIds) return false;
  return actor.homeroomClassIds.some((id) => classIds.includes(id));
}

const OTHER_SCHOOL = 'Tài khoản của thầy/cô không thuộc trường này.';

const rules: Record<Action, (actor: Actor, t: Target) => Decision> = {
  'school.view': (a, t) =>
    belongsTo(a, t.schoolId) || oversees(a, t.schoolId) ? allow : deny(OTHER_SCHOOL),

  'setup.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được thiết lập năm học, lớp, môn học và phân công.'),

  'staff.view': (a, t) =>
    belongsTo(a, t.schoolId) || oversees(a, t.schoolId) ? allow : deny(OTHER_SCHOOL),

  'staff.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được quản lý danh sách cán bộ, giáo viên.'),

  'account.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được tạo, khóa tài khoản và phân quyền.'),

  'account.grantPrivileged': (a, t) =>
    hasRole(a, 'principal', t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng được trao hoặc thu hồi vai trò Hiệu trưởng và Ban quản trị phần mềm.'),

  'class.view': (a, t) => {
    if (anyRole(a, SCHOOL_WIDE_READERS, t.schoolId) || oversees(a, t.schoolId)) return allow;
    if (teachesClass(a, t.classIds) || isHomeroomOf(a, t.classIds)) return allow;
    if (belongsTo(a, t.schoolId)) return deny('Thầy/cô không được phân công chủ nhiệm hay giảng dạy lớp này.');
    return deny(OTHER_SCHOOL);
  },

  'classList.reorder': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId) || isHomeroomOf(a, t.classIds)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp, Hiệu trưởng hoặc Ban quản trị được sắp xếp số thứ tự trong danh sách lớp.'),

  'student.view': (a, t) => {
    if (a.grants.some((g) => g.role === 'guardian' && g.studentId === t.studentId && t.studentId)) return allow;
    if (anyRole(a, SCHOOL_WIDE_READERS, t.schoolId) || oversees(a, t.schoolId)) return allow;
    if (teachesClass(a, t.classIds) || isHomeroomOf(a, t.classIds)) return allow;
    if (hasRole(a, 'guardian')) return deny('Phụ huynh chỉ xem được thông tin của con mình.');
    if (belongsTo(a, t.schoolId)) return deny('Học sinh này không thuộc lớp thầy/cô chủ nhiệm hoặc giảng dạy.');
    return deny(OTHER_SCHOOL);
  },

  'student.create': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được tiếp nhận học sinh mới.'),

  'student.edit': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId) || isHomeroomOf(a, t.classIds)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp, Hiệu trưởng hoặc Ban quản trị được sửa sơ yếu lý lịch học sinh.'),

  'student.import': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được nhập danh sách học sinh từ Excel.'),

  'enrollment.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được chuyển lớp, chuyển trường và lên lớp cho học sinh.'),

  'audit.view': (a, t) =>
    anyRole(a, [...LEADERSHIP, 'admin'], t.schoolId) || oversees(a, t.schoolId)
      ? allow
      : deny('Chỉ Ban giám hiệu và Ban quản trị phần mềm được xem nhật kí hệ thống.'),

  // G1, R4: a subject teacher enters scores of her assigned class-subjects only; the homeroom
  // teacher and the leadership read (R3: checks the class's results); officers above read.
  'gradebook.view': (a, t) => {
    if (teachesSubject(a, t.classIds, t.subjectId) || isHomeroomOf(a, t.classIds)) return allow;
    if (anyRole(a, SCHOOL_WIDE_READERS, t.schoolId) || oversees(a, t.schoolId)) return allow;
    if (belongsTo(a, t.schoolId)) return deny('Thầy/cô chỉ xem được sổ điểm của môn mình được phân công dạy hoặc của lớp mình chủ nhiệm.');
    return deny(OTHER_SCHOOL);
  },
  'gradebook.edit': (a, t) =>
    teachesSubject(a, t.classIds, t.subjectId)
      ? allow
      : deny('Chỉ giáo viên bộ môn được phân công dạy môn này ở lớp này mới được nhập, sửa điểm.'),
  'classBook.view': (a, t) =>
    isHomeroomOf(a, t.classIds) || anyRole(a, SCHOOL_WIDE_READERS, t.schoolId) || oversees(a, t.schoolId)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp, Ban giám hiệu, Ban quản trị và văn thư được xem toàn bộ sổ theo dõi của lớp.'),
  'progress.view': (a, t) =>
    anyRole(a, LEADERS_AND_BOARD, t.schoolId) || oversees(a, t.schoolId)
      ? allow
      : deny('Chỉ Ban giám hiệu, Ban quản trị và Phòng/Sở GDĐT được xem tiến độ nhập điểm của trường.'),
  // C1: the principal decides locks and windows; the admin board sets them on the principal's order.
  'lock.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng (hoặc Ban quản trị theo lệnh của Hiệu trưởng) được mở, khóa sổ và đặt đợt cập nhật điểm.'),
  // G10: the school's testing plan is set by the principal or the admin board; every staff member reads it for her classes.
  'testingPlan.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được lập, sửa kế hoạch kiểm tra định kỳ của trường.'),
  // C4: the leadership reads every teacher's edit log; a teacher reads her own.
  'editLog.view': (a, t) =>
    anyRole(a, LEADERS_AND_BOARD, t.schoolId) || oversees(a, t.schoolId)
      ? allow
      : deny('Chỉ Ban giám hiệu và Ban quản trị được xem nhật kí sửa điểm của cả trường.'),
  // C2: corrections after a lock
  'correction.request': (a, t) =>
    teachesSubject(a, t.classIds, t.subjectId)
      ? allow
      : deny('Chỉ giáo viên bộ môn được phân công dạy môn này ở lớp này mới gửi được giấy đề nghị sửa điểm.'),
  // Issue 22: conduct, attendance, the printed profile and primary assessments are the homeroom teacher's.
  'correction.requestRecord': (a, t) =>
    isHomeroomOf(a, t.classIds)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp gửi được giấy đề nghị thay đổi kết quả rèn luyện, điểm danh, sơ yếu lý lịch hoặc đánh giá phẩm chất, năng lực.'),
  'correction.decide': (a, t) => principalOrDelegate(a, t, 'correction.decide', 'Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) được duyệt hoặc từ chối giấy đề nghị thay đổi thông tin.'),
  'correction.apply': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId) ? allow : deny('Chỉ Ban quản trị phần mềm (hoặc Hiệu trưởng) được cập nhật thay đổi đã được duyệt.'),
  // G4: the homeroom teacher takes attendance for the class; a subject teacher marks her lessons.
  'attendance.record': (a, t) =>
    isHomeroomOf(a, t.classIds) || anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp (hoặc Ban quản trị) được điểm danh cả buổi cho lớp.'),
  'attendance.markLesson': (a, t) =>
    teachesSubject(a, t.classIds, t.subjectId) || isHomeroomOf(a, t.classIds)
      ? allow
      : deny('Chỉ giáo viên dạy môn này ở lớp này được ghi vắng theo tiết.'),
  // G6: conduct (KQRL) is the homeroom teacher's assessment alone.
  'conduct.assess': (a, t) =>
    isHomeroomOf(a, t.classIds) ? allow : deny('Chỉ giáo viên chủ nhiệm của lớp được đánh giá kết quả rèn luyện của học sinh lớp mình.'),
  // G5: discipline notes by the homeroom teacher, weekly comments by the class's subject teachers.
  'weeklyNote.write': (a, t) =>
    isHomeroomOf(a, t.classIds) || (t.subjectId ? teachesSubject(a, t.classIds, t.subjectId) : teachesClass(a, t.classIds))
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm hoặc giáo viên dạy lớp được ghi nhận xét tuần của lớp.'),
  // G7, C5: results are read by the homeroom teacher and the leadership; she proposes, the principal approves.
  'results.view': (a, t) =>
    isHomeroomOf(a, t.classIds) || anyRole(a, SCHOOL_WIDE_READERS, t.schoolId) || oversees(a, t.schoolId)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp, Ban giám hiệu và Ban quản trị được xem kết quả cả lớp.'),
  'results.propose': (a, t) =>
    isHomeroomOf(a, t.classIds) ? allow : deny('Chỉ giáo viên chủ nhiệm của lớp được đề nghị danh sách kết quả của lớp.'),
  'results.approve': (a, t) => principalOrDelegate(a, t, 'results.approve', 'Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) được phê duyệt kết quả đánh giá của lớp.'),
  // C6: the principal confirms student information and results going into the transcript — or the
  // vice-principal she delegated to sign in her place (the học bạ then prints "KT. HIỆU TRƯỞNG").
  'transcript.confirm': (a, t) =>
    principalOrDelegate(a, t, 'document.signAsPrincipal', 'Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền ký thay) được xác nhận thông tin và kết quả đưa vào học bạ.'),
  // P3, C6: the học bạ (print, JSON, XML) — the student's homeroom teacher, the leadership, the board, the clerk.
  'transcript.print': (a, t) =>
    isHomeroomOf(a, t.classIds) || anyRole(a, SCHOOL_WIDE_READERS, t.schoolId)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của học sinh, Ban giám hiệu, Ban quản trị và văn thư được in học bạ.'),
  // P8: the report book (sổ liên lạc) — as the học bạ, plus the student's own guardian.
  // P1–P3: bulk printing (jobs) — the homeroom teacher for her class, the leadership, the board, the clerk.
  'documents.print': (a, t) =>
    isHomeroomOf(a, t.classIds) || anyRole(a, SCHOOL_WIDE_READERS, t.schoolId)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp, Ban giám hiệu, Ban quản trị và văn thư được in hàng loạt.'),
  // A stored document (its PDF, versions, signatures): as printing it.
  'document.view': (a, t) =>
    isHomeroomOf(a, t.classIds) || anyRole(a, SCHOOL_WIDE_READERS, t.schoolId)
      ? allow
      : deny('Chỉ giáo viên chủ nhiệm của lớp, Ban giám hiệu, Ban quản trị và văn thư được xem văn bản này.'),
  // P5: the học bạ is signed in order — homeroom teacher, principal, the school's seal certificate.
  'document.signAsHomeroom': (a, t) =>
    isHomeroomOf(a, t.classIds) ? allow : deny('Chỉ giáo viên chủ nhiệm của lớp được ký ở mục Giáo viên chủ nhiệm.'),
  'document.signAsPrincipal': (a, t) => principalOrDelegate(a, t, 'document.signAsPrincipal', 'Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền ký thay) được ký ở mục Hiệu trưởng.'),
  // The seal is kept by the clerk (văn thư) and applied on the principal's signature.
  'document.applySeal': (a, t) =>
    anyRole(a, ['principal', 'clerk'], t.schoolId) ? allow : deny('Chỉ Hiệu trưởng hoặc văn thư được đóng dấu số của nhà trường.'),
  // Issue 14: which certificate is the school's seal is the principal's decision alone.
  'seal.register': (a, t) => (hasRole(a, 'principal', t.schoolId) ? allow : deny('Chỉ Hiệu trưởng được đăng kí chứng thư số con dấu của nhà trường.')),
  // Issue 22: the principal alone grants and revokes her powers; the leadership and the board see who holds them.
  'delegation.manage': (a, t) => (hasRole(a, 'principal', t.schoolId) ? allow : deny('Chỉ Hiệu trưởng được ủy quyền hoặc thu hồi ủy quyền cho phó hiệu trưởng.')),
  'delegation.view': (a, t) =>
    anyRole(a, LEADERS_AND_BOARD, t.schoolId) ? allow : deny('Chỉ Ban giám hiệu và Ban quản trị được xem danh sách ủy quyền.'),
  // P6: the year-end archive package holds every record of the year: the principal and the board.
  'archive.manage': (a, t) =>
    anyRole(a, MANAGERS, t.schoolId)
      ? allow
      : deny('Chỉ Hiệu trưởng và Ban quản trị phần mềm được lập và tải gói lưu trữ hồ sơ năm học.'),
  'reportBook.view': (a, t) => {
    if (t.studentId && a.grants.some((g) => g.role === 'guardian' && g.studentId === t.studentId)) return allow;
    if (isHomeroomOf(a, t.classIds) || anyRole(a, SCHOOL_WIDE_READERS, t.schoolId)) return allow;
    if (hasRole(a, 'guardian')) return deny('Phụ huynh chỉ xem được sổ liên lạc của con mình.');
    return deny('Chỉ giáo viên chủ nhiệm của học sinh, Ban giám hiệu, Ban quản trị, văn thư và cha mẹ học sinh được xem sổ liên lạc.');
  },
};

export function can(actor: Actor, action: Action, target: Target): Decision {
  return rules[action](actor, target);
}

export const ACTIONS = Object.keys(rules) as Action[];

/**
 * The classes an actor may list in a school: all of them, or only those assigned.
 * List routes filter by this in SQL, so lists agree with `can(…, 'class.view', …)`.
 */
export function classScope(actor: Actor, schoolId: string): { all: true } | { all: false; classIds: string[] } {
  if (anyRole(actor, SCHOOL_WIDE_READERS, schoolId) || oversees(actor, schoolId)) return { all: true };
  const ids = new Set<string>([...actor.homeroomClassIds, ...actor.teaching.map((t) => t.classId)]);
  return { all: false, classIds: [...ids] };
}

const DELEGATED_ACTIONS = ['results.approve', 'correction.decide', 'document.signAsPrincipal'] as const satisfies readonly (Action & DelegatedPower)[];

/** The abilities the UI receives so it hides what the actor may not do. */
export function abilities(actor: Actor, schoolId: string): Record<Action, boolean> {
  const out = {} as Record<Action, boolean>;
  for (const action of ACTIONS) out[action] = can(actor, action, { schoolId }).allowed;
  // A delegated power holds for some classes only: the UI shows it, each act is judged on its classes.
  for (const power of DELEGATED_ACTIONS) if (holdsPower(actor, power, schoolId)) out[power] = true;
  // Signing in the principal's place includes confirming the học bạ she signs.
  if (holdsPower(actor, 'document.signAsPrincipal', schoolId)) out['transcript.confirm'] = true;
  return out;
}
