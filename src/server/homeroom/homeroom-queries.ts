/** Queries for the homeroom teacher's pages (G6, G7): conduct per period, retest subjects, transcript year records. */
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { notFound } from '../platform/errors.ts';
import { loadClassStudents } from '../gradebook/index.ts';
import { loadConduct, yearConduct } from '../results/index.ts';

/** The conduct sheet of a class for one period: its current students, each with the level, comment and version. */
export async function loadConductSheet(db: Executor, cls: Row<'classes'>, period: 'term1' | 'term2' | 'year' | 'summer') {
  const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
  const conduct = await loadConduct(db, cls.id, cls.school_year_id);
  return {
    classId: cls.id,
    period,
    rows: students.map((s) => {
      const periods = conduct.get(s.studentId);
      const row = periods?.get(period);
      const yc = yearConduct(periods);
      return {
        studentId: s.studentId,
        listNumber: s.listNumber,
        fullName: s.fullName,
        level: (period === 'year' ? yc.level : ((row?.level as 'T') ?? null)) ?? null,
        comment: row?.comment ?? '',
        version: row ? Number(row.version) : 0,
        computed: period === 'year' ? yc.computed : null,
      };
    }),
  };
}

/** A subject of the class's school year; any other is not found. */
export async function getYearSubjectOr404(db: Executor, cls: Row<'classes'>, subjectId: string) {
  const subject = await db.selectFrom('subjects').selectAll().where('id', '=', subjectId).executeTakeFirst();
  if (!subject || subject.school_year_id !== cls.school_year_id) throw notFound('môn học của lớp này');
  return subject;
}

/** The confirmed transcript year records of a class, with who confirmed them. */
export async function listTranscriptRecords(db: Executor, classId: string) {
  const rows = await db
    .selectFrom('transcript_records')
    .innerJoin('users', 'users.id', 'transcript_records.confirmed_by')
    .selectAll('transcript_records')
    .select('users.full_name')
    .where('transcript_records.class_id', '=', classId)
    .where('transcript_records.status', '=', 'confirmed')
    .execute();
  return rows.map((r) => {
    const record = JSON.parse(r.record_json) as { identity: { fullName: string } };
    return {
      id: r.id,
      studentId: r.student_id,
      fullName: record.identity.fullName,
      versionNo: Number(r.version_no),
      status: r.status as 'confirmed',
      sha256: r.sha256,
      ruleVersion: r.rule_version,
      confirmedAt: r.confirmed_at,
      confirmedByName: r.full_name,
      record,
    };
  });
}
