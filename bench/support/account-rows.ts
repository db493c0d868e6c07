/**
 * The rows of a staff member with a login, as the generated data sets (benches, security fixture)
 * write them straight into the database: `staff`, `users` (no TOTP, password already set) and
 * `user_roles`. One place for the columns, so the three tables stay in step with the schema.
 */
import { randomUUID } from 'node:crypto';
import type { NewRow } from '../../src/server/platform/db/schema.ts';

export interface StaffPerson {
  familyName: string;
  middleName: string;
  givenName: string;
  sex: string;
  /** ISO yyyy-mm-dd. */
  dateOfBirth: string;
  subjectSpeciality?: string;
}

export const personFullName = (p: { familyName: string; middleName: string; givenName: string }): string =>
  [p.familyName, p.middleName, p.givenName].filter(Boolean).join(' ');

export function staffRow(o: { id: string; schoolId: string; person: StaffPerson; position: string; now: string }) {
  return {
    id: o.id,
    school_id: o.schoolId,
    family_name: o.person.familyName,
    middle_name: o.person.middleName,
    given_name: o.person.givenName,
    sex: o.person.sex,
    date_of_birth: o.person.dateOfBirth,
    position: o.position,
    speciality: o.person.subjectSpeciality ?? '',
    phone: '',
    email: '',
    active: 1,
    created_at: o.now,
    updated_at: o.now,
    version: 1,
  } satisfies NewRow<'staff'>;
}

export function userRow(o: { id: string; username: string; passwordHash: string; fullName: string; schoolId: string; staffId: string | null; now: string }) {
  return {
    id: o.id,
    username: o.username,
    password_hash: o.passwordHash,
    full_name: o.fullName,
    school_id: o.schoolId,
    org_unit_id: null,
    staff_id: o.staffId,
    must_change_password: 0,
    totp_secret: null,
    totp_enabled: 0,
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    last_login_at: null,
    created_at: o.now,
    updated_at: o.now,
    version: 1,
  } satisfies NewRow<'users'>;
}

/** A school-level role (a guardian's names the student); a fresh id each call. */
export function userRoleRow(o: { userId: string; role: string; schoolId: string; studentId?: string | null; now: string }) {
  return { id: randomUUID(), user_id: o.userId, role: o.role, school_id: o.schoolId, org_unit_id: null, student_id: o.studentId ?? null, created_at: o.now } satisfies NewRow<'user_roles'>;
}
