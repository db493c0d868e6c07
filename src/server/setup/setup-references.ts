/** What a set-up write refers to must belong to the same school or school year (400 on the field otherwise). */
import type { Executor } from '../platform/db/database.ts';
import { invalid } from '../platform/errors.ts';

/** A staff member referenced by set-up must work at the same school. */
export async function checkStaffInSchool(db: Executor, staffId: string | null | undefined, schoolId: string, field: string): Promise<void> {
  if (!staffId) return;
  const staff = await db.selectFrom('staff').select(['school_id']).where('id', '=', staffId).executeTakeFirst();
  if (!staff || staff.school_id !== schoolId) throw invalid('Giáo viên được chọn không thuộc trường này.', [{ field, message: 'không thuộc trường' }]);
}

/** A subject group referenced by a subject must belong to the same school year. */
export async function checkSubjectGroupInYear(db: Executor, groupId: string | null | undefined, yearId: string): Promise<void> {
  if (!groupId) return;
  const group = await db.selectFrom('subject_groups').select(['school_year_id']).where('id', '=', groupId).executeTakeFirst();
  if (!group || group.school_year_id !== yearId) {
    throw invalid('Tổ chuyên môn được chọn không thuộc năm học này của trường.', [{ field: 'subjectGroupId', message: 'không thuộc năm học' }]);
  }
}
