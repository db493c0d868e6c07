/**
 * List numbers of a class (S5): "Sắp xếp ABC" numbers the students in Vietnamese alphabetical
 * order; a manual order (fine-tuning) takes the enrollments in the order given. Students who
 * left the class keep their place after those still in it.
 */
import { sortStudentsVietnamese } from '../../domain/names/compare-student-names.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';

const CURRENT = ['active', 'transferred_in'];

type Order = { mode: 'abc' } | { mode: 'manual'; enrollmentIds: string[] };

export async function reorderClassList(options: { db: Db; cls: Row<'classes'>; order: Order; audit: AuditContext }): Promise<void> {
  await options.db.transaction().execute((tx) => reorderClassListInTransaction(tx, options.cls, options.order, options.audit));
}

/**
 * After students join a class: a class kept in ABC order is sorted again; a class fine-tuned by
 * hand keeps its numbers and the newcomers stay at the end.
 */
export async function keepClassListOrder(tx: Tx, classId: string, audit: AuditContext): Promise<void> {
  const cls = await tx.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirstOrThrow();
  if (cls.list_order === 'abc') await reorderClassListInTransaction(tx, cls, { mode: 'abc' }, audit);
}

export async function reorderClassListInTransaction(tx: Tx, cls: Row<'classes'>, order: Order, audit: AuditContext): Promise<void> {
  const rows = await tx
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .select([
      'enrollments.id as id',
      'enrollments.status',
      'enrollments.list_number',
      'students.family_name as familyName',
      'students.middle_name as middleName',
      'students.given_name as givenName',
      'students.date_of_birth as dateOfBirth',
    ])
    .where('enrollments.class_id', '=', cls.id)
    .execute();
  const current = rows.filter((r) => CURRENT.includes(r.status));
  const left = rows.filter((r) => !CURRENT.includes(r.status)).sort((a, b) => Number(a.list_number ?? 0) - Number(b.list_number ?? 0));
  let ordered: string[];
  if (order.mode === 'abc') {
    ordered = sortStudentsVietnamese(current).map((r) => r.id);
  } else {
    const expected = new Set(current.map((r) => r.id));
    const given = order.enrollmentIds;
    if (given.length !== expected.size || new Set(given).size !== given.length || given.some((id) => !expected.has(id))) {
      throw invalid('Thứ tự mới phải gồm đúng mỗi học sinh đang học trong lớp một lần.', [{ field: 'enrollmentIds', message: 'không khớp danh sách lớp' }]);
    }
    ordered = given;
  }
  const all = [...ordered, ...left.map((r) => r.id)];
  const before = Object.fromEntries(rows.map((r) => [r.id, r.list_number]));
  const changed = all.filter((id, i) => Number(before[id] ?? 0) !== i + 1);
  if (!changed.length && cls.list_order === order.mode) return;
  for (const [i, id] of all.entries()) {
    if (Number(before[id] ?? 0) !== i + 1) await tx.updateTable('enrollments').set({ list_number: i + 1 }).where('id', '=', id).execute();
  }
  if (cls.list_order !== order.mode) await tx.updateTable('classes').set({ list_order: order.mode }).where('id', '=', cls.id).execute();
  await writeAudit(tx, audit, {
    chainKey: schoolChain(cls.school_id),
    schoolId: cls.school_id,
    action: order.mode === 'abc' ? 'classList.sortedAbc' : 'classList.reordered',
    entityType: 'class',
    entityId: cls.id,
    before,
    after: Object.fromEntries(all.map((id, i) => [id, i + 1])),
  });
}
