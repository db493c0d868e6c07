/**
 * The second step of logging in: the TOTP code (second-factor.ts). A code is accepted once: the
 * account keeps the last time step accepted, and a code of that step or an earlier one — the
 * same code again, or an older one still inside the ±1 step window — is refused.
 */
import { type SecondFactorOptions, attemptSecondFactor } from './second-factor.ts';
import { totpStepAt } from './totp.ts';

export interface LogInWithTotpOptions extends SecondFactorOptions {
  /** The user's TOTP secret (the route checked there is one). */
  secret: string;
  code: string;
}

/** Returns the known-device token to set. */
export async function logInWithTotp(options: LogInWithTotpOptions): Promise<string> {
  const { user, secret, code, audit } = options;
  const step = totpStepAt(secret, code, new Date(audit.now));
  return attemptSecondFactor(options, async (tx) => {
    if (step === null) return { ok: false, failure: 'login.totp_failed' };
    // Taken by one attempt only: of two sending the same code at once, the second finds the step taken.
    const taken = await tx
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1 ? { ok: true, entries: [] } : { ok: false, failure: 'login.totp_replayed' };
  });
}
