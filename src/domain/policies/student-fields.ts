/**
 * Q4 (least privilege over minors' personal data): which fields of a student's profile a reader
 * receives. Everyone who may see the class gets who the students are and what grading and her own
 * printed sheets need (list, names, date of birth, sex, student code). The personal record —
 * place of birth, ethnicity, nationality, religion, personal ID, address, phone, guardians — goes
 * only to the homeroom teacher of the student's class, the leadership, the admin board and the
 * student's own guardian. Subject teachers, the clerk (she prints from the print routes) and
 * officers above the school get the basic view.
 */
import { type Actor, type Role, hasRole } from './actor.ts';
import type { Target } from './policy.ts';

export const STUDENT_BASIC_FIELDS = ['id', 'familyName', 'middleName', 'givenName', 'fullName', 'sex', 'dateOfBirth', 'studentCode', 'status', 'version'] as const;
export const STUDENT_PERSONAL_FIELDS = ['placeOfBirth', 'ethnicity', 'nationality', 'religion', 'nationalId', 'address', 'phone', 'guardians'] as const;
export type StudentPersonalField = (typeof STUDENT_PERSONAL_FIELDS)[number];

/** full: the whole profile; basic: without STUDENT_PERSONAL_FIELDS. */
export type StudentFieldView = 'full' | 'basic';

const PERSONAL_READERS: Role[] = ['principal', 'vice_principal', 'admin'];

export function studentFieldView(actor: Actor, target: Target): StudentFieldView {
  if (target.studentId && actor.grants.some((g) => g.role === 'guardian' && g.studentId === target.studentId)) return 'full';
  if (PERSONAL_READERS.some((r) => hasRole(actor, r, target.schoolId))) return 'full';
  if (actor.homeroomClassIds.some((id) => target.classIds?.includes(id))) return 'full';
  return 'basic';
}

/** The profile as this view shows it: the personal keys are absent from a basic one. */
export function studentForView<S extends Record<StudentPersonalField, unknown>>(student: S, view: StudentFieldView): S | Omit<S, StudentPersonalField> {
  if (view === 'full') return student;
  const basic: Partial<S> = { ...student };
  for (const field of STUDENT_PERSONAL_FIELDS) delete basic[field];
  return basic as Omit<S, StudentPersonalField>;
}
