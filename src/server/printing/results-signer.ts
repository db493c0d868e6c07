/**
 * Whom a class print's principal's block names (R1, issue 22): the person who approved the results
 * it prints — "HIỆU TRƯỞNG", or "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG" over the vice-principal's name
 * when she approved them on the principal's delegation — else (nothing approved yet) the school's
 * principal. A digitally signed print (the class book) records that person: only she signs the
 * principal's step (documents/sign-document.ts), so the paper and its signature agree.
 */
import type { Executor } from '../platform/db/database.ts';
import { type Signer, principalBlock } from '../platform/pdf/layout.ts';

export async function resultsSigner(db: Executor, schoolId: string, snapshotId: string | null): Promise<{ signer: Signer; userId: string | null }> {
  const principals = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.id', 'users.full_name'])
    .where('user_roles.school_id', '=', schoolId)
    .where('user_roles.role', '=', 'principal')
    .where('users.disabled', '=', 0)
    .orderBy('users.created_at')
    .execute();
  const approver = snapshotId
    ? await db
        .selectFrom('result_snapshots')
        .innerJoin('users', 'users.id', 'result_snapshots.approved_by')
        .select(['users.id', 'users.full_name'])
        .where('result_snapshots.id', '=', snapshotId)
        .executeTakeFirst()
    : undefined;
  const person = approver ?? principals[0];
  if (!person) return { signer: principalBlock(null, false), userId: null };
  const deputy = !principals.some((p) => p.id === person.id);
  return { signer: principalBlock(person.full_name, deputy), userId: person.id };
}
