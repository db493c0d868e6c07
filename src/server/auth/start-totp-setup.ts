/**
 * Starting the TOTP set-up: a new secret is stored, not yet enabled, with ten new recovery codes
 * (usable once TOTP is enabled); the answer carries the secret, its otpauth URI for the
 * authenticator app's QR code, and the recovery codes, shown this once.
 */
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';
import { newTotpSecret, otpauthUri } from './totp.ts';

export interface StartTotpSetupOptions {
  db: Db;
  user: Row<'users'>;
  now: string;
}

export async function startTotpSetup({ db, user, now }: StartTotpSetupOptions): Promise<{ secret: string; otpauthUri: string; recoveryCodes: string[] }> {
  if (user.totp_enabled) throw new AppError('CONFLICT', 'Xác thực hai lớp đã được bật cho tài khoản này.');
  const secret = newTotpSecret();
  const recoveryCodes = await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ totp_secret: secret }).where('id', '=', user.id).execute();
    return replaceRecoveryCodes(tx, user.id, now);
  });
  return { secret, otpauthUri: otpauthUri(secret, user.username), recoveryCodes };
}
