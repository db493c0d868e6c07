/** Queries and row mappers for staff and students. */
import type { Staff, Student } from '../../shared/people.ts';
import type { GuardianInput, StudentInput } from '../../shared/student.ts';
import { notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export function formatStaffName(r: { family_name: string; middle_name: string; given_name: string }): string {
  return [r.family_name, r.middle_name, r.given_name].filter(Boolean).join(' ');
}

export function presentStaff(r: Row<'staff'>): Staff {
  return {
    id: r.id,
    familyName: r.family_name,
    middleName: r.middle_name,
    givenName: r.given_name,
    fullName: formatStaffName(r),
    sex: r.sex as Staff['sex'],
    dateOfBirth: r.date_of_birth,
    position: r.position,
    speciality: r.speciality,
    phone: r.phone,
    email: r.email,
    active: r.active === 1,
    version: Number(r.version),
  };
}

export function presentStudent(r: Row<'students'>): Student {
  return {
    id: r.id,
    familyName: r.family_name,
    middleName: r.middle_name,
    givenName: r.given_name,
    fullName: formatStaffName(r),
    sex: r.sex as Student['sex'],
    dateOfBirth: r.date_of_birth,
    placeOfBirth: r.place_of_birth,
    ethnicity: r.ethnicity,
    nationality: r.nationality,
    religion: r.religion,
    nationalId: r.national_id,
    studentCode: r.student_code,
    address: r.address,
    phone: r.phone,
    guardians: JSON.parse(r.guardians_json) as GuardianInput[],
    status: r.status,
    version: Number(r.version),
  };
}

/** The columns a StudentInput sets. */
export function studentColumns(s: StudentInput) {
  return {
    family_name: s.familyName,
    middle_name: s.middleName,
    given_name: s.givenName,
    sex: s.sex,
    date_of_birth: s.dateOfBirth,
    place_of_birth: s.placeOfBirth,
    ethnicity: s.ethnicity,
    nationality: s.nationality,
    religion: s.religion,
    national_id: s.nationalId,
    student_code: s.studentCode,
    address: s.address,
    phone: s.phone,
    guardians_json: JSON.stringify(s.guardians),
  };
}

export async function getStudentOr404(db: Executor, studentId: string) {
  const row = await db.selectFrom('students').selectAll().where('id', '=', studentId).executeTakeFirst();
  if (!row) throw notFound('học sinh');
  return row;
}

export async function getStaffOr404(db: Executor, staffId: string) {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!row) throw notFound('cán bộ, giáo viên');
  return row;
}

/** Classes (ids) the student is enrolled in, any year: what student policies look at. */
export async function studentClassIds(db: Executor, studentId: string): Promise<string[]> {
  const rows = await db.selectFrom('enrollments').select('class_id').where('student_id', '=', studentId).execute();
  return [...new Set(rows.map((r) => r.class_id))];
}
