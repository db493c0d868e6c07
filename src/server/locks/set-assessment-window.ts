/**
 * Setting an update window (đợt cập nhật, C7) of a year: created or moved, by the principal or
 * by the admin board on the principal's recorded order; saved with its audit event in the same
 * transaction. When a window ends, its point is locked (domain/gradebook/find-edit-block.ts).
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export interface SetAssessmentWindowOptions {
  db: Db;
  year: Row<'school_years'>;
  point: string;
  opensOn: string;
  closesOn: string;
  orderedBy: string;
  setBy: string;
  audit: AuditContext;
}

export async function setAssessmentWindow(options: SetAssessmentWindowOptions): Promise<void> {
  const { db, year, audit } = options;
  await db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('assessment_windows').selectAll().where('school_year_id', '=', year.id).where('point', '=', options.point).executeTakeFirst();
    const values = { opens_on: options.opensOn, closes_on: options.closesOn, ordered_by: options.orderedBy, set_by: options.setBy, set_at: audit.now };
    let id: string;
    if (existing) {
      id = existing.id;
      await tx.updateTable('assessment_windows').set({ ...values, version: Number(existing.version) + 1 }).where('id', '=', id).execute();
    } else {
      id = randomUUID();
      await tx.insertInto('assessment_windows').values({ id, school_id: year.school_id, school_year_id: year.id, point: options.point, ...values, version: 1 }).execute();
    }
    await writeAudit(tx, audit, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'window.set', entityType: 'assessment_window', entityId: id, before: existing ?? null, after: { point: options.point, ...values } });
  });
}
