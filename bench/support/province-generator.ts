/**
 * A province-sized data set written straight into the database with bulk inserts, through our
 * schema (the app works on it): a Sở, one Phòng per 30 schools, `schools` THCS schools, each with
 * the current school year created by the real `createSchoolYear` action (terms, the subjects of
 * the 2018 programme for grades 6–9, as the demo seed does), classes of about 45 students across
 * grades 6–9, teachers with accounts, a vice-principal per school (the leadership: progress pages)
 * and every class × subject assigned to a teacher of the school. Students and enrollments go in
 * by multi-row INSERTs (no per-student audit events: a generated data set, not typed-in records;
 * the audit chains that exist — school years, subjects — verify).
 *
 * Default 300 schools, 150,000 students; `scale` shrinks both for CI and smaller runs.
 */
import { benchClock } from './bench-clock.ts';
import { randomUUID } from 'node:crypto';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { createSchoolYear } from '../../src/server/setup/create-school-year.ts';
import type { AuditContext } from '../../src/server/platform/audit/audit-log.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { type DatabaseHandle, migrateToLatest } from '../../src/server/platform/db/database.ts';
import { studentColumns } from '../../src/server/school/people-queries.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { createDemoIdRegistry, generateStudents, generateTeachers } from '../../src/server/demo/demo-people.ts';
import { DEMO_PASSWORD, demoYearFor } from '../../src/server/demo/seed-demo.ts';
import { personFullName, staffRow, userRoleRow, userRow } from './account-rows.ts';
import { insertInChunks } from './bulk-insert.ts';
import type { BenchGradebook } from './gradebook-data.ts';

export interface ProvinceSize {
  schools: number;
  students: number;
  /** Students per class, at most (classes are filled evenly). */
  classSize?: number;
  /** Class × subject pairs one teacher takes. */
  loadPerTeacher?: number;
}

export const PROVINCE_DEFAULT: ProvinceSize = { schools: 300, students: 150_000 };

export interface ProvinceGradebook extends BenchGradebook {
  schoolId: string;
  yearId: string;
}

export interface ProvinceSchool {
  schoolId: string;
  yearId: string;
  /** The vice-principal: sees the school's progress pages. */
  leader: string;
}

export interface Province {
  password: string;
  schools: ProvinceSchool[];
  /** Every teacher account; BenchGradebook.teacher indexes this list. */
  teachers: { username: string; userId: string; schoolIndex: number }[];
  /** Every class × scored subject, with its score columns of both terms. */
  gradebooks: ProvinceGradebook[];
  counts: { schools: number; classes: number; students: number; teachers: number; assignments: number; gradebooks: number };
  seconds: number;
}

const GRADES = [6, 7, 8, 9];

