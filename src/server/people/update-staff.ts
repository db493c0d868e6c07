/**
 * Editing a staff member from the version the editor read. The change and its `staff.updated`
 * audit entry are one transaction; an edit made elsewhere since that version is a conflict,
 * never a silent overwrite.
 */
import type { z } from 'zod';
import type { ZUpdateStaffInput } from '../../shared/people.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';

export interface UpdateStaffOptions {
  db: Db;
  staff: Row<'staff'>;
  /** The changed fields and the version the editor read. */
  input: z.infer<typeof ZUpdateStaffInput>;
  audit: AuditContext;
}

const editedElsewhere = () => new AppError('CONFLICT', 'Thông tin này vừa được người khác sửa. Hãy tải lại trang.');

export async function updateStaff({ db, staff, input: b, audit }: UpdateStaffOptions): Promise<Row<'staff'>> {
  // The loaded row must be the version the editor read, so it is the audit's `before`.
  if (b.version !== Number(staff.version)) throw editedElsewhere();
  const patch = {
    ...(b.familyName !== undefined && { family_name: b.familyName }),
    ...(b.middleName !== undefined && { middle_name: b.middleName }),
    ...(b.givenName !== undefined && { given_name: b.givenName }),
    ...(b.sex !== undefined && { sex: b.sex }),
    ...(b.dateOfBirth !== undefined && { date_of_birth: b.dateOfBirth }),
    ...(b.position !== undefined && { position: b.position }),
    ...(b.speciality !== undefined && { speciality: b.speciality }),
    ...(b.phone !== undefined && { phone: b.phone }),
    ...(b.email !== undefined && { email: b.email }),
    ...(b.active !== undefined && { active: b.active ? 1 : 0 }),
  };
  const after = { ...staff, ...patch, updated_at: audit.now, version: b.version + 1 };
  await db.transaction().execute(async (tx) => {
    // Two edits from the same version may both get past the check above: the conditional update
    // lets one through and finds no row for the other, which then rolls back without an audit entry.
    const res = await tx
      .updateTable('staff')
      .set({ ...patch, updated_at: audit.now, version: after.version })
      .where('id', '=', staff.id)
      .where('version', '=', b.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw editedElsewhere();
    await writeAudit(tx, audit, { chainKey: schoolChain(staff.school_id), schoolId: staff.school_id, action: 'staff.updated', entityType: 'staff', entityId: staff.id, before: staff, after });
  });
  return after;
}
