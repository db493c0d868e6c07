/**
 * Login throttling and second-factor rules (pure; the clock is passed in).
 */
import type { Role } from './actor.ts';

export const IP_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_IP = 30;

/** TOTP two-factor login is required for the principal and the admin board (issue 2 §5). */
export function requiresTotp(roles: Role[]): boolean {
  return roles.includes('principal') || roles.includes('admin');
}

export type LoginNext = 'totp' | 'changePassword' | 'setupTotp' | 'ready';

export function nextLoginStep(state: {
  pendingTotp: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  roles: Role[];
}): LoginNext {
  if (state.pendingTotp) return 'totp';
  if (state.mustChangePassword) return 'changePassword';
  if (requiresTotp(state.roles) && !state.totpEnabled) return 'setupTotp';
  return 'ready';
}
