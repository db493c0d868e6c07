/**
 * The permission rules (MISSION R1–R9, Q1) as a table: every action × the actors a school has.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import { type Action, ACTIONS, abilities, can, classScope } from './policy.ts';

const S = 'school-1';
const OTHER = 'school-2';

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

const principal = actor(['principal']);
const vice = actor(['vice_principal']);
const admin = actor(['admin']);
const clerk = actor(['clerk']);
const homeroom6A1 = actor(['teacher'], { homeroomClassIds: ['6A1'], teaching: [{ classId: '6A1', subjectId: 'TOAN' }] });
const mathTeacher6A2 = actor(['teacher'], { teaching: [{ classId: '6A2', subjectId: 'TOAN' }] });
const unassignedTeacher = actor(['teacher']);
const guardian = actor(['guardian']);
const officer = actor(['district_officer'], { overseenSchoolIds: [S] });
const otherPrincipal = actor(['principal'], {}, OTHER);

const delegationClasses = {
  '6A1': { name: '6A1', schoolYearId: 'Y', yearName: '2026-2027', grade: 6 },
  '10A1': { name: '10A1', schoolYearId: 'Y', yearName: '2026-2027', grade: 10 },
  old6A1: { name: '6A1', schoolYearId: 'Y0', yearName: '2025-2026', grade: 6 },
};
const thcs = { id: 'd', schoolId: S, schoolYearId: 'Y', scope: 'lowerSecondary' as const, principalUserId: 'p' };
const delegatedVice = actor(['vice_principal'], { delegations: [{ ...thcs, powers: ['results.approve', 'correction.decide', 'document.signAsPrincipal'] }], delegationClasses });
const approvingVice = actor(['vice_principal'], { delegations: [{ ...thcs, powers: ['results.approve'] }], delegationClasses });

const onSchool = { schoolId: S };
const onClass10A1 = { schoolId: S, classIds: ['10A1'] };
const onClass6A1 = { schoolId: S, classIds: ['6A1'] };
const onChild = { schoolId: S, studentId: 'child', classIds: ['6A1'] };
const onOtherStudentIn6A1 = { schoolId: S, studentId: 'another', classIds: ['6A1'] };

type Row = [string, Actor, Action, object, boolean];
const table: Row[] = [
  // R2/S1: year set-up is the principal's and the admin board's
  ['principal sets up the year', principal, 'setup.manage', onSchool, true],
  ['admin board sets up the year', admin, 'setup.manage', onSchool, true],
  ['vice-principal does not', vice, 'setup.manage', onSchool, false],
  ['a teacher does not', homeroom6A1, 'setup.manage', onSchool, false],
  ['a principal of another school does not', otherPrincipal, 'setup.manage', onSchool, false],
  ['an officer above the school does not (read-only oversight)', officer, 'setup.manage', onSchool, false],
  // R9/Q1: accounts
  ['principal manages accounts', principal, 'account.manage', onSchool, true],
  ['admin board manages accounts', admin, 'account.manage', onSchool, true],
  ['clerk does not manage accounts', clerk, 'account.manage', onSchool, false],
  ['only the principal grants principal/admin roles', principal, 'account.grantPrivileged', onSchool, true],
  ['the admin board cannot grant principal/admin roles', admin, 'account.grantPrivileged', onSchool, false],
  // S6, R4: what a teacher sees
  ['a homeroom teacher sees her class', homeroom6A1, 'class.view', onClass6A1, true],
  ['a subject teacher sees a class she teaches', mathTeacher6A2, 'class.view', { schoolId: S, classIds: ['6A2'] }, true],
  ['a teacher does not see a class she does not teach', mathTeacher6A2, 'class.view', onClass6A1, false],
  ['an unassigned teacher sees no class', unassignedTeacher, 'class.view', onClass6A1, false],
  ['the clerk sees every class (prints the books)', clerk, 'class.view', onClass6A1, true],
  ['an officer above the school sees its classes', officer, 'class.view', onClass6A1, true],
  ['a principal of another school does not', otherPrincipal, 'class.view', onClass6A1, false],
  // S5: list numbers
  ['the homeroom teacher fine-tunes her class list', homeroom6A1, 'classList.reorder', onClass6A1, true],
  ['a subject teacher does not', mathTeacher6A2, 'classList.reorder', { schoolId: S, classIds: ['6A2'] }, false],
  // S7: student profiles are kept by the homeroom teacher
  ['the homeroom teacher edits a profile of her class', homeroom6A1, 'student.edit', onChild, true],
  ['a subject teacher does not edit profiles', mathTeacher6A2, 'student.edit', { schoolId: S, classIds: ['6A2'] }, false],
  ['the admin board edits profiles', admin, 'student.edit', onChild, true],
  // R8, Q4: guardians see their own child only
  ['a guardian sees his child', guardian, 'student.view', onChild, true],
  ['a guardian does not see another student of the class', guardian, 'student.view', onOtherStudentIn6A1, false],
  ['a guardian does not see the class list', guardian, 'class.view', onClass6A1, false],
  // S3, S4: intake, transfers, rollover
  ['the admin board receives new students', admin, 'student.create', onSchool, true],
  ['the admin board imports from Excel', admin, 'student.import', onSchool, true],
  ['a homeroom teacher does not import', homeroom6A1, 'student.import', onClass6A1, false],
  ['the principal moves students between classes', principal, 'enrollment.manage', onSchool, true],
  ['the clerk does not', clerk, 'enrollment.manage', onSchool, false],
  // Q3: the audit log
  ['the principal reads the audit log', principal, 'audit.view', onSchool, true],
  ['the vice-principal reads the audit log', vice, 'audit.view', onSchool, true],
  ['the admin board reads the audit log', admin, 'audit.view', onSchool, true],
  ['a teacher does not', homeroom6A1, 'audit.view', onSchool, false],
  ['an officer above the school does', officer, 'audit.view', onSchool, true],
  // G1, R4: the grade book of a class-subject
  ['the assigned subject teacher edits her class-subject', mathTeacher6A2, 'gradebook.edit', { schoolId: S, classIds: ['6A2'], subjectId: 'TOAN' }, true],
  ['she does not edit another subject of that class', mathTeacher6A2, 'gradebook.edit', { schoolId: S, classIds: ['6A2'], subjectId: 'NV' }, false],
  ['she does not read another teacher\'s class-subject', mathTeacher6A2, 'gradebook.view', { schoolId: S, classIds: ['6A1'], subjectId: 'TOAN' }, false],
  ['the homeroom teacher reads every subject of her class', homeroom6A1, 'gradebook.view', { schoolId: S, classIds: ['6A1'], subjectId: 'NV' }, true],
  ['the homeroom teacher does not edit a subject she does not teach', homeroom6A1, 'gradebook.edit', { schoolId: S, classIds: ['6A1'], subjectId: 'NV' }, false],
  ['the principal reads but does not type scores', principal, 'gradebook.edit', { schoolId: S, classIds: ['6A1'], subjectId: 'TOAN' }, false],
  ['the principal reads any class-subject', principal, 'gradebook.view', { schoolId: S, classIds: ['6A1'], subjectId: 'TOAN' }, true],
  ['a guardian does not read the grade book sheet', guardian, 'gradebook.view', { schoolId: S, classIds: ['6A1'], subjectId: 'TOAN' }, false],
  ['the homeroom teacher sees the whole class book', homeroom6A1, 'classBook.view', onClass6A1, true],
  ['a subject teacher does not', mathTeacher6A2, 'classBook.view', { schoolId: S, classIds: ['6A2'] }, false],
  // G9: progress
  ['the vice-principal follows entry progress', vice, 'progress.view', onSchool, true],
  ['an officer above follows it', officer, 'progress.view', onSchool, true],
  ['a teacher does not see the school\'s progress', homeroom6A1, 'progress.view', onSchool, false],
  // C1: locks and windows
  ['the principal locks', principal, 'lock.manage', onSchool, true],
  ['the admin board locks on the principal\'s order', admin, 'lock.manage', onSchool, true],
  ['the vice-principal does not', vice, 'lock.manage', onSchool, false],
  ['a teacher does not', homeroom6A1, 'lock.manage', onSchool, false],
  // G10: the testing plan
  ['the principal sets the testing plan', principal, 'testingPlan.manage', onSchool, true],
  ['the admin board sets it', admin, 'testingPlan.manage', onSchool, true],
  ['the vice-principal does not', vice, 'testingPlan.manage', onSchool, false],
  ['a teacher does not', homeroom6A1, 'testingPlan.manage', onSchool, false],
  // C4: edit log
  ['the leadership reads the edit log', vice, 'editLog.view', onSchool, true],
  ['a teacher does not read the school\'s edit log', mathTeacher6A2, 'editLog.view', onSchool, false],
  // C2: corrections
  ['the assigned teacher requests a correction', mathTeacher6A2, 'correction.request', { schoolId: S, classIds: ['6A2'], subjectId: 'TOAN' }, true],
  ['another teacher does not', homeroom6A1, 'correction.request', { schoolId: S, classIds: ['6A2'], subjectId: 'TOAN' }, false],
  ['only the principal decides', principal, 'correction.decide', onSchool, true],
  ['the vice-principal does not decide without a delegation', vice, 'correction.decide', onClass6A1, false],
  ['the vice-principal delegated for THCS decides a 6A1 correction', delegatedVice, 'correction.decide', onClass6A1, true],
  ['the vice-principal delegated for THCS does not decide a 10A1 correction', delegatedVice, 'correction.decide', onClass10A1, false],
  ['the admin board does not decide', admin, 'correction.decide', onSchool, false],
  ['the admin board applies an approved correction', admin, 'correction.apply', onSchool, true],
  ['a teacher does not apply', mathTeacher6A2, 'correction.apply', onSchool, false],
  // G4–G7, C5: homeroom work and results
  ['the homeroom teacher takes attendance', homeroom6A1, 'attendance.record', onClass6A1, true],
  ['a subject teacher does not take the session attendance', mathTeacher6A2, 'attendance.record', { schoolId: S, classIds: ['6A2'] }, false],
  ['a subject teacher marks absences in her lessons', mathTeacher6A2, 'attendance.markLesson', { schoolId: S, classIds: ['6A2'], subjectId: 'TOAN' }, true],
  ['but not in another class', mathTeacher6A2, 'attendance.markLesson', { schoolId: S, classIds: ['6A1'], subjectId: 'TOAN' }, false],
  ['only the homeroom teacher assesses conduct', homeroom6A1, 'conduct.assess', onClass6A1, true],
  ['not the principal', principal, 'conduct.assess', onClass6A1, false],
  ['not a subject teacher', mathTeacher6A2, 'conduct.assess', { schoolId: S, classIds: ['6A2'] }, false],
  ['a subject teacher writes a weekly comment on a class she teaches', mathTeacher6A2, 'weeklyNote.write', { schoolId: S, classIds: ['6A2'] }, true],
  ['not on a class she does not teach', mathTeacher6A2, 'weeklyNote.write', onClass6A1, false],
  ['the homeroom teacher reads the class results', homeroom6A1, 'results.view', onClass6A1, true],
  ['a subject teacher does not', mathTeacher6A2, 'results.view', { schoolId: S, classIds: ['6A2'] }, false],
  ['the homeroom teacher proposes the lists', homeroom6A1, 'results.propose', onClass6A1, true],
  ['the principal approves', principal, 'results.approve', onSchool, true],
  ['the vice-principal does not approve without a delegation', vice, 'results.approve', onClass6A1, false],
  ['the vice-principal delegated for THCS approves 6A1', delegatedVice, 'results.approve', onClass6A1, true],
  ['the vice-principal delegated for THCS does not approve 10A1', delegatedVice, 'results.approve', onClass10A1, false],
  ['the vice-principal delegated for this year does not approve last year’s 6A1', delegatedVice, 'results.approve', { schoolId: S, classIds: ['old6A1'] }, false],
  ['a delegation covers classes, not a school-wide target', delegatedVice, 'results.approve', onSchool, false],
  ['the principal confirms transcript records', principal, 'transcript.confirm', onSchool, true],
  ['not the admin board', admin, 'transcript.confirm', onSchool, false],
  ['not a vice-principal without a delegation to sign in the principal’s place', vice, 'transcript.confirm', onSchool, false],
  ['the vice-principal delegated to sign confirms 6A1’s học bạ (R1, issue 22)', delegatedVice, 'transcript.confirm', onClass6A1, true],
  ['not 10A1’s, outside her THCS delegation', delegatedVice, 'transcript.confirm', onClass10A1, false],
  ['not with a delegation to approve only', approvingVice, 'transcript.confirm', onClass6A1, false],
  ['the homeroom teacher prints the học bạ of her class', homeroom6A1, 'transcript.print', onClass6A1, true],
  ['a subject teacher does not print the học bạ', mathTeacher6A2, 'transcript.print', { schoolId: S, classIds: ['6A2'] }, false],
  ['the clerk prints the học bạ', clerk, 'transcript.print', onSchool, true],
  ['an officer above does not print the học bạ', officer, 'transcript.print', onSchool, false],
  ['the guardian reads the report book of the child', guardian, 'reportBook.view', { schoolId: S, classIds: ['6A1'], studentId: 'child' }, true],
  ['but not of another child', guardian, 'reportBook.view', { schoolId: S, classIds: ['6A1'], studentId: 'another-child' }, false],
  // P1–P5: bulk printing and signing of stored documents
  ['the homeroom teacher bulk-prints her class', homeroom6A1, 'documents.print', onClass6A1, true],
  ['a subject teacher does not bulk-print a class', mathTeacher6A2, 'documents.print', { schoolId: S, classIds: ['6A2'] }, false],
  ['the clerk bulk-prints the school', clerk, 'documents.print', onSchool, true],
  ['a guardian does not see stored documents', guardian, 'document.view', onClass6A1, false],
  ['the clerk sees stored documents', clerk, 'document.view', onSchool, true],
  ['the homeroom teacher signs her class as homeroom teacher', homeroom6A1, 'document.signAsHomeroom', onClass6A1, true],
  ['the principal does not sign as homeroom teacher', principal, 'document.signAsHomeroom', onClass6A1, false],
  ['the principal signs as principal', principal, 'document.signAsPrincipal', onSchool, true],
  ['a vice-principal does not sign as principal without a delegation', vice, 'document.signAsPrincipal', onClass6A1, false],
  ['the vice-principal delegated to sign signs 6A1’s học bạ as principal', delegatedVice, 'document.signAsPrincipal', onClass6A1, true],
  ['the vice-principal delegated to approve only does not sign', approvingVice, 'document.signAsPrincipal', onClass6A1, false],
  // Issue 22 (rules of the testing plan and record corrections, rows here for the coverage check)
  ['the admin board keeps the testing plan', admin, 'testingPlan.manage', onSchool, true],
  ['a teacher does not', homeroom6A1, 'testingPlan.manage', onSchool, false],
  ['the homeroom teacher files a record correction for her class', homeroom6A1, 'correction.requestRecord', onClass6A1, true],
  ['a subject teacher of another class does not', mathTeacher6A2, 'correction.requestRecord', onClass6A1, false],
  // Issue 22: the principal alone grants and revokes delegations
  ['the principal delegates', principal, 'delegation.manage', onSchool, true],
  ['the vice-principal does not delegate to herself', delegatedVice, 'delegation.manage', onSchool, false],
  ['the admin board does not delegate', admin, 'delegation.manage', onSchool, false],
  ['a principal of another school does not delegate here', otherPrincipal, 'delegation.manage', onSchool, false],
  ['the vice-principal sees delegations', vice, 'delegation.view', onSchool, true],
  ['the admin board sees delegations', admin, 'delegation.view', onSchool, true],
  ['a teacher does not', unassignedTeacher, 'delegation.view', onSchool, false],
  ['the clerk applies the seal', clerk, 'document.applySeal', onSchool, true],
  ['a teacher does not apply the seal', homeroom6A1, 'document.applySeal', onClass6A1, false],
  ['a principal of another school does not apply this seal', otherPrincipal, 'document.applySeal', onSchool, false],
  // Issue 14: which certificate is the school's seal is the principal's decision alone.
  ['the principal registers the school seal', principal, 'seal.register', onSchool, true],
  ['the clerk who applies the seal does not register it', clerk, 'seal.register', onSchool, false],
  ['a principal of another school does not register this seal', otherPrincipal, 'seal.register', onSchool, false],
  // P6: the year-end archive
  ['the principal builds and downloads the year archive', principal, 'archive.manage', onSchool, true],
  ['the admin board does too', admin, 'archive.manage', onSchool, true],
  ['the clerk does not', clerk, 'archive.manage', onSchool, false],
  ['a teacher does not', homeroom6A1, 'archive.manage', onSchool, false],
  ['a principal of another school does not', otherPrincipal, 'archive.manage', onSchool, false],
  // school read access
  ['a teacher reads her school', unassignedTeacher, 'school.view', onSchool, true],
  ['an officer above reads the school', officer, 'school.view', onSchool, true],
  ['a principal of another school does not', otherPrincipal, 'school.view', onSchool, false],
  // staff
  ['every staff member sees the staff list', unassignedTeacher, 'staff.view', onSchool, true],
  ['a guardian does not', guardian, 'staff.view', onSchool, false],
  ['only the principal and admin board manage staff', vice, 'staff.manage', onSchool, false],
];

describe('policies: who may do what', () => {
  it.each(table)('%s', (_label, who, action, target, allowed) => {
    const decision = can(who, action, target as never);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
  });

  it('every action has at least one row in the table', () => {
    const covered = new Set(table.map((r) => r[2]));
    expect(ACTIONS.filter((a) => !covered.has(a))).toEqual([]);
  });
});

describe('list scope agrees with the single-record rule', () => {
  it.each([
    ['principal', principal, { all: true }],
    ['clerk', clerk, { all: true }],
    ['officer', officer, { all: true }],
    ['homeroom teacher', homeroom6A1, { all: false, classIds: ['6A1'] }],
    ['subject teacher', mathTeacher6A2, { all: false, classIds: ['6A2'] }],
    ['unassigned teacher', unassignedTeacher, { all: false, classIds: [] }],
  ])('%s', (_label, who, scope) => {
    const got = classScope(who, S);
    expect(got).toEqual(scope);
    if (!got.all) {
      for (const id of ['6A1', '6A2', '9A1']) {
        expect(can(who, 'class.view', { schoolId: S, classIds: [id] }).allowed).toBe(got.classIds.includes(id));
      }
    }
  });

  it('abilities sent to the UI are the same rules', () => {
    expect(abilities(admin, S)['setup.manage']).toBe(true);
    expect(abilities(homeroom6A1, S)['setup.manage']).toBe(false);
  });

  it('a delegated power shows in the abilities; each act is still judged on its classes', () => {
    expect(abilities(approvingVice, S)['results.approve']).toBe(true);
    expect(abilities(approvingVice, S)['document.signAsPrincipal']).toBe(false);
    expect(abilities(vice, S)['results.approve']).toBe(false);
  });

  it('a delegated act carries its authority and a refusal names what is missing', () => {
    expect(can(delegatedVice, 'results.approve', onClass6A1)).toEqual({ allowed: true, authority: { onBehalfOf: 'p', delegationId: 'd' } });
    expect(can(principal, 'results.approve', onClass6A1)).toEqual({ allowed: true });
    expect(can(delegatedVice, 'results.approve', onClass10A1)).toEqual({
      allowed: false,
      reason: 'Thầy/cô chưa được Hiệu trưởng ủy quyền phê duyệt kết quả của cấp THPT năm học 2026-2027 (lớp 10A1).',
    });
  });
});
