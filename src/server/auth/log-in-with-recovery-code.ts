/**
 * The second step of logging in with a recovery code instead of the TOTP code
 * (second-factor.ts): each code works once; its use is audited with the number left.
 */
import { schoolChain, systemChain } from '../platform/audit/audit-log.ts';
import { countRecoveryCodesLeft } from './auth-queries.ts';
import { normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes.ts';
import { type SecondFactorOptions, attemptSecondFactor } from './second-factor.ts';

export interface LogInWithRecoveryCodeOptions extends SecondFactorOptions {
  code: string;
}

/** Returns the known-device token to set and how many recovery codes are left. */
export async function logInWithRecoveryCode(options: LogInWithRecoveryCodeOptions): Promise<{ deviceToken: string; left: number }> {
  const { user, audit } = options;
  const code = normalizeRecoveryCode(options.code);
  let left = 0;
  const deviceToken = await attemptSecondFactor(options, async (tx) => {
    if (!code) return { ok: false, failure: 'login.recovery_code_failed' };
    const used = await tx
      .updateTable('recovery_codes')
      .set({ used_at: audit.now })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', recoveryCodeHash(user.id, code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { ok: false, failure: 'login.recovery_code_failed' };
    left = await countRecoveryCodesLeft(tx, user.id);
    return {
      ok: true,
      entries: [
        {
          chainKey: user.school_id ? schoolChain(user.school_id) : systemChain,
          schoolId: user.school_id,
          action: 'login.recovery_code_used',
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: { remaining: left },
          source: 'login',
        },
      ],
    };
  });
  return { deviceToken, left };
}
