/**
 * Taking a test out of the school's testing plan (G10). Refused once any score of the test's
 * grade-book column is entered for the class: the test has been taken, and the plan is what the
 * re-entry deadline and the progress of that test were measured by — its day can still be moved,
 * not erased. Otherwise the entry is deleted and its `testingPlan.deleted` audit entry (the whole
 * row as it was) written in the same transaction; an end-of-term test's class deadline falls back
 * to the term's own end-of-term test day.
 */
import { formatDay } from '../../domain/calendar/vietnam-time.ts';
import { type PlannedTest, periodicTestColumn, plannedTestLabel } from '../../domain/testing-plan/testing-plan.ts';
import { inSentence } from '../../shared/labels.ts';
import { type AuditContext, schoolChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { subjectAssessment } from '../school/index.ts';

export interface DeletePlannedTestOptions {
  db: Db;
  year: Pick<Row<'school_years'>, 'id' | 'school_id'>;
  entryId: string;
  audit: AuditContext;
}

export async function deletePlannedTest({ db, year, entryId, audit }: DeletePlannedTestOptions): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const entry = await tx.selectFrom('testing_plan_entries').selectAll().where('id', '=', entryId).where('school_year_id', '=', year.id).executeTakeFirst();
    if (!entry) throw new AppError('NOT_FOUND', 'Không tìm thấy bài kiểm tra này trong kế hoạch kiểm tra của năm học.');
    const cls = await tx.selectFrom('classes').select(['name']).where('id', '=', entry.class_id).executeTakeFirstOrThrow();
    const subject = await tx.selectFrom('subjects').selectAll().where('id', '=', entry.subject_id).executeTakeFirstOrThrow();
    const termNo = Number(entry.term_no) as 1 | 2;
    const label = inSentence(plannedTestLabel(termNo, entry.test as PlannedTest));
    const column = periodicTestColumn(subjectAssessment(subject), termNo, entry.test as PlannedTest);
    if (column) {
      const scored = await tx
        .selectFrom('gradebook_cells')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('class_id', '=', entry.class_id)
        .where('subject_id', '=', entry.subject_id)
        .where('term_no', '=', termNo)
        .where('column_key', '=', column.key)
        .where((eb) => eb.or([eb('score_tenths', 'is not', null), eb('text_value', 'is not', null)]))
        .executeTakeFirstOrThrow();
      if (Number(scored.n) > 0) {
        throw new AppError(
          'INVALID_STATE',
          `Không xóa được bài kiểm tra ${label} môn ${subject.name} lớp ${cls.name} (ngày ${formatDay(entry.test_on)}): sổ điểm đã có ${Number(scored.n)} điểm của bài này. Nếu ngày kiểm tra sai, hãy đổi ngày.`,
        );
      }
    }
    const deleted = await tx.deleteFrom('testing_plan_entries').where('id', '=', entry.id).where('version', '=', entry.version).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw new AppError('CONFLICT', 'Bài kiểm tra vừa được sửa ở nơi khác. Hãy tải lại trang.');
    await writeAudits(tx, audit, [
      { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'testingPlan.deleted', entityType: 'testing_plan_entry', entityId: entry.id, before: entry, after: null },
    ]);
  });
}
