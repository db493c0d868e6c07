/**
 * Saving a batch of the teaching-assignment grid (phân công chuyên môn, S6): every change is
 * checked first (class and subject of this year, the subject taught in the class's grade, the
 * teacher at this school); then all are applied in one transaction, one audit event per cell.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { type FieldError, invalid } from '../platform/errors.ts';

export interface UpdateAssignmentsOptions {
  db: Db;
  year: Row<'school_years'>;
  changes: { classId: string; subjectId: string; staffId: string | null }[];
  audit: AuditContext;
}

export async function updateAssignments({ db, year, changes, audit }: UpdateAssignmentsOptions): Promise<number> {
  const classes = new Map(
    (await db.selectFrom('classes').select(['id', 'grade', 'name']).where('school_year_id', '=', year.id).execute()).map((c) => [c.id, c]),
  );
  const subjects = new Map(
    (await db.selectFrom('subjects').select(['id', 'grade', 'name']).where('school_year_id', '=', year.id).execute()).map((s) => [s.id, s]),
  );
  const staff = new Set(
    (await db.selectFrom('staff').select('id').where('school_id', '=', year.school_id).where('active', '=', 1).execute()).map((s) => s.id),
  );
  const errors: FieldError[] = [];
  changes.forEach((c, i) => {
    const cls = classes.get(c.classId);
    const subject = subjects.get(c.subjectId);
    if (!cls) errors.push({ field: `changes[${i}].classId`, message: 'lớp không thuộc năm học này' });
    if (!subject) errors.push({ field: `changes[${i}].subjectId`, message: 'môn học không thuộc năm học này' });
    if (cls && subject && Number(cls.grade) !== Number(subject.grade))
      errors.push({ field: `changes[${i}].subjectId`, message: `môn ${subject.name} thuộc khối ${subject.grade}, không dạy ở lớp ${cls.name}` });
    if (c.staffId && !staff.has(c.staffId)) errors.push({ field: `changes[${i}].staffId`, message: 'giáo viên không thuộc trường hoặc đã nghỉ' });
  });
  if (errors.length) throw invalid(`Phân công chưa hợp lệ: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);

  let changed = 0;
  await db.transaction().execute(async (tx) => {
    for (const c of changes) {
      const current = await tx
        .selectFrom('teaching_assignments')
        .selectAll()
        .where('class_id', '=', c.classId)
        .where('subject_id', '=', c.subjectId)
        .executeTakeFirst();
      if ((current?.staff_id ?? null) === c.staffId) continue;
      if (current) await tx.deleteFrom('teaching_assignments').where('id', '=', current.id).execute();
      if (c.staffId) {
        await tx
          .insertInto('teaching_assignments')
          .values({
            id: randomUUID(),
            school_id: year.school_id,
            school_year_id: year.id,
            class_id: c.classId,
            subject_id: c.subjectId,
            staff_id: c.staffId,
            created_at: audit.now,
          })
          .execute();
      }
      await writeAudit(tx, audit, {
        chainKey: schoolChain(year.school_id),
        schoolId: year.school_id,
        action: 'teachingAssignment.changed',
        entityType: 'teaching_assignment',
        entityId: `${c.classId}:${c.subjectId}`,
        before: current ? { staffId: current.staff_id } : null,
        after: c.staffId ? { staffId: c.staffId } : null,
      });
      changed += 1;
    }
  });
  return changed;
}
