/** Adding a staff member (cán bộ, giáo viên) to the school's list, with its audit event in one transaction. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ZStaffInput } from '../../shared/people.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export interface CreateStaffOptions {
  db: Db;
  schoolId: string;
  input: z.infer<typeof ZStaffInput>;
  audit: AuditContext;
}

export async function createStaff({ db, schoolId, input: b, audit }: CreateStaffOptions): Promise<Row<'staff'>> {
  const row = {
    id: randomUUID(),
    school_id: schoolId,
    family_name: b.familyName,
    middle_name: b.middleName,
    given_name: b.givenName,
    sex: b.sex,
    date_of_birth: b.dateOfBirth,
    position: b.position,
    speciality: b.speciality,
    phone: b.phone,
    email: b.email,
    active: 1,
    created_at: audit.now,
    updated_at: audit.now,
    version: 1,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('staff').values(row).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(schoolId), schoolId, action: 'staff.created', entityType: 'staff', entityId: row.id, before: null, after: row });
  });
  return row;
}
