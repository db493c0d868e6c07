/**
 * The acting user as the policies see it: plain data, loaded once per request.
 * Homeroom and subject-teacher powers come from assignments, not from stored roles.
 */
import type { ActiveDelegation, DelegationClass } from './delegation.ts';

export const ROLES = [
  'principal',
  'vice_principal',
  'admin',
  'teacher',
  'clerk',
  'district_officer',
  'province_officer',
  'guardian',
] as const;
export type Role = (typeof ROLES)[number];

/** Vietnamese names of roles, as the school says them. */
export const ROLE_LABELS: Record<Role | 'homeroom_teacher' | 'subject_teacher', string> = {
  principal: 'Hiệu trưởng',
  vice_principal: 'Phó hiệu trưởng',
  admin: 'Ban quản trị phần mềm',
  teacher: 'Giáo viên',
  homeroom_teacher: 'Giáo viên chủ nhiệm',
  subject_teacher: 'Giáo viên bộ môn',
  clerk: 'Văn thư',
  district_officer: 'Chuyên viên Phòng GDĐT',
  province_officer: 'Chuyên viên Sở GDĐT',
  guardian: 'Phụ huynh',
};

export interface RoleGrant {
  role: Role;
  schoolId: string | null;
  orgUnitId: string | null;
  /** guardian: the child */
  studentId: string | null;
}

export interface Actor {
  userId: string;
  grants: RoleGrant[];
  /** Classes of which the actor (through the linked staff record) is the homeroom teacher. */
  homeroomClassIds: string[];
  /** (class, subject) pairs the actor teaches. */
  teaching: { classId: string; subjectId: string }[];
  /** Org units the actor oversees, each with all the org units and schools below it. */
  overseenSchoolIds: string[];
  /** A vice-principal's delegations in force (issue 22); absent for everyone else. */
  delegations?: ActiveDelegation[];
  /** With delegations: the classes of her schools by id, so a rule knows a target's year and section. */
  delegationClasses?: Record<string, DelegationClass>;
}

export function hasRole(actor: Actor, role: Role, schoolId?: string): boolean {
  return actor.grants.some((g) => g.role === role && (schoolId === undefined || g.schoolId === schoolId));
}

/** The roles an actor holds in one school (staff roles only). */
export function rolesInSchool(actor: Actor, schoolId: string): Role[] {
  return actor.grants.filter((g) => g.schoolId === schoolId).map((g) => g.role);
}

/** The most senior role, used to label audit events. */
export function primaryRole(actor: Actor): Role {
  for (const role of ROLES) if (actor.grants.some((g) => g.role === role)) return role;
  return 'guardian';
}
