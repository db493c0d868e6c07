/**
 * A student leaves a class: transferred to another school (chuyển đi), dropped out (thôi học),
 * or moved to another class of the same year (chuyển lớp). The current enrollment is closed with
 * its end date and kept; a class change opens a new enrollment. History is never overwritten.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { NewRow, Row } from '../platform/db/schema.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { formatVietnameseDate } from '../../domain/calendar/check-year-dates.ts';
import { keepClassListOrder } from './reorder-class-list.ts';

export type EnrollmentChange =
  | { kind: 'transferOut'; date: string; toSchool: string; reason: string }
  | { kind: 'dropOut'; date: string; reason: string }
  | { kind: 'changeClass'; date: string; toClass: Row<'classes'>; reason: string };

export async function currentEnrollment(db: Db, studentId: string) {
  return db
    .selectFrom('enrollments')
    .innerJoin('school_years', 'school_years.id', 'enrollments.school_year_id')
    .selectAll('enrollments')
    .where('enrollments.student_id', '=', studentId)
    .where('enrollments.ends_on', 'is', null)
    .orderBy('school_years.start_year', 'desc')
    .executeTakeFirst();
}

export async function changeEnrollment(options: {
  db: Db;
  student: Row<'students'>;
  change: EnrollmentChange;
  audit: AuditContext;
}): Promise<void> {
  const { db, student, change, audit } = options;
  const current = await currentEnrollment(db, student.id);
  if (!current) throw new AppError('INVALID_STATE', 'Học sinh hiện không theo học lớp nào của trường.');
  if (change.date < current.starts_on) {
    throw invalid(`Ngày ${formatVietnameseDate(change.date)} trước ngày học sinh vào lớp (${formatVietnameseDate(current.starts_on)}).`, [{ field: 'date', message: 'trước ngày vào lớp' }]);
  }
  if (change.kind === 'changeClass') {
    if (change.toClass.id === current.class_id) throw invalid('Học sinh đang ở lớp này.', [{ field: 'toClassId', message: 'trùng lớp hiện tại' }]);
    if (change.toClass.school_year_id !== current.school_year_id || change.toClass.school_id !== student.school_id) {
      throw invalid('Chỉ chuyển được sang một lớp cùng năm học của trường.', [{ field: 'toClassId', message: 'khác năm học' }]);
    }
  }
  const endStatus = change.kind === 'transferOut' ? 'transferred_out' : change.kind === 'dropOut' ? 'dropped_out' : 'moved_class';
  const note =
    change.kind === 'transferOut'
      ? `Chuyển đến ${change.toSchool}${change.reason ? `: ${change.reason}` : ''}`
      : change.kind === 'dropOut'
        ? `Thôi học: ${change.reason}`
        : `Chuyển sang lớp ${change.toClass.name}${change.reason ? `: ${change.reason}` : ''}`;
  await db.transaction().execute(async (tx) => {
    const closed = await tx
      .updateTable('enrollments')
      .set({ status: endStatus, ends_on: change.date, note, version: Number(current.version) + 1 })
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Quá trình học của học sinh vừa được người khác thay đổi. Hãy tải lại trang.');
    let opened: NewRow<'enrollments'> | null = null;
    if (change.kind === 'changeClass') {
      const max = await tx.selectFrom('enrollments').select((eb) => eb.fn.max('list_number').as('m')).where('class_id', '=', change.toClass.id).executeTakeFirst();
      opened = {
        id: randomUUID(),
        school_id: student.school_id,
        school_year_id: current.school_year_id,
        student_id: student.id,
        class_id: change.toClass.id,
        status: 'active',
        starts_on: change.date,
        ends_on: null,
        list_number: Number(max?.m ?? 0) + 1,
        origin: 'class_change',
        note: `Từ lớp ${(await tx.selectFrom('classes').select('name').where('id', '=', current.class_id).executeTakeFirstOrThrow()).name}`,
        created_at: audit.now,
        version: 1,
      };
      await tx.insertInto('enrollments').values(opened).execute();
      await keepClassListOrder(tx, change.toClass.id, audit);
    } else {
      await tx
        .updateTable('students')
        .set({ status: endStatus, updated_at: audit.now, version: Number(student.version) + 1 })
        .where('id', '=', student.id)
        .execute();
    }
    await writeAudit(tx, audit, {
      chainKey: schoolChain(student.school_id),
      schoolId: student.school_id,
      action: change.kind === 'transferOut' ? 'student.transferredOut' : change.kind === 'dropOut' ? 'student.droppedOut' : 'student.classChanged',
      entityType: 'student',
      entityId: student.id,
      before: { enrollment: current },
      after: { closed: { id: current.id, status: endStatus, endsOn: change.date, note }, opened, studentStatus: change.kind === 'changeClass' ? student.status : endStatus },
      reason: change.reason,
    });
  });
}
