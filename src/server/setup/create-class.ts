/**
 * Adding a class to a school year (S1): its grade set up for the year, its name unique in the
 * year, its homeroom teacher at the school; saved with its audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ZCreateClassInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { checkStaffInSchool } from './setup-references.ts';

export interface CreateClassOptions {
  db: Db;
  year: Row<'school_years'>;
  input: z.infer<typeof ZCreateClassInput>;
  audit: AuditContext;
}

/** Returns the new class's id. */
export async function createClass({ db, year, input, audit }: CreateClassOptions): Promise<string> {
  const grade = await db.selectFrom('grade_levels').select('id').where('school_year_id', '=', year.id).where('grade', '=', input.grade).executeTakeFirst();
  if (!grade) throw invalid(`Năm học này chưa có khối ${input.grade}.`, [{ field: 'grade', message: 'khối chưa được thiết lập' }]);
  const dup = await db.selectFrom('classes').select('id').where('school_year_id', '=', year.id).where('name', '=', input.name).executeTakeFirst();
  if (dup) throw new AppError('CONFLICT', `Đã có lớp ${input.name} trong năm học này.`);
  await checkStaffInSchool(db, input.homeroomStaffId, year.school_id, 'homeroomStaffId');
  const row = {
    id: randomUUID(),
    school_id: year.school_id,
    school_year_id: year.id,
    grade: input.grade,
    name: input.name,
    homeroom_staff_id: input.homeroomStaffId,
    room: input.room,
    session: 'morning',
    created_at: audit.now,
    version: 1,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('classes').values(row).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'class.created', entityType: 'class', entityId: row.id, before: null, after: row });
  });
  return row.id;
}
