/** Loads what the policies need to know about a user: grants and assignments. */
import type { Actor, Role } from '../../../domain/policies/actor.ts';
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
  return {
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
