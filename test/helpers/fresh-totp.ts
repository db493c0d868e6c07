/**
 * A TOTP code the test server has not accepted yet. A code is accepted once per account
 * (issue 14), so logins in a row within one 30 s step each take the next step's code, moving
 * the server's test clock on to that step when it is not current yet (it accepts one step
 * either side of now).
 */
import { totpCode } from '../../src/server/auth/totp.ts';
import { clockOf, moveClock } from './test-clock.ts';

const STEP_MS = 30_000;
const lastSteps = new Map<string, number>();

export function freshTotpCode(baseUrl: string, secret: string): string {
  const clock = clockOf(baseUrl);
  const key = `${baseUrl} ${secret}`;
  const current = Math.floor(clock().getTime() / STEP_MS);
  const step = Math.max(current, (lastSteps.get(key) ?? current - 1) + 1);
  // Too far ahead: move to the start of the step before it, where it is the next one.
  if (step > current + 1) moveClock(clock, (step - 1) * STEP_MS - clock().getTime());
  lastSteps.set(key, step);
  const now = clock().getTime();
  return totpCode(secret, now, step - Math.floor(now / STEP_MS));
}