export async function generateProvince(handle: DatabaseHandle, size: ProvinceSize = PROVINCE_DEFAULT, log: (line: string) => void = () => {}): Promise<Province> {
  const t0 = performance.now();
  const { db } = handle;
  await migrateToLatest(db);
  const nowDate = benchClock();
  const now = nowDate.toISOString();
  const startYear = demoYearFor(nowDate);
  const system: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem province generator', requestId: 'province-generator', now };
  const classSize = size.classSize ?? 45;
  const load = size.loadPerTeacher ?? 8;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const registry = createDemoIdRegistry();
  // One registry for the province: national IDs and student codes never repeat.

  const provinceId = randomUUID();
  await db.insertInto('org_units').values({ id: provinceId, kind: 'province', code: 'SO-PEAK', name: 'Sở Giáo dục và Đào tạo (dữ liệu tải đỉnh)', parent_id: null, created_at: now }).execute();
  const districts: string[] = [];
  for (let d = 0; d < Math.ceil(size.schools / 30); d++) {
    const id = randomUUID();
    districts.push(id);
    await db.insertInto('org_units').values({ id, kind: 'district', code: `PHONG-${d + 1}`, name: `Phòng Giáo dục và Đào tạo số ${d + 1}`, parent_id: provinceId, created_at: now }).execute();
  }

  const province: Province = { password: DEMO_PASSWORD, schools: [], teachers: [], gradebooks: [], counts: { schools: 0, classes: 0, students: 0, teachers: 0, assignments: 0, gradebooks: 0 }, seconds: 0 };
  const perSchool = Math.floor(size.students / size.schools);
  for (let k = 0; k < size.schools; k++) {
    const students = perSchool + (k < size.students - perSchool * size.schools ? 1 : 0);
    const schoolId = randomUUID();
    const code = `THCS-${String(k + 1).padStart(3, '0')}`;
    await db
      .insertInto('schools')
      .values({ id: schoolId, org_unit_id: districts[Math.floor(k / 30)], code, name: `Trường THCS số ${k + 1}`, level: 'lower_secondary', address: '', phone: '', settings_json: '{}', created_at: now })
      .execute();
    const yearId = await createSchoolYear({
      db,
      schoolId,
      input: {
        startYear,
        startsOn: `${startYear}-09-05`,
        endsOn: `${startYear + 1}-05-31`,
        terms: [
          { termNo: 1, startsOn: `${startYear}-09-05`, endsOn: `${startYear + 1}-01-16`, endTestOn: `${startYear}-12-28` },
          { termNo: 2, startsOn: `${startYear + 1}-01-18`, endsOn: `${startYear + 1}-05-31`, endTestOn: `${startYear + 1}-05-10` },
        ],
        grades: GRADES,
        copyFromYearId: null,
      },
      audit: system,
    });
    const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', yearId).orderBy('sort_order').execute();

    // Classes: as few as hold the students at classSize, spread over the four grades.
    const classCount = Math.max(1, Math.ceil(students / classSize));
    const classes = Array.from({ length: classCount }, (_, c) => {
      const grade = GRADES[c % GRADES.length];
      return { id: randomUUID(), grade, name: `${grade}A${Math.floor(c / GRADES.length) + 1}`, size: Math.floor(students / classCount) + (c < students % classCount ? 1 : 0) };
    });
    const pairs = classes.flatMap((c) => subjects.filter((s) => Number(s.grade) === c.grade).map((s) => ({ cls: c, subject: s })));
    const teacherCount = Math.max(1, Math.ceil(pairs.length / load));

    await db.transaction().execute(async (tx) => {
      const people = generateTeachers(teacherCount + 1, { seed: 7000 + k });
      const staff = people.map((t, i) => staffRow({ id: randomUUID(), schoolId, person: t, position: i === 0 ? 'vice_principal' : 'teacher', now }));
      const users = staff.map((s, i) =>
        userRow({
          id: randomUUID(),
          username: i === 0 ? `t${k + 1}.phht` : `t${k + 1}.gv${i}`,
          passwordHash,
          fullName: personFullName(people[i]),
          schoolId,
          staffId: s.id,
          now,
        }),
      );
      const roles = users.map((u, i) => userRoleRow({ userId: u.id, role: i === 0 ? 'vice_principal' : 'teacher', schoolId, now }));
      await insertInChunks(tx, 'staff', staff, 1000);
      await insertInChunks(tx, 'users', users, 1000);
      await insertInChunks(tx, 'user_roles', roles, 2000);
      await insertInChunks(
        tx,
        'classes',
        classes.map((c, i) => ({ id: c.id, school_id: schoolId, school_year_id: yearId, grade: c.grade, name: c.name, homeroom_staff_id: staff[1 + (i % teacherCount)].id, room: `P${i + 1}`, session: 'morning', created_at: now, version: 1 })),
        1000,
      );
      const studentRows: Record<string, unknown>[] = [];
      const enrollmentRows: Record<string, unknown>[] = [];
      const classStudents = new Map<string, string[]>();
      for (const [c, cls] of classes.entries()) {
        const generated = generateStudents(cls.size, { seed: 100_000 * (k + 1) + c, birthYear: startYear - (cls.grade + 5), registry });
        const ids: string[] = [];
        generated.forEach((s, n) => {
          const id = randomUUID();
          ids.push(id);
          studentRows.push({ id, school_id: schoolId, ...studentColumns(s), status: 'studying', created_at: now, updated_at: now, version: 1 });
          enrollmentRows.push({
            id: randomUUID(),
            school_id: schoolId,
            school_year_id: yearId,
            student_id: id,
            class_id: cls.id,
            status: 'active',
            starts_on: `${startYear}-09-05`,
            ends_on: null,
            list_number: n + 1,
            origin: 'intake',
            note: '',
            created_at: now,
            version: 1,
          });
        });
        classStudents.set(cls.id, ids);
      }
      await insertInChunks(tx, 'students', studentRows, 1000);
      await insertInChunks(tx, 'enrollments', enrollmentRows, 2000);
      const firstTeacher = province.teachers.length;
      users.slice(1).forEach((u) => province.teachers.push({ username: u.username, userId: u.id, schoolIndex: k }));
      const assignments = pairs.map((p, i) => ({ id: randomUUID(), school_id: schoolId, school_year_id: yearId, class_id: p.cls.id, subject_id: p.subject.id, staff_id: staff[1 + (i % teacherCount)].id, created_at: now }));
      await insertInChunks(tx, 'teaching_assignments', assignments, 2000);
      pairs.forEach((p, i) => {
        const assessment = subjectAssessment(p.subject);
        if (assessment.assessmentKind !== 'scored') return;
        const columns = ([1, 2] as const).flatMap((termNo) =>
          gradebookColumns(assessment, termNo)
            .filter((c) => c.kind === 'score')
            .map((c) => ({ termNo, key: c.key })),
        );
        province.gradebooks.push({
          classId: p.cls.id,
          className: p.cls.name,
          subjectId: p.subject.id,
          subjectCode: p.subject.code,
          teacher: firstTeacher + (i % teacherCount),
          studentIds: classStudents.get(p.cls.id)!,
          columns,
          schoolId,
          yearId,
        });
      });
      province.schools.push({ schoolId, yearId, leader: users[0].username });
      province.counts.classes += classes.length;
      province.counts.students += studentRows.length;
      province.counts.teachers += teacherCount;
      province.counts.assignments += assignments.length;
    });
    province.counts.schools += 1;
    if ((k + 1) % 25 === 0 || k + 1 === size.schools) log(`  ${k + 1}/${size.schools} schools, ${province.counts.students.toLocaleString('en-US')} students (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  province.counts.gradebooks = province.gradebooks.length;
  province.seconds = (performance.now() - t0) / 1000;
  return province;
}
