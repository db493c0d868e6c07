/**
 * Starting the TOTP set-up: a new secret is stored, not yet enabled; the answer carries it and
 * its otpauth URI for the authenticator app's QR code.
 */
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { newTotpSecret, otpauthUri } from './totp.ts';

export interface StartTotpSetupOptions {
  db: Db;
  user: Row<'users'>;
}

export async function startTotpSetup({ db, user }: StartTotpSetupOptions): Promise<{ secret: string; otpauthUri: string }> {
  if (user.totp_enabled) throw new AppError('CONFLICT', 'Xác thực hai lớp đã được bật cho tài khoản này.');
  const secret = newTotpSecret();
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', user.id).execute();
  return { secret, otpauthUri: otpauthUri(secret, user.username) };
}
