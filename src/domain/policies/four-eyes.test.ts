/** Four eyes on unlocks and corrections (issue 14 §3) as a rule table. */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import { actsWithoutConfirmation, canDecideCorrection, canDecideLockRequest } from './four-eyes.ts';

const S = 'school-1';

function actor(userId: string, roles: Role[], schoolId = S): Actor {
  return { userId, grants: roles.map((role) => ({ role, schoolId, orgUnitId: null, studentId: null })), homeroomClassIds: [], teaching: [], overseenSchoolIds: [] };
}

const principal = actor('p', ['principal']);
const delegate = actor('vp', ['vice_principal']);
const otherVice = actor('vp2', ['vice_principal']);
const admin = actor('a', ['admin']);
const adminAndDelegate = actor('vp', ['admin', 'vice_principal']);
const formerVice = actor('vp', ['teacher']);
const otherPrincipal = actor('p2', ['principal'], 'school-2');
const withDelegate = { schoolId: S, delegateUserId: 'vp' };
const noDelegate = { schoolId: S, delegateUserId: null };

describe('who releases or moves a window at once', () => {
  it.each([
    ['the principal', principal, true],
    ['the admin board (its change is a request)', admin, false],
    ['the delegated vice-principal', delegate, false],
    ['a principal of another school', otherPrincipal, false],
  ] as const)('%s: %s', (_name, a, expected) => {
    expect(actsWithoutConfirmation(a, S)).toBe(expected);
  });
});

describe('who confirms or refuses the admin board’s request', () => {
  it.each([
    ['the principal', principal, withDelegate, true],
    ['the delegated vice-principal', delegate, withDelegate, true],
    ['another vice-principal', otherVice, withDelegate, false],
    ['a vice-principal when nobody is delegated', delegate, noDelegate, false],
    ['the delegate who lost the role', formerVice, withDelegate, false],
    ['the admin board', admin, withDelegate, false],
    ['a principal of another school', otherPrincipal, withDelegate, false],
    ['the admin board that is also the delegate (her own requests are refused by the action)', adminAndDelegate, withDelegate, true],
  ] as const)('%s: %s', (_name, a, d, expected) => {
    expect(canDecideLockRequest(a, d).allowed).toBe(expected);
  });
});

describe('who decides a correction', () => {
  it.each([
    ['the principal, a teacher’s request', principal, withDelegate, false, true],
    ['the principal, her own request (refused by the action)', principal, withDelegate, true, true],
    ['the delegated vice-principal, the principal’s request', delegate, withDelegate, true, true],
    ['the delegated vice-principal, a teacher’s request', delegate, withDelegate, false, false],
    ['a vice-principal, the principal’s request with nobody delegated', delegate, noDelegate, true, false],
    ['the admin board', admin, withDelegate, true, false],
  ] as const)('%s: %s', (_name, a, d, filedByPrincipal, expected) => {
    expect(canDecideCorrection(a, d, { filedByPrincipal }).allowed).toBe(expected);
  });

  it('says why, in Vietnamese', () => {
    const refused = canDecideCorrection(delegate, noDelegate, { filedByPrincipal: true });
    expect(refused).toEqual({ allowed: false, reason: expect.stringContaining('phó hiệu trưởng được Hiệu trưởng ủy quyền') });
  });
});
