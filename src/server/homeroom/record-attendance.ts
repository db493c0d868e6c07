/**
 * Taking attendance (G4): the homeroom teacher marks a session (buổi sáng / chiều) for the whole
 * class in one batch — P (có phép), K (không phép), or present (the mark removed); a subject teacher
 * marks absences in her lesson. Every change is audited on the class's chain, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { loadClassStudents } from '../gradebook/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { type FieldError, invalid } from '../platform/errors.ts';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';

export interface RecordAttendanceOptions {
  db: Db;
  cls: Row<'classes'>;
  date: string;
  session: 'morning' | 'afternoon';
  marks: { studentId: string; kind: 'P' | 'K' | null; note: string }[];
  lesson: { subjectId: string; periodNo: number } | null;
  userId: string;
  audit: AuditContext;
}

export async function recordAttendance(options: RecordAttendanceOptions): Promise<number> {
  const { db, cls, date, session, audit } = options;
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', cls.school_year_id).executeTakeFirstOrThrow();
  if (date < year.starts_on || date > year.ends_on) throw invalid('Ngày điểm danh nằm ngoài năm học.', [{ field: 'date', message: 'ngoài năm học' }]);
  if (date > vietnamDay(audit.now)) throw invalid('Không điểm danh trước cho ngày chưa đến.', [{ field: 'date', message: 'ngày trong tương lai' }]);
  const students = new Map((await loadClassStudents(db, cls.id)).map((s) => [s.studentId, s]));
  const errors: FieldError[] = [];
  options.marks.forEach((m, i) => {
    const st = students.get(m.studentId);
    if (!st) errors.push({ field: `marks[${i}]`, message: 'học sinh không thuộc lớp này' });
    else if (!st.active) errors.push({ field: `marks[${i}]`, message: `${st.fullName} đã chuyển đi hoặc thôi học` });
  });
  if (errors.length) throw invalid(`Điểm danh chưa hợp lệ: ${errors.map((e) => e.message).join('; ')}`, errors);
  const periodNo = options.lesson?.periodNo ?? 0;
  let changed = 0;
  await db.transaction().execute(async (tx) => {
    const existing = new Map(
      (
        await tx
          .selectFrom('attendance_records')
          .selectAll()
          .where('class_id', '=', cls.id)
          .where('date', '=', date)
          .where('session', '=', session)
          .where('period_no', '=', periodNo)
          .execute()
      ).map((r) => [r.student_id, r]),
    );
    const events: AuditEntry[] = [];
    for (const m of options.marks) {
      const current = existing.get(m.studentId);
      if ((current?.kind ?? null) === m.kind && (current?.note ?? '') === (m.kind ? m.note : '')) continue;
      let id = current?.id ?? randomUUID();
      if (!m.kind) {
        if (current) await tx.deleteFrom('attendance_records').where('id', '=', current.id).execute();
      } else if (current) {
        await tx.updateTable('attendance_records').set({ kind: m.kind, note: m.note, version: Number(current.version) + 1, recorded_by: options.userId, recorded_at: audit.now }).where('id', '=', current.id).execute();
      } else {
        id = randomUUID();
        await tx
          .insertInto('attendance_records')
          .values({
            id,
            school_id: cls.school_id,
            school_year_id: cls.school_year_id,
            class_id: cls.id,
            student_id: m.studentId,
            date,
            session,
            period_no: periodNo,
            subject_id: options.lesson?.subjectId ?? null,
            kind: m.kind,
            note: m.note,
            version: 1,
            recorded_by: options.userId,
            recorded_at: audit.now,
          })
          .execute();
      }
      events.push({
        chainKey: classChain(cls.id),
        schoolId: cls.school_id,
        action: 'attendance.marked',
        entityType: 'attendance_record',
        entityId: id,
        before: current ? { kind: current.kind, note: current.note } : null,
        after: { studentId: m.studentId, date, session, periodNo, kind: m.kind, note: m.kind ? m.note : '' },
      });
      changed += 1;
    }
    // The roll itself is recorded — also when everybody was present.
    const roll = await tx
      .selectFrom('attendance_rolls')
      .select('id')
      .where('class_id', '=', cls.id)
      .where('date', '=', date)
      .where('session', '=', session)
      .where('period_no', '=', periodNo)
      .executeTakeFirst();
    const rollId = roll?.id ?? randomUUID();
    if (roll) await tx.updateTable('attendance_rolls').set({ taken_by: options.userId, taken_at: audit.now }).where('id', '=', roll.id).execute();
    else
      await tx
        .insertInto('attendance_rolls')
        .values({ id: rollId, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, date, session, period_no: periodNo, taken_by: options.userId, taken_at: audit.now })
        .execute();
    events.push({
      chainKey: classChain(cls.id),
      schoolId: cls.school_id,
      action: 'attendance.rollTaken',
      entityType: 'attendance_roll',
      entityId: rollId,
      before: null,
      after: { date, session, periodNo, absences: options.marks.filter((m) => m.kind).length, changed },
    });
    await writeAudits(tx, audit, events);
  });
  return changed;
}
