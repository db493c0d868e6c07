/** SHA-256, the one way the server hashes content (stored files, records, documents, tokens). */
import { createHash } from 'node:crypto';

type Part = string | Uint8Array;

/** The SHA-256 of bytes or of a string's UTF-8 (several parts hash as their concatenation), as 64 lowercase hex digits. */
export function sha256Hex(...parts: Part[]): string {
  return digestOf(parts).digest('hex');
}

/** The raw 32-byte SHA-256 of the parts' concatenation (what a signature signs). */
export function sha256(...parts: Part[]): Buffer {
  return digestOf(parts).digest();
}

function digestOf(parts: Part[]) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash;
}
