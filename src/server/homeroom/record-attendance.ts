/**
 * Taking attendance (G4): the homeroom teacher marks a session (buổi sáng / chiều) for the whole
 * class in one batch — P (có phép), K (không phép), or present (the mark removed); a subject teacher
 * marks absences in her lesson. Every change is audited on the class's chain, in one transaction.
 * A session's marks count in the attendance totals of results and học bạ, so a change in a term
 * under lock (C1, C5) is refused; an approved correction (C2) writes through it.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { loadBlockContext, loadClassStudents } from '../gradebook/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, type FieldError, invalid } from '../platform/errors.ts';
import { formatDay, vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { findRecordLock, lockedRecordsMessage, termNoOfDay } from '../../domain/locks/find-record-lock.ts';

export interface RecordAttendanceOptions {
  db: Db;
  cls: Row<'classes'>;
  date: string;
  session: 'morning' | 'afternoon';
  marks: { studentId: string; kind: 'P' | 'K' | null; note: string }[];
  lesson: { subjectId: string; periodNo: number } | null;
  userId: string;
  audit: AuditContext;
  /** The approved correction being applied: passes the lock. */
  correction?: { requestId: string };
}

const SESSION_LABELS = { morning: 'buổi sáng', afternoon: 'buổi chiều' } as const;

export async function recordAttendance(options: RecordAttendanceOptions): Promise<number> {
  return options.db.transaction().execute((tx) => recordAttendanceInTransaction(tx, options));
}

/** The same, inside a transaction the caller owns (an approved correction). */
export async function recordAttendanceInTransaction(tx: Tx, options: Omit<RecordAttendanceOptions, 'db'>): Promise<number> {
  const { cls, date, session, audit } = options;
  const year = await tx.selectFrom('school_years').selectAll().where('id', '=', cls.school_year_id).executeTakeFirstOrThrow();
  if (date < year.starts_on || date > year.ends_on) throw invalid('Ngày điểm danh nằm ngoài năm học.', [{ field: 'date', message: 'ngoài năm học' }]);
  if (date > vietnamDay(audit.now)) throw invalid('Không điểm danh trước cho ngày chưa đến.', [{ field: 'date', message: 'ngày trong tương lai' }]);
  const students = new Map((await loadClassStudents(tx, cls.id)).map((s) => [s.studentId, s]));
  const errors: FieldError[] = [];
  options.marks.forEach((m, i) => {
    const st = students.get(m.studentId);
    if (!st) errors.push({ field: `marks[${i}]`, message: 'học sinh không thuộc lớp này' });
    else if (!st.active) errors.push({ field: `marks[${i}]`, message: `${st.fullName} đã chuyển đi hoặc thôi học` });
  });
  if (errors.length) throw invalid(`Điểm danh chưa hợp lệ: ${errors.map((e) => e.message).join('; ')}`, errors);
  const periodNo = options.lesson?.periodNo ?? 0;
  let changed = 0;
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
  const isChange = (m: RecordAttendanceOptions['marks'][number]) => {
    const current = existing.get(m.studentId);
    return (current?.kind ?? null) !== m.kind || (current?.note ?? '') !== (m.kind ? m.note : '');
  };
  const changes = options.marks.filter(isChange);
  // Lesson marks do not count in the totals; a session's do.
  if (changes.length && !options.lesson && !options.correction) {
    const terms = await tx.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', cls.school_year_id).execute();
    const termNo = termNoOfDay(date, terms.map((t) => ({ termNo: Number(t.term_no), startsOn: t.starts_on, endsOn: t.ends_on })));
    const lock = findRecordLock({ grade: Number(cls.grade), classId: cls.id, termNos: [termNo] }, (await loadBlockContext(tx, cls.school_year_id, 0)).locks);
    if (lock) {
      const field = `điểm danh ${SESSION_LABELS[session]} ${formatDay(date)}`;
      throw new AppError('LOCKED', lockedRecordsMessage(changes.map((m) => ({ studentName: students.get(m.studentId)!.fullName, field, lock }))));
    }
  }
  const events: AuditEntry[] = [];
  for (const m of changes) {
    const current = existing.get(m.studentId);
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
      after: {
        studentId: m.studentId,
        date,
        session,
        periodNo,
        kind: m.kind,
        note: m.kind ? m.note : '',
        ...(options.correction && { correctionRequestId: options.correction.requestId }),
      },
      ...(options.correction && { source: 'correction' }),
    });
    changed += 1;
  }
  // The roll itself is recorded — also when everybody was present; a correction is no roll.
  if (!options.correction) {
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
  }
  await writeAudits(tx, audit, events);
  return changed;
}
