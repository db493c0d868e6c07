/**
 * A school big enough for the grade-book save benchmark: a fresh database (SQLite file or a new
 * PostgreSQL database), migrated, the demo seeded, then — through the real actions — extra classes
 * of 45 students each, teachers with accounts, and teaching assignments so that every class ×
 * scored subject has its own teacher. Returns what the load generator needs: the grade books and
 * their score columns, and who may write them.
 */
import { benchClock } from './bench-clock.ts';
import { randomUUID } from 'node:crypto';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { addStudents } from '../../src/server/people/add-students.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { updateAssignments } from '../../src/server/setup/update-assignments.ts';
import { type AuditContext, schoolChain, writeAudit } from '../../src/server/platform/audit/audit-log.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { type DatabaseHandle, migrateToLatest } from '../../src/server/platform/db/database.ts';
import { generateStudents, generateTeachers } from '../../src/server/demo/demo-people.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/demo/seed-demo.ts';
import { personFullName, staffRow, userRoleRow, userRow } from './account-rows.ts';
import { idRegistry } from './print-class-data.ts';
import { DEFAULT_PG_ADMIN_URL, type Dialect, type ScratchDatabase, createScratchDatabase } from './scratch-database.ts';

export type { Dialect } from './scratch-database.ts';
export { DEFAULT_PG_ADMIN_URL } from './scratch-database.ts';
export type BenchDatabase = ScratchDatabase;

/** The grade-book bench's database: BENCH_DATABASE_URL's server (or the local one) for PostgreSQL. */
export const createBenchDatabase = (dialect: Dialect): Promise<BenchDatabase> =>
  createScratchDatabase(dialect, process.env.BENCH_DATABASE_URL || DEFAULT_PG_ADMIN_URL, 'sodiem_bench');

/** One class × subject: one audit chain, several score columns per term. */
export interface BenchGradebook {
  classId: string;
  className: string;
  subjectId: string;
  subjectCode: string;
  /** Index into BenchSchool.teachers. */
  teacher: number;
  /** The class's students in list order (all active). */
  studentIds: string[];
  /** The score columns of both terms (ĐĐGtx…, ĐĐGgk, ĐĐGck; not the comment column). */
  columns: { termNo: 1 | 2; key: string }[];
}

export interface BenchSchool {
  schoolId: string;
  yearId: string;
  password: string;
  teachers: { username: string; userId: string }[];
  gradebooks: BenchGradebook[];
  classIds: string[];
}

export interface SchoolSize {
  classes: number;
  studentsPerClass: number;
  subjectsPerClass: number;
  teachers: number;
}

const GRADES = [6, 7, 8, 9];

export async function seedBenchSchool(handle: DatabaseHandle, size: SchoolSize): Promise<BenchSchool> {
  const { db } = handle;
  await migrateToLatest(db);
  // The demo's organisation and year, without its scores or update windows: the bench's own classes fill the grade books.
  const demo = await seedDemo(db, { now: benchClock(), scores: false });
  const now = benchClock().toISOString();
  const demoYear = await db.selectFrom('school_years').select(['start_year', 'starts_on']).where('id', '=', demo.yearId).executeTakeFirstOrThrow();
  const system: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem bench', requestId: 'bench-seed', now };

  // Teachers with accounts (one password hash for all, as the demo does).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const teachers: BenchSchool['teachers'] = [];
  const staffIds: string[] = [];
  for (const [i, t] of generateTeachers(size.teachers, { seed: 4242 }).entries()) {
    const staffId = randomUUID();
    await db.insertInto('staff').values(staffRow({ id: staffId, schoolId: demo.schoolId, person: t, position: 'teacher', now })).execute();
    const userId = randomUUID();
    const username = `bench.gv${String(i + 1).padStart(2, '0')}`;
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('users').values(userRow({ id: userId, username, passwordHash, fullName: personFullName(t), schoolId: demo.schoolId, staffId, now })).execute();
      await tx.insertInto('user_roles').values(userRoleRow({ userId, role: 'teacher', schoolId: demo.schoolId, now })).execute();
      // With its audit event, as the real action writes it: verify-audit holds on a bench school.
      await writeAudit(tx, system, {
        chainKey: schoolChain(demo.schoolId),
        schoolId: demo.schoolId,
        action: 'account.created',
        entityType: 'user',
        entityId: userId,
        before: null,
        after: { username, fullName: personFullName(t), staffId, grants: [{ role: 'teacher', studentId: null }] },
      });
    });
    staffIds.push(staffId);
    teachers.push({ username, userId });
  }

  // Classes of `studentsPerClass` students, added with the real action (enrollments, audit events).
  const registry = await idRegistry(db);
  const classes: { id: string; name: string; grade: number }[] = [];
  for (let k = 0; k < size.classes; k++) {
    const grade = GRADES[k % GRADES.length];
    const name = `${grade}B${Math.floor(k / GRADES.length) + 1}`;
    const id = randomUUID();
    await db
      .insertInto('classes')
      .values({ id, school_id: demo.schoolId, school_year_id: demo.yearId, grade, name, homeroom_staff_id: staffIds[k % staffIds.length], room: `B${k + 1}`, session: 'morning', created_at: now, version: 1 })
      .execute();
    const cls = await db.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const students = generateStudents(size.studentsPerClass, { seed: 9000 + k, birthYear: Number(demoYear.start_year) - (grade + 5), registry });
    await addStudents({ db, cls, students: students.map((student) => ({ student })), startsOn: demoYear.starts_on, origin: 'intake', source: 'imported', audit: system });
    classes.push({ id, name, grade });
  }

  // Each class × scored subject gets a teacher (round robin), through the real action.
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', demo.yearId).orderBy('sort_order').execute();
  const gradebooks: BenchGradebook[] = [];
  let next = 0;
  for (const cls of classes) {
    const scored = subjects.filter((s) => Number(s.grade) === cls.grade && subjectAssessment(s).assessmentKind === 'scored').slice(0, size.subjectsPerClass);
    const studentIds = (
      await db.selectFrom('enrollments').select('student_id').where('class_id', '=', cls.id).orderBy('list_number').execute()
    ).map((e) => e.student_id);
    for (const subject of scored) {
      const assessment = subjectAssessment(subject);
      const columns = ([1, 2] as const).flatMap((termNo) =>
        gradebookColumns(assessment, termNo)
          .filter((c) => c.kind === 'score')
          .map((c) => ({ termNo, key: c.key })),
      );
      gradebooks.push({ classId: cls.id, className: cls.name, subjectId: subject.id, subjectCode: subject.code, teacher: next++ % teachers.length, studentIds, columns });
    }
  }
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', demo.yearId).executeTakeFirstOrThrow();
  await updateAssignments({
    db,
    year,
    changes: gradebooks.map((g) => ({ classId: g.classId, subjectId: g.subjectId, staffId: staffIds[g.teacher] })),
    audit: system,
  });
  return { schoolId: demo.schoolId, yearId: demo.yearId, password: DEMO_PASSWORD, teachers, gradebooks, classIds: classes.map((c) => c.id) };
}
