/** Four eyes on unlocks and corrections (issue 14 §3), with the vice-principal's delegations (issue 22), as rule tables. */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import type { ActiveDelegation, DelegatedPower, DelegationScope } from './delegation.ts';
import { actsWithoutConfirmation, canDecideCorrection, canDecideLockRequest } from './four-eyes.ts';

const S = 'school-1';
const Y = 'year-1';
const classes = {
  '9A1': { name: '9A1', schoolYearId: Y, yearName: '2026-2027', grade: 9 },
  '10A1': { name: '10A1', schoolYearId: Y, yearName: '2026-2027', grade: 10 },
  old9A1: { name: '9A1', schoolYearId: 'year-0', yearName: '2025-2026', grade: 9 },
};

function delegation(powers: DelegatedPower[], scope: DelegationScope = 'all', schoolYearId = Y): ActiveDelegation {
  return { id: 'd1', schoolId: S, schoolYearId, powers, scope, principalUserId: 'p' };
}

function actor(userId: string, roles: Role[], delegations: ActiveDelegation[] = [], schoolId = S): Actor {
  return {
    userId,
    grants: roles.map((role) => ({ role, schoolId, orgUnitId: null, studentId: null })),
    homeroomClassIds: [],
    teaching: [],
    overseenSchoolIds: [],
    delegations,
    delegationClasses: classes,
  };
}

const principal = actor('p', ['principal']);
const confirmer = actor('vp', ['vice_principal'], [delegation(['lock.confirm'])]);
const thcsConfirmer = actor('vp', ['vice_principal'], [delegation(['lock.confirm'], 'lowerSecondary')]);
const lastYearsConfirmer = actor('vp', ['vice_principal'], [delegation(['lock.confirm'], 'all', 'year-0')]);
const decider = actor('vp', ['vice_principal'], [delegation(['correction.decide'], 'lowerSecondary')]);
const undelegated = actor('vp2', ['vice_principal']);
const admin = actor('a', ['admin']);
const adminAndConfirmer = actor('vp', ['admin', 'vice_principal'], [delegation(['lock.confirm'])]);
const formerVice = actor('vp', ['teacher'], [delegation(['lock.confirm', 'correction.decide'])]);
const otherPrincipal = actor('p2', ['principal'], [], 'school-2');
const wholeYear = { schoolId: S, schoolYearId: Y };
const of9A1 = { schoolId: S, schoolYearId: Y, classIds: ['9A1'] };
const of10A1 = { schoolId: S, schoolYearId: Y, classIds: ['10A1'] };

describe('who releases or moves a window at once', () => {
  it.each([
    ['the principal', principal, true],
    ['the admin board (its change is a request)', admin, false],
    ['the delegated vice-principal', confirmer, false],
    ['a principal of another school', otherPrincipal, false],
  ] as const)('%s: %s', (_name, a, expected) => {
    expect(actsWithoutConfirmation(a, S)).toBe(expected);
  });
});

describe('who confirms or refuses the admin board’s request', () => {
  it.each([
    ['the principal', principal, wholeYear, true],
    ['the vice-principal delegated lock.confirm for the year, whole school', confirmer, wholeYear, true],
    ['the vice-principal delegated lock.confirm for THCS, a 9A1 lock', thcsConfirmer, of9A1, true],
    ['the vice-principal delegated lock.confirm for THCS, a 10A1 lock', thcsConfirmer, of10A1, false],
    ['the vice-principal delegated lock.confirm for THCS, a whole-year window', thcsConfirmer, wholeYear, false],
    ['the vice-principal delegated for another year', lastYearsConfirmer, wholeYear, false],
    ['the vice-principal delegated to decide corrections only', decider, of9A1, false],
    ['a vice-principal without a delegation', undelegated, wholeYear, false],
    ['the delegate who lost the role', formerVice, wholeYear, false],
    ['the admin board', admin, wholeYear, false],
    ['a principal of another school', otherPrincipal, wholeYear, false],
    ['the admin board that is also the delegate (her own requests are refused by the action)', adminAndConfirmer, wholeYear, true],
  ] as const)('%s', (_name, a, t, expected) => {
    expect(canDecideLockRequest(a, t).allowed).toBe(expected);
  });

  it('a delegated confirmation names its authority; the principal’s needs none', () => {
    expect(canDecideLockRequest(confirmer, wholeYear)).toEqual({ allowed: true, authority: { onBehalfOf: 'p', delegationId: 'd1' } });
    expect(canDecideLockRequest(principal, wholeYear)).toEqual({ allowed: true });
  });

  it('tells a vice-principal what she lacks', () => {
    const refused = canDecideLockRequest(thcsConfirmer, of10A1);
    expect(refused).toEqual({ allowed: false, reason: 'Thầy/cô chưa được Hiệu trưởng ủy quyền xác nhận yêu cầu mở sổ, đổi đợt cập nhật điểm của cấp THPT năm học 2026-2027 (lớp 10A1).' });
  });
});

describe('who decides a correction', () => {
  const on9A1 = { schoolId: S, classIds: ['9A1'] };
  const on10A1 = { schoolId: S, classIds: ['10A1'] };
  it.each([
    ['the principal, a teacher’s request', principal, on9A1, false, true],
    ['the principal, her own request (refused by the action)', principal, on9A1, true, true],
    ['the vice-principal delegated for THCS, a 9A1 teacher’s request', decider, on9A1, false, true],
    ['the vice-principal delegated for THCS, the principal’s 9A1 request', decider, on9A1, true, true],
    ['the vice-principal delegated for THCS, a 10A1 request', decider, on10A1, false, false],
    ['the vice-principal delegated to confirm lock changes, a teacher’s request', confirmer, on9A1, false, false],
    ['the vice-principal delegated to confirm lock changes, the principal’s request (four eyes)', confirmer, on9A1, true, true],
    ['a vice-principal without a delegation, the principal’s request', undelegated, on9A1, true, false],
    ['the admin board', admin, on9A1, true, false],
  ] as const)('%s', (_name, a, t, filedByPrincipal, expected) => {
    expect(canDecideCorrection(a, t, { filedByPrincipal }).allowed).toBe(expected);
  });

  it('says why, in Vietnamese', () => {
    expect(canDecideCorrection(undelegated, on9A1, { filedByPrincipal: true })).toEqual({
      allowed: false,
      reason: 'Thầy/cô chưa được Hiệu trưởng ủy quyền duyệt giấy đề nghị thay đổi thông tin của cấp THCS năm học 2026-2027 (lớp 9A1).',
    });
    expect(canDecideCorrection(admin, on9A1, { filedByPrincipal: true })).toEqual({ allowed: false, reason: expect.stringContaining('phó hiệu trưởng được Hiệu trưởng ủy quyền') });
  });
});
