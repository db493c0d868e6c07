import { describe, expect, it } from 'vitest';
import { nextLoginStep, requiresTotp } from './login-rules.ts';

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
