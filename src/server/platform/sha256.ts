/** SHA-256, the one way the server hashes content (stored files, records, documents, tokens). */
import { createHash } from 'node:crypto';

/** The SHA-256 of bytes or of a string's UTF-8, as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The raw 32-byte SHA-256 (what a signature signs). */
export function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
