import { describe, expect, it } from 'vitest';
import { isLocked, lockoutAfterFailure, nextLoginStep, requiresTotp } from './login-rules.ts';

const now = new Date('2026-11-23T08:00:00.000Z');

describe('login throttling (issue 2 §5: temporary lockout after repeated failures)', () => {
  it.each([
    [0, null],
    [3, null],
    [4, '2026-11-23T08:15:00.000Z'],
    [9, '2026-11-23T08:15:00.000Z'],
  ])('after %i earlier failures the lock is %s', (before, until) => {
    expect(lockoutAfterFailure(before, now).lockedUntil).toBe(until);
  });
  it('a lock in the future holds; a lock in the past does not', () => {
    expect(isLocked('2026-11-23T08:00:01.000Z', now)).toBe(true);
    expect(isLocked('2026-11-23T07:59:59.000Z', now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});

describe('second factor (TOTP required for the principal and the admin board)', () => {
  it.each([
    [['principal'], true],
    [['admin'], true],
    [['teacher', 'admin'], true],
    [['vice_principal'], false],
    [['teacher'], false],
    [['guardian'], false],
  ] as const)('%j requires TOTP: %s', (roles, expected) => {
    expect(requiresTotp([...roles])).toBe(expected);
  });
  it.each([
    [{ pendingTotp: true, mustChangePassword: true, totpEnabled: true, roles: ['admin'] }, 'totp'],
    [{ pendingTotp: false, mustChangePassword: true, totpEnabled: false, roles: ['admin'] }, 'changePassword'],
    [{ pendingTotp: false, mustChangePassword: false, totpEnabled: false, roles: ['admin'] }, 'setupTotp'],
    [{ pendingTotp: false, mustChangePassword: false, totpEnabled: false, roles: ['teacher'] }, 'ready'],
    [{ pendingTotp: false, mustChangePassword: false, totpEnabled: true, roles: ['principal'] }, 'ready'],
  ] as const)('%j → %s', (state, next) => {
    expect(nextLoginStep({ ...state, roles: [...state.roles] })).toBe(next);
  });
});
