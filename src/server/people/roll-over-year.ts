/**
 * Year rollover (S4): plan with the pure `planRollover`, show the preview, and apply it only when
 * the plan has no problems — closing each old enrollment and opening the new one in one
 * transaction, graduates marked as such.
 */
import { randomUUID } from 'node:crypto';
import { type RolloverPlan, planRollover } from '../../domain/enrollment/plan-rollover.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { keepClassListOrder } from './reorder-class-list.ts';

export interface RolloverOptions {
  db: Db;
  fromYear: Row<'school_years'>;
  toYear: Row<'school_years'>;
  retainedStudentIds: string[];
  classMap: Record<string, string>;
}

export async function previewRollover(options: RolloverOptions): Promise<RolloverPlan> {
  const { db, fromYear, toYear } = options;
  if (toYear.school_id !== fromYear.school_id || Number(toYear.start_year) !== Number(fromYear.start_year) + 1) {
    throw invalid('Năm học đích phải là năm học liền sau của cùng trường.', [{ field: 'toYearId', message: 'không phải năm liền sau' }]);
  }
  const enrollments = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .innerJoin('classes', 'classes.id', 'enrollments.class_id')
    .select([
      'enrollments.id as enrollmentId',
      'students.id as studentId',
      'students.family_name',
      'students.middle_name',
      'students.given_name',
      'classes.id as classId',
      'classes.name as className',
      'classes.grade as grade',
    ])
    .where('enrollments.school_year_id', '=', fromYear.id)
    .where('enrollments.ends_on', 'is', null)
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .orderBy('enrollments.list_number')
    .execute();
  const targetClasses = await db.selectFrom('classes').select(['id', 'name', 'grade']).where('school_year_id', '=', toYear.id).execute();
  const grades = await db.selectFrom('grade_levels').select('grade').where('school_year_id', '=', fromYear.id).execute();
  const lastGrade = Math.max(...grades.map((g) => Number(g.grade)));
  return planRollover({
    enrollments: enrollments.map((e) => ({
      enrollmentId: e.enrollmentId,
      studentId: e.studentId,
      fullName: [e.family_name, e.middle_name, e.given_name].filter(Boolean).join(' '),
      classId: e.classId,
      className: e.className,
      grade: Number(e.grade),
    })),
    targetClasses: targetClasses.map((c) => ({ ...c, grade: Number(c.grade) })),
    retainedStudentIds: new Set(options.retainedStudentIds),
    lastGrade,
    classMap: options.classMap,
  });
}

export async function rollOverYear(options: RolloverOptions & { audit: AuditContext }): Promise<RolloverPlan> {
  const { db, fromYear, toYear, audit } = options;
  const plan = await previewRollover(options);
  if (plan.problems.length) throw invalid(`Chưa kết chuyển được: ${plan.problems.join(' ')}`, plan.problems.map((message) => ({ field: 'classMap', message })));
  if (!plan.moves.length) throw new AppError('INVALID_STATE', 'Không còn học sinh nào cần kết chuyển từ năm học này.');
  const endOfYear = fromYear.ends_on;
  await db.transaction().execute(async (tx) => {
    const numbers = new Map<string, number>();
    for (const move of plan.moves) {
      const status = move.action === 'graduated' ? 'graduated' : move.action === 'retained' ? 'retained' : 'active';
      const closed = await tx
        .updateTable('enrollments')
        .set({ ends_on: endOfYear, status: move.action === 'promoted' ? 'active' : status })
        .where('id', '=', move.enrollmentId)
        .where('ends_on', 'is', null)
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Danh sách vừa thay đổi trong lúc kết chuyển. Hãy xem lại bản xem trước.');
      if (move.action === 'graduated') {
        await tx.updateTable('students').set({ status: 'graduated', updated_at: audit.now }).where('id', '=', move.studentId).execute();
        continue;
      }
      const toClassId = move.toClassId as string;
      if (!numbers.has(toClassId)) {
        const max = await tx.selectFrom('enrollments').select((eb) => eb.fn.max('list_number').as('m')).where('class_id', '=', toClassId).executeTakeFirst();
        numbers.set(toClassId, Number(max?.m ?? 0));
      }
      const n = (numbers.get(toClassId) as number) + 1;
      numbers.set(toClassId, n);
      await tx
        .insertInto('enrollments')
        .values({
          id: randomUUID(),
          school_id: toYear.school_id,
          school_year_id: toYear.id,
          student_id: move.studentId,
          class_id: toClassId,
          status: 'active',
          starts_on: toYear.starts_on,
          ends_on: null,
          list_number: n,
          origin: move.action === 'retained' ? 'retained' : 'rollover',
          note: move.action === 'retained' ? `Ở lại lớp (từ lớp ${move.fromClass})` : `Lên lớp từ lớp ${move.fromClass}`,
          created_at: audit.now,
          version: 1,
        })
        .execute();
    }
    for (const classId of numbers.keys()) await keepClassListOrder(tx, classId, audit);
    await writeAudit(tx, audit, {
      chainKey: schoolChain(toYear.school_id),
      schoolId: toYear.school_id,
      action: 'schoolYear.rolledOver',
      entityType: 'school_year',
      entityId: toYear.id,
      before: { fromYearId: fromYear.id },
      after: {
        promoted: plan.moves.filter((m) => m.action === 'promoted').length,
        retained: plan.moves.filter((m) => m.action === 'retained').map((m) => m.studentId),
        graduated: plan.moves.filter((m) => m.action === 'graduated').length,
        graduatedIds: plan.moves.filter((m) => m.action === 'graduated').map((m) => m.studentId),
      },
    });
  });
  return plan;
}
