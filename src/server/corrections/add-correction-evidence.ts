/**
 * Attaching evidence to a pending correction request (C2): an image or PDF of the test paper, the
 * teacher's own grade book… The stored file and its `correction.evidenceAdded` audit entry (name,
 * SHA-256, size, type) are one transaction.
 */
import { type AuditContext, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { storeEvidenceFile } from '../platform/files/store-file.ts';
import { correctionChain } from './correction-queries.ts';

export interface AddCorrectionEvidenceOptions {
  db: Db;
  dataDir: string;
  request: Row<'correction_requests'>;
  filename: string;
  buffer: Buffer;
  userId: string;
  audit: AuditContext;
}

export async function addCorrectionEvidence(options: AddCorrectionEvidenceOptions): Promise<void> {
  const { db, request: r, audit } = options;
  await db.transaction().execute(async (tx) => {
    const stored = await storeEvidenceFile(tx, { dataDir: options.dataDir, schoolId: r.school_id, ownerType: 'correction_request', ownerId: r.id, filename: options.filename, buffer: options.buffer, userId: options.userId, now: audit.now });
    await writeAudit(tx, audit, {
      chainKey: correctionChain(r),
      schoolId: r.school_id,
      action: 'correction.evidenceAdded',
      entityType: 'correction_request',
      entityId: r.id,
      before: null,
      after: { fileId: stored.id, filename: stored.filename, sha256: stored.sha256, size: stored.size, mime: stored.mime },
      source: 'correction',
    });
  });
}
