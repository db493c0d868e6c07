/**
 * Q4 (MISSION: students' personal data protected, minors' data under the personal data law):
 * who receives a student's personal record, as a table.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import { STUDENT_BASIC_FIELDS, STUDENT_PERSONAL_FIELDS, type StudentFieldView, studentFieldView, studentForView } from './student-fields.ts';

const S = 'school-1';

function actor(roles: Role[], extra: Partial<Actor> = {}, schoolId = S): Actor {
  return {
    userId: 'u',
    grants: roles.map((role) => ({ role, schoolId: role.endsWith('officer') ? null : schoolId, orgUnitId: null, studentId: role === 'guardian' ? 'child' : null })),
    homeroomClassIds: [],
    teaching: [],
    overseenSchoolIds: [],
    ...extra,
  };
}

const homeroom6A1 = actor(['teacher'], { homeroomClassIds: ['6A1'], teaching: [{ classId: '6A1', subjectId: 'TOAN' }] });
const mathTeacherOf6A1 = actor(['teacher'], { homeroomClassIds: ['6A2'], teaching: [{ classId: '6A1', subjectId: 'TOAN' }] });
const onClass6A1 = { schoolId: S, classIds: ['6A1'] };
const onChild = { schoolId: S, classIds: ['6A1'], studentId: 'child' };

const table: [string, Actor, object, StudentFieldView][] = [
  ['the homeroom teacher of the class', homeroom6A1, onClass6A1, 'full'],
  ['the principal', actor(['principal']), onClass6A1, 'full'],
  ['the vice-principal', actor(['vice_principal']), onClass6A1, 'full'],
  ['the admin board', actor(['admin']), onClass6A1, 'full'],
  ['a guardian, her own child', actor(['guardian']), onChild, 'full'],
  ['a subject teacher of the class (homeroom of another class)', mathTeacherOf6A1, onClass6A1, 'basic'],
  ['the clerk', actor(['clerk']), onClass6A1, 'basic'],
  ['an officer above the school', actor(['district_officer'], { overseenSchoolIds: [S] }), onClass6A1, 'basic'],
  ['a guardian, another child', actor(['guardian']), { ...onClass6A1, studentId: 'another' }, 'basic'],
  ['the principal of another school', actor(['principal'], {}, 'school-2'), onClass6A1, 'basic'],
];

describe('studentFieldView (Q4)', () => {
  it.each(table)('%s: %s view', (_what, who, target, view) => {
    expect(studentFieldView(who, target as never)).toBe(view);
  });
});

describe('studentForView', () => {
  const student = Object.fromEntries([...STUDENT_BASIC_FIELDS, ...STUDENT_PERSONAL_FIELDS].map((k) => [k, `v-${k}`])) as Record<(typeof STUDENT_BASIC_FIELDS)[number] | (typeof STUDENT_PERSONAL_FIELDS)[number], string>;

  it('a basic view has no personal key at all, a full one keeps everything', () => {
    expect(Object.keys(studentForView(student, 'basic')).sort()).toEqual([...STUDENT_BASIC_FIELDS].sort());
    expect(studentForView(student, 'full')).toEqual(student);
    expect(Object.keys(student)).toHaveLength(STUDENT_BASIC_FIELDS.length + STUDENT_PERSONAL_FIELDS.length);
  });
});
