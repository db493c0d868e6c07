/**
 * Uploaded evidence files (photos or PDFs of test papers, C2/C3): the type is checked from the
 * file's first bytes (not its name), the size is limited, and the file is stored under
 * DATA_DIR/files by its SHA-256, with a row in stored_files in the caller's transaction.
 */
import { sha256Hex } from '../sha256.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Tx } from '../db/database.ts';
import { invalid } from '../errors.ts';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

export function sniffEvidenceType(buffer: Buffer): { mime: string; ext: string } | null {
  const found = SIGNATURES.find((s) => s.test(buffer));
  return found ? { mime: found.mime, ext: found.ext } : null;
}

export async function storeEvidenceFile(
  tx: Tx,
  p: { dataDir: string; schoolId: string; ownerType: string; ownerId: string; filename: string; buffer: Buffer; userId: string; now: string },
) {
  if (p.buffer.length === 0) throw invalid('Tệp minh chứng trống.', [{ field: 'file', message: 'tệp trống' }]);
  if (p.buffer.length > MAX_EVIDENCE_BYTES) throw invalid('Tệp minh chứng lớn quá 10 MB.', [{ field: 'file', message: 'quá 10 MB' }]);
  const type = sniffEvidenceType(p.buffer);
  if (!type) throw invalid('Minh chứng phải là ảnh (JPEG, PNG) hoặc tệp PDF.', [{ field: 'file', message: 'không phải ảnh hay PDF' }]);
  const sha256 = sha256Hex(p.buffer);
  const relative = join('evidence', p.schoolId, `${sha256}.${type.ext}`);
  const full = join(p.dataDir, 'files', relative);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, p.buffer);
  const row = {
    id: randomUUID(),
    school_id: p.schoolId,
    owner_type: p.ownerType,
    owner_id: p.ownerId,
    // eslint-disable-next-line no-control-regex -- control characters in a file name are replaced on purpose
    filename: p.filename.replace(/[/\\\u0000-\u001f]/g, '_').slice(0, 200) || `minh-chung.${type.ext}`,
    mime: type.mime,
    size: p.buffer.length,
    sha256,
    path: relative,
    uploaded_by: p.userId,
    uploaded_at: p.now,
  };
  await tx.insertInto('stored_files').values(row).execute();
  return row;
}
