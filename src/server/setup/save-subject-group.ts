/**
 * Creating or editing a subject group (tổ chuyên môn, S1): its head and members work at the
 * school, the head is always a member; saved with its audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ZSubjectGroup, ZSubjectGroupInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { checkStaffInSchool } from './setup-references.ts';

export interface SaveSubjectGroupOptions {
  db: Db;
  schoolId: string;
  yearId: string;
  /** null: a new group */
  groupId: string | null;
  input: z.infer<typeof ZSubjectGroupInput>;
  audit: AuditContext;
}

export async function saveSubjectGroup({ db, schoolId, yearId, groupId, input, audit }: SaveSubjectGroupOptions): Promise<z.infer<typeof ZSubjectGroup>> {
  await checkStaffInSchool(db, input.headStaffId, schoolId, 'headStaffId');
  for (const [i, id] of input.memberStaffIds.entries()) await checkStaffInSchool(db, id, schoolId, `memberStaffIds[${i}]`);
  const members = [...new Set([...input.memberStaffIds, ...(input.headStaffId ? [input.headStaffId] : [])])];
  const id = groupId ?? randomUUID();
  await db.transaction().execute(async (tx) => {
    const before = groupId ? await tx.selectFrom('subject_groups').selectAll().where('id', '=', id).executeTakeFirst() : null;
    if (groupId) {
      await tx.updateTable('subject_groups').set({ name: input.name, head_staff_id: input.headStaffId }).where('id', '=', id).execute();
      await tx.deleteFrom('subject_group_members').where('subject_group_id', '=', id).execute();
    } else {
      await tx.insertInto('subject_groups').values({ id, school_id: schoolId, school_year_id: yearId, name: input.name, head_staff_id: input.headStaffId }).execute();
    }
    for (const staffId of members) await tx.insertInto('subject_group_members').values({ school_id: schoolId, subject_group_id: id, staff_id: staffId }).execute();
    await writeAudit(tx, audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: groupId ? 'subjectGroup.updated' : 'subjectGroup.created',
      entityType: 'subject_group',
      entityId: id,
      before,
      after: { name: input.name, headStaffId: input.headStaffId, memberStaffIds: members },
    });
  });
  return { id, name: input.name, headStaffId: input.headStaffId, memberStaffIds: members };
}
