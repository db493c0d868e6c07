/** Whom a document's printed principal's block names (documents.principal_signer_id), with what the refusal tells. */
import { type PrintedSigner, printedSignerRefusal } from '../../domain/documents/printed-signer.ts';
import { AppError } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export async function loadPrintedSigner(
  db: Executor,
  doc: Pick<Row<'documents'>, 'principal_signer_id' | 'school_id' | 'subject_json'>,
): Promise<{ signer: PrintedSigner; latestYear: { schoolYear: string; className: string } | null } | null> {
  if (!doc.principal_signer_id) return null;
  const user = await db.selectFrom('users').select(['id', 'full_name']).where('id', '=', doc.principal_signer_id).executeTakeFirst();
  if (!user) return null;
  const principal = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', user.id).where('school_id', '=', doc.school_id).where('role', '=', 'principal').executeTakeFirst();
  const classId = (JSON.parse(doc.subject_json) as { classId?: string }).classId;
  const cls = classId
    ? await db.selectFrom('classes').innerJoin('school_years', 'school_years.id', 'classes.school_year_id').select(['classes.name', 'school_years.name as year_name']).where('classes.id', '=', classId).executeTakeFirst()
    : undefined;
  return { signer: { userId: user.id, name: user.full_name, deputy: !principal }, latestYear: cls ? { schoolYear: cls.year_name, className: cls.name } : null };
}

/** The principal's step, digital or by hand on paper, only by whom the printed block names (403 otherwise). */
export async function assertPrintedSigner(db: Executor, doc: Row<'documents'>, role: string, userId: string): Promise<void> {
  if (role !== 'principal') return;
  const printed = await loadPrintedSigner(db, doc);
  const refusal = printedSignerRefusal({ role, kind: doc.kind, printed: printed?.signer ?? null, signerUserId: userId, latestYear: printed?.latestYear });
  if (refusal) throw new AppError('FORBIDDEN', refusal);
}
