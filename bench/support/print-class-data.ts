/**
 * The printing benchmark's class: a demo class (seeded with scores) brought to 45 students through
 * the real `addStudents` action, then every required grade-book cell of both terms filled (plain
 * inserts: set-up only, nothing here is timed) and the KQRL of both terms given — a full year, as
 * the class book prints it at the end of the school year.
 */
import { randomUUID } from 'node:crypto';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { addStudents } from '../../src/server/people/add-students.ts';
import type { AuditContext } from '../../src/server/platform/audit/audit-log.ts';
import type { Db } from '../../src/server/platform/db/database.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import type { NewRow } from '../../src/server/platform/db/schema.ts';
import { createDemoIdRegistry, createRandom, generateStudents } from '../../src/server/demo/demo-people.ts';
import { insertInChunks } from './bulk-insert.ts';

export interface BenchClass {
  classId: string;
  className: string;
  students: number;
  subjects: number;
  cells: number;
}

/** Registry of the ids already used in the database, so generated students never collide. */
export async function idRegistry(db: Db) {
  const registry = createDemoIdRegistry();
  for (const s of await db.selectFrom('students').select(['national_id', 'student_code']).execute()) {
    if (s.national_id) registry.nationalIds.add(s.national_id);
    if (s.student_code) registry.studentCodes.add(s.student_code);
  }
  return registry;
}

export async function prepareBenchClass(db: Db, classId: string, size: number, now: string): Promise<BenchClass> {
  const cls = await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirstOrThrow();
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', cls.school_year_id).executeTakeFirstOrThrow();
  const actor = await db.selectFrom('users').select('id').where('username', '=', 'gvcn.9a1').executeTakeFirstOrThrow();
  const audit: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem bench', requestId: 'bench-print', now };
  const enrolled = await db.selectFrom('enrollments').select('student_id').where('class_id', '=', classId).where('status', 'in', ['active', 'transferred_in']).execute();
  if (enrolled.length < size) {
    const students = generateStudents(size - enrolled.length, { seed: 4545, birthYear: Number(year.start_year) - (Number(cls.grade) + 5), registry: await idRegistry(db) });
    await addStudents({ db, cls, students: students.map((student) => ({ student })), startsOn: year.starts_on, origin: 'transfer_in', source: 'typed', audit });
  }
  const studentIds = (
    await db.selectFrom('enrollments').select('student_id').where('class_id', '=', classId).where('status', 'in', ['active', 'transferred_in']).orderBy('list_number').execute()
  ).map((e) => e.student_id);

  // Every required cell of both terms that the demo left empty: a score around the student's level.
  const random = createRandom(20270531);
  const level = new Map(studentIds.map((id) => [id, 55 + Math.floor(random.next() * 40)]));
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).where('assessment_kind', 'in', ['scored', 'comment']).execute();
  const existing = await db.selectFrom('gradebook_cells').select(['subject_id', 'student_id', 'term_no', 'column_key']).where('class_id', '=', classId).execute();
  const have = new Set(existing.map((c) => `${c.subject_id}|${c.student_id}|${c.term_no}|${c.column_key}`));
  const cells: NewRow<'gradebook_cells'>[] = [];
  for (const s of subjects) {
    for (const termNo of [1, 2] as const) {
      for (const col of gradebookColumns(subjectAssessment(s), termNo).filter((c) => c.required)) {
        for (const studentId of studentIds) {
          if (have.has(`${s.id}|${studentId}|${termNo}|${col.key}`)) continue;
          const raw = level.get(studentId)! + Math.floor((random.next() - 0.45) * 30);
          const tenths = Math.max(20, Math.min(100, random.chance(0.7) ? raw - (raw % 5) : raw));
          cells.push({
            id: randomUUID(),
            school_id: cls.school_id,
            school_year_id: cls.school_year_id,
            class_id: classId,
            subject_id: s.id,
            student_id: studentId,
            term_no: termNo,
            column_key: col.key,
            score_tenths: col.kind === 'score' ? tenths : null,
            text_value: col.kind === 'score' ? null : random.chance(0.97) ? 'Đ' : 'CĐ',
            version: 1,
            updated_at: now,
            updated_by: actor.id,
          });
        }
      }
    }
  }
  await insertInChunks(db, 'gradebook_cells', cells, 200);

  // KQRL of both terms (the homeroom teacher's assessment), where the demo has none.
  const conduct = await db.selectFrom('conduct_assessments').select(['student_id', 'period']).where('class_id', '=', classId).execute();
  const assessed = new Set(conduct.map((c) => `${c.student_id}|${c.period}`));
  const levels = ['T', 'T', 'K', 'T', 'Đ', 'K', 'T'];
  const conductRows: NewRow<'conduct_assessments'>[] = [];
  for (const period of ['term1', 'term2']) {
    for (const [i, studentId] of studentIds.entries()) {
      if (assessed.has(`${studentId}|${period}`)) continue;
      conductRows.push({ id: randomUUID(), school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: classId, student_id: studentId, period, level: levels[(i + (period === 'term2' ? 1 : 0)) % levels.length], comment: 'Chăm ngoan, lễ phép, tích cực tham gia hoạt động của lớp.', version: 1, updated_by: actor.id, updated_at: now });
    }
  }
  await insertInChunks(db, 'conduct_assessments', conductRows, 200);
  const total = await db.selectFrom('gradebook_cells').select((eb) => eb.fn.countAll().as('n')).where('class_id', '=', classId).executeTakeFirstOrThrow();
  return { classId, className: cls.name, students: studentIds.length, subjects: subjects.length, cells: Number(total.n) };
}
