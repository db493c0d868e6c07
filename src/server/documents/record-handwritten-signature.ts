/**
 * Recording a signature given by hand on the paper copy (mixed mode, P5): the step is marked
 * `handwritten` — shown honestly as not digital — and the document moves on, with its
 * `document.signHandwritten` audit entry, in one transaction. The step moves only from pending,
 * so of two marks racing for one step one wins and the other is refused as a late mark is.
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { assertNextStep, loadSignatures, signedMeanwhile } from './document-queries.ts';
import { assertPrintedSigner } from './printed-signer-queries.ts';

export interface RecordHandwrittenSignatureOptions {
  db: Db;
  doc: Row<'documents'>;
  /** The document's signatures as loaded when the route checked the turn. */
  signatures: Row<'document_signatures'>[];
  /** The step signed on paper (the route checked it is due and the signer's right to it). */
  step: Row<'document_signatures'>;
  signer: { userId: string; fullName: string };
  audit: AuditContext;
}

export async function recordHandwrittenSignature(o: RecordHandwrittenSignatureOptions): Promise<void> {
  const { doc, step, audit } = o;
  // On paper too: the principal's block is signed by whom it names.
  await assertPrintedSigner(o.db, doc, step.role, o.signer.userId);
  await o.db.transaction().execute(async (tx) => {
    const marked = await tx
      .updateTable('document_signatures')
      .set({ status: 'handwritten', signer_user_id: o.signer.userId, signer_name: o.signer.fullName, signed_at: audit.now })
      .where('id', '=', step.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) {
      // Signed since it was checked: refused with the reason a later request would get.
      assertNextStep(doc, (await loadSignatures(tx, [doc.id])).get(doc.id) ?? [], step.seq);
      throw signedMeanwhile();
    }
    const done = o.signatures.every((s) => s.seq === step.seq || s.status !== 'pending');
    await tx.updateTable('documents').set({ status: done ? 'signed' : 'signing' }).where('id', '=', doc.id).execute();
    await writeAudit(tx, audit, {
      chainKey: schoolChain(doc.school_id),
      schoolId: doc.school_id,
      action: 'document.signHandwritten',
      entityType: 'document',
      entityId: doc.id,
      before: { seq: step.seq, status: 'pending' },
      after: { seq: step.seq, role: step.role, status: 'handwritten' },
    });
  });
}
