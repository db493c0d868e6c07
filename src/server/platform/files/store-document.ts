/**
 * The document registry: a rendered document is stored once (its id is derived from its inputs,
 * so storing the same rendering again is a no-op), as the next version of its series when the
 * inputs changed — the previous version is marked superseded, never edited. The file is written
 * before the row (a crash leaves at most an orphan file, never a row without its bytes).
 */
import { sha256Hex } from '../sha256.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AuditContext, schoolChain, writeAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import type { Row } from '../db/schema.ts';
import type { DocumentKind, RenderedDocument } from '../pdf/rendered-document.ts';

/** Who signs each kind of document, in order (P5). Kinds not listed are printed and signed on paper. */
export const SIGNING_ORDER: Partial<Record<DocumentKind, { role: string; label: string }[]>> = {
  transcript: [
    { role: 'homeroom', label: 'Giáo viên chủ nhiệm' },
    { role: 'principal', label: 'Hiệu trưởng' },
    { role: 'seal', label: 'Con dấu số của nhà trường' },
  ],
  class_book: [
    { role: 'homeroom', label: 'Giáo viên chủ nhiệm' },
    { role: 'principal', label: 'Hiệu trưởng' },
  ],
};


export function documentFilePath(schoolId: string, documentId: string, stage = 0): string {
  return join('documents', schoolId, stage === 0 ? `${documentId}.pdf` : `${documentId}.sig${stage}.pdf`);
}

/** Writes bytes under DATA_DIR/files atomically (temp file + rename). */
export function writeStoredFile(dataDir: string, relative: string, bytes: Buffer): void {
  const full = join(dataDir, 'files', relative);
  mkdirSync(dirname(full), { recursive: true });
  const temp = `${full}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, full);
}

export interface StoreDocumentOptions {
  schoolId: string;
  dataDir: string;
  audit: AuditContext;
}

export async function storeDocument(db: Db, doc: RenderedDocument, o: StoreDocumentOptions): Promise<{ row: Row<'documents'>; created: boolean }> {
  const existing = await db.selectFrom('documents').selectAll().where('id', '=', doc.documentId).executeTakeFirst();
  if (existing) return { row: existing, created: false };
  const sha256 = sha256Hex(doc.pdf);
  const filePath = documentFilePath(o.schoolId, doc.documentId);
  writeStoredFile(o.dataDir, filePath, doc.pdf);
  try {
    const row = await db.transaction().execute(async (tx) => {
      const latest = await tx
        .selectFrom('documents')
        .selectAll()
        .where('series_key', '=', doc.seriesKey)
        .orderBy('version_no', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row: Row<'documents'> = {
        id: doc.documentId,
        school_id: o.schoolId,
        kind: doc.kind,
        title: doc.title,
        public_header: doc.publicHeader,
        subject_json: JSON.stringify(doc.subject),
        series_key: doc.seriesKey,
        version_no: (latest?.version_no ?? 0) + 1,
        supersedes_id: latest?.id ?? null,
        superseded_by_id: null,
        inputs_version: doc.inputsVersion,
        sha256,
        current_sha256: sha256,
        data_sha256: doc.dataSha256 ?? null,
        file_path: filePath,
        size: doc.pdf.length,
        status: 'draft',
        created_by: o.audit.actorUserId,
        created_at: o.audit.now,
        principal_signer_id: doc.principalSignerId ?? null,
      };
      await tx.insertInto('documents').values(row).execute();
      if (latest) await tx.updateTable('documents').set({ superseded_by_id: row.id }).where('id', '=', latest.id).execute();
      const order = SIGNING_ORDER[doc.kind] ?? [];
      if (order.length) {
        await tx
          .insertInto('document_signatures')
          .values(
            order.map((s, i) => ({
              id: randomUUID(),
              document_id: row.id,
              seq: i + 1,
              role: s.role,
              status: 'pending' as const,
              signer_user_id: null,
              signer_name: null,
              certificate_subject: null,
              certificate_issuer: null,
              certificate_serial: null,
              certificate_sha256: null,
              backend: null,
              signed_sha256: null,
              signed_at: null,
            })),
          )
          .execute();
      }
      await writeAudit(tx, o.audit, {
        chainKey: schoolChain(o.schoolId),
        schoolId: o.schoolId,
        action: 'document.create',
        entityType: 'document',
        entityId: row.id,
        before: latest ? { supersedes: latest.id, version: latest.version_no } : null,
        after: { kind: row.kind, title: row.title, version: row.version_no, sha256, dataSha256: row.data_sha256, inputsVersion: row.inputs_version },
      });
      return row;
    });
    return { row, created: true };
  } catch (error) {
    // Two requests rendering the same document at once: the other one stored it.
    const again = await db.selectFrom('documents').selectAll().where('id', '=', doc.documentId).executeTakeFirst();
    if (again) return { row: again, created: false };
    throw error;
  }
}
