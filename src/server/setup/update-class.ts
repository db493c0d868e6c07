/**
 * Editing a class (S1, S6): its name (unique in the year), room and homeroom teacher (at the
 * school). A new homeroom teacher is audited as `homeroom.assigned`, anything else as
 * `class.updated`, in the same transaction as the change.
 */
import type { z } from 'zod';
import type { ZUpdateClassInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { checkStaffInSchool } from './setup-references.ts';

export interface UpdateClassOptions {
  db: Db;
  cls: Row<'classes'>;
  input: z.infer<typeof ZUpdateClassInput>;
  audit: AuditContext;
}

export async function updateClass({ db, cls, input: b, audit }: UpdateClassOptions): Promise<void> {
  if (b.homeroomStaffId) await checkStaffInSchool(db, b.homeroomStaffId, cls.school_id, 'homeroomStaffId');
  if (b.name && b.name !== cls.name) {
    const dup = await db.selectFrom('classes').select('id').where('school_year_id', '=', cls.school_year_id).where('name', '=', b.name).executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', `Đã có lớp ${b.name} trong năm học này.`);
  }
  const patch = {
    ...(b.name !== undefined && { name: b.name }),
    ...(b.homeroomStaffId !== undefined && { homeroom_staff_id: b.homeroomStaffId }),
    ...(b.room !== undefined && { room: b.room }),
    version: Number(cls.version) + 1,
  };
  const action = b.homeroomStaffId !== undefined && b.homeroomStaffId !== cls.homeroom_staff_id ? 'homeroom.assigned' : 'class.updated';
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('classes').set(patch).where('id', '=', cls.id).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(cls.school_id), schoolId: cls.school_id, action, entityType: 'class', entityId: cls.id, before: cls, after: { ...cls, ...patch } });
  });
}
