/** argon2id password hashes and one-time passwords for account slips. */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password against an account's hash, or — for a name with no account (null) — against
 * a hash of a random password made with the same settings, so the answer takes as long either
 * way and the time tells nobody which names exist. False for no account.
 */
export async function verifyPasswordOrDummy(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash !== null) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** A one-time password easy to read off a printed slip: no 0/O, 1/l/I. */
export function oneTimePassword(length = 10): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Password rules: at least 10 characters, not only digits. Returns a Vietnamese reason or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'Mật khẩu phải có ít nhất 10 ký tự.';
  if (password.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự).';
  if (/^\d+$/.test(password)) return 'Mật khẩu không được chỉ gồm chữ số.';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}
