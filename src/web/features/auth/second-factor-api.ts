/**
 * The calls of the TOTP set-up and of recovery codes (issue 14), with their answers' types.
 * The set-up's answer carries the recovery codes made with the secret.
 */
import { http } from '../../api/client.ts';
import type { LoginResult, TotpSetup } from '../../api/types.ts';

const quiet = { quietAuth: true };

export interface TotpSetupWithCodes extends TotpSetup {
  /** Shown this once: ten single-use codes instead of the TOTP code. */
  recoveryCodes: string[];
}

export const secondFactorApi = {
  totpSetup: () => http.post<TotpSetupWithCodes>('/auth/totp/setup', undefined, quiet),
  /** The second step of a login with a recovery code instead of the TOTP code. */
  recoveryLogin: (code: string) => http.post<LoginResult & { recoveryCodesLeft: number }>('/auth/totp/recovery', { code }, quiet),
  recoveryStatus: () => http.get<{ totpEnabled: boolean; left: number }>('/auth/recovery-codes'),
  regenerate: (password: string) => http.post<{ codes: string[] }>('/auth/recovery-codes', { password }),
};
