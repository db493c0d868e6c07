/**
 * The id printed on every document (footer, QR code, PDF keywords): stable for the same inputs,
 * so printing the same edit log or request twice gives the same id, and a changed input a new
 * one. The verification page (/verify/<id>) will look it up in the documents register.
 */
import { sha256 } from '../sha256.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** e.g. "NKSD-7F3K-Q9MZ-2D4T": a short kind prefix, then 16 base32 digits of sha256(kind ‖ parts). */
export function documentIdFor(prefix: string, parts: readonly (string | number)[]): string {
  const digest = sha256([prefix, ...parts.map(String)].join('\u001f'));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 16) break;
  }
  return [prefix, out.slice(0, 4), out.slice(4, 8), out.slice(8, 12), out.slice(12, 16)].join('-');
}

export function verifyUrlFor(baseUrl: string, documentId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${documentId}`;
}
