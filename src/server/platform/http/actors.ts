/** Loads what the policies need to know about a user: grants, assignments and delegations. */
import type { Actor, Role } from '../../../domain/policies/actor.ts';
import type { ActiveDelegation, DelegatedPower, DelegationClass, DelegationScope } from '../../../domain/policies/delegation.ts';
import type { Executor } from '../db/database.ts';

export async function loadActor(db: Executor, user: { id: string; staff_id: string | null }): Promise<Actor> {
  const userId = user.id;
  const grants = await db
    .selectFrom('user_roles')
    .select(['role', 'school_id', 'org_unit_id', 'student_id'])
    .where('user_id', '=', userId)
    .execute();
  let homeroomClassIds: string[] = [];
  let teaching: { classId: string; subjectId: string }[] = [];
  if (user.staff_id) {
    homeroomClassIds = (
      await db.selectFrom('classes').select('id').where('homeroom_staff_id', '=', user.staff_id).execute()
    ).map((r) => r.id);
    teaching = (
      await db
        .selectFrom('teaching_assignments')
        .select(['class_id', 'subject_id'])
        .where('staff_id', '=', user.staff_id)
        .execute()
    ).map((r) => ({ classId: r.class_id, subjectId: r.subject_id }));
  }
  const officerUnits = grants
    .filter((g) => (g.role === 'district_officer' || g.role === 'province_officer') && g.org_unit_id)
    .map((g) => g.org_unit_id as string);
  const overseenSchoolIds = officerUnits.length ? await schoolsUnder(db, officerUnits) : [];
  const viceSchoolIds = grants.filter((g) => g.role === 'vice_principal' && g.school_id).map((g) => g.school_id as string);
  return {
    ...(viceSchoolIds.length ? await loadDelegations(db, userId, viceSchoolIds) : {}),
    userId,
    grants: grants.map((g) => ({
      role: g.role as Role,
      schoolId: g.school_id,
      orgUnitId: g.org_unit_id,
      studentId: g.student_id,
    })),
    homeroomClassIds,
    teaching,
    overseenSchoolIds,
  };
}

/** A vice-principal's delegations in force in her schools, with the classes of their years. */
async function loadDelegations(db: Executor, userId: string, schoolIds: string[]): Promise<Pick<Actor, 'delegations' | 'delegationClasses'>> {
  const rows = await db
    .selectFrom('delegations')
    .select(['id', 'school_id', 'school_year_id', 'powers_json', 'scope', 'granted_by'])
    .where('delegate_user_id', '=', userId)
    .where('school_id', 'in', schoolIds)
    .where('revoked_at', 'is', null)
    .execute();
  if (!rows.length) return {};
  const delegations: ActiveDelegation[] = rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    schoolYearId: r.school_year_id,
    powers: JSON.parse(r.powers_json) as DelegatedPower[],
    scope: r.scope as DelegationScope,
    principalUserId: r.granted_by,
  }));
  const classes = await db
    .selectFrom('classes')
    .innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
    .select(['classes.id', 'classes.name', 'classes.grade', 'classes.school_year_id', 'school_years.name as year_name'])
    .where('classes.school_id', 'in', schoolIds)
    .execute();
  const delegationClasses: Record<string, DelegationClass> = {};
  for (const c of classes) delegationClasses[c.id] = { name: c.name, schoolYearId: c.school_year_id, yearName: c.year_name, grade: Number(c.grade) };
  return { delegations, delegationClasses };
}

/** All schools in the given org units and the units below them. */
export async function schoolsUnder(db: Executor, orgUnitIds: string[]): Promise<string[]> {
  const units = await db.selectFrom('org_units').select(['id', 'parent_id']).execute();
  const all = new Set(orgUnitIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parent_id && all.has(u.parent_id) && !all.has(u.id)) {
        all.add(u.id);
        grew = true;
      }
    }
  }
  const schools = await db.selectFrom('schools').select('id').where('org_unit_id', 'in', [...all]).execute();
  return schools.map((s) => s.id);
}
