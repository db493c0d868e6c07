/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s) as authenticator apps implement it.
 * Pure given `nowMs`: the caller passes the clock in.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { systemClock } from '../platform/clock.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('Khóa TOTP không hợp lệ');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

const STEP_MS = 30_000;

export function totpCode(secret: string, nowMs: number, stepOffset = 0): string {
  const counter = Math.floor(nowMs / STEP_MS) + stepOffset;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** The time step whose code `code` is: the current one or one either side (clock drift); null for none. */
export function totpStepOf(secret: string, code: string, nowMs: number): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const d = [-1, 0, 1].find((offset) => totpCode(secret, nowMs, offset) === clean);
  return d === undefined ? null : Math.floor(nowMs / STEP_MS) + d;
}

export function otpauthUri(secret: string, account: string, issuer = 'Sổ Điểm Số'): string {
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/**
 * The time step, counted on the business clock, of a code typed at login; null when it is no
 * code of now. The code is checked at the business clock (`now`, the request's) and — only when
 * that clock was moved (SODIEM_NOW for a demo at another date; tests) — also at the system clock,
 * the time the user's authenticator app reads; a step of the system clock is moved by the
 * whole steps between the two clocks, so one code has one step whichever clock it matched
 * (users.totp_last_step refuses it the second time). In production the two clocks are one instant.
 */
export function totpStepAt(secret: string, code: string, now: Date, system: Date = systemClock()): number | null {
  const step = totpStepOf(secret, code, now.getTime());
  if (step !== null) return step;
  const drift = system.getTime() - now.getTime();
  if (Math.abs(drift) <= 60_000) return null;
  const systemStep = totpStepOf(secret, code, system.getTime());
  return systemStep === null ? null : systemStep - Math.round(drift / STEP_MS);
}
