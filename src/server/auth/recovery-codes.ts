/**
 * Recovery codes: single-use codes typed instead of the TOTP code when the phone is lost. Ten
 * are made when TOTP is set up, and again when the owner asks (the old ones then stop working).
 * Each is 12 characters from 31 that cannot be mistaken for one another (about 59 bits, shown
 * as xxxx-xxxx-xxxx); only sha256(user id ‖ code) is stored.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/database.ts';
import { sha256Hex } from '../platform/sha256.ts';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 12;

export const recoveryCodeHash = (userId: string, code: string) => sha256Hex(userId, ':', code);

/** A typed code as stored: lower case, without spaces and dashes; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(text: string): string | null {
  const code = text.toLowerCase().replace(/[\s-]/g, '');
  return code.length === LENGTH && [...code].every((ch) => ALPHABET.includes(ch)) ? code : null;
}

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** Replaces all of the user's recovery codes with new ones; returns them as shown (the only time they are). */
export async function replaceRecoveryCodes(db: Executor, userId: string, now: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ id: randomUUID(), user_id: userId, code_hash: recoveryCodeHash(userId, normalizeRecoveryCode(code)!), created_at: now, used_at: null })))
    .execute();
  return codes;
}
