/**
 * The demo seeded on first start (SODIEM_DEMO=1): a Sở and a Phòng, a THCS school with the
 * current school year (grades 6–9, classes 6A1, 6A2, 9A1, 9A2 with 40 students each), a
 * primary school with class 3A (40 students, with their confirmed lớp 1 and lớp 2 years), teachers,
 * assignments and one account per role.
 * Deterministic: the same seed gives the same school.
 */
import { randomUUID } from 'node:crypto';
import { base32Encode, hashPassword } from '../auth/index.ts';
import { createSchoolYear, updateAssignments } from '../setup/index.ts';
import { addStudents } from '../people/index.ts';
import { type AuditContext, schoolChain, systemChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Role } from '../../domain/policies/actor.ts';
import { seedDemoScores } from './seed-demo-scores.ts';
import { seedDemoTranscripts } from './seed-demo-transcripts.ts';
import { seedDemoPrimaryTranscripts } from './seed-demo-primary-transcripts.ts';
import { seedDemoPrimaryAssessments } from './seed-demo-primary-assessments.ts';
import { createDemoIdRegistry, generateStudents, generateTeachers } from './demo-people.ts';
import { demoCalendar } from './demo-calendar.ts';
import { schoolYearContaining } from '../../domain/calendar/school-year-of.ts';
import { vietnamDay, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';

export const DEMO_PASSWORD = 'SoDiem@2026';
/** The school year the demo shows: the one running at `now` (a year starts on 1 September, Vietnam time). */
export function demoYearFor(now: Date): number {
  return schoolYearContaining(vietnamDay(now));
}

export interface DemoLogin {
  username: string;
  label: string;
  totpSecret?: string;
}

export interface DemoSeed {
  password: string;
  logins: DemoLogin[];
  provinceId: string;
  districtId: string;
  schoolId: string;
  primarySchoolId: string;
  yearId: string;
  primaryYearId: string;
  classIds: Record<string, string>;
}

/** Every demo account and what it shows. */
export const DEMO_LABELS: Record<string, string> = {
  hieutruong: 'Hiệu trưởng, THCS Nguyễn Trãi (có TOTP)',
  phohieutruong: 'Phó hiệu trưởng',
  quantri: 'Ban quản trị phần mềm (có TOTP)',
  'gvcn.6a1': 'Giáo viên chủ nhiệm lớp 6A1 (và giáo viên bộ môn)',
  'gvcn.9a1': 'Giáo viên chủ nhiệm lớp 9A1 (và giáo viên bộ môn)',
  giaovien: 'Giáo viên bộ môn',
  vanthu: 'Văn thư',
  phuhuynh: 'Phụ huynh một học sinh lớp 6A1',
  phonggd: 'Chuyên viên Phòng GDĐT (xem các trường)',
  sogd: 'Chuyên viên Sở GDĐT (xem các trường)',
  'th.hieutruong': 'Hiệu trưởng, Tiểu học Lê Quý Đôn (có TOTP)',
  'gvcn.3a': 'Giáo viên chủ nhiệm lớp 3A (tiểu học)',
};

export const demoSecret = (username: string) => base32Encode(Buffer.from(`sodiem-demo:${username}`.padEnd(20, '*').slice(0, 20)));

/**
 * Seeds the demo as if first started at `now` (the process clock, or `sodiem demo --at`): the
 * school year, terms, update windows and data of demo-calendar.ts for that day.
 */
export async function seedDemo(db: Db, options: { now: Date; scores?: boolean }): Promise<DemoSeed> {
  const nowDate = options.now;
  const calendar = demoCalendar(vietnamDay(nowDate));
  // The school and its year were set up before the year opened (25/08, 09:00 in Vietnam): every
  // record of the demo comes after it in the audit log.
  const now = new Date(Math.min(vietnamInstant(`${calendar.startYear}-08-25`, 9).getTime(), nowDate.getTime() - 3600_000)).toISOString();
  const DEMO_YEAR = calendar.startYear;
  const yearInput = { startYear: DEMO_YEAR, startsOn: calendar.year.startsOn, endsOn: calendar.year.endsOn, terms: calendar.year.terms, copyFromYearId: null };
  const firstDay = calendar.year.terms[0].startsOn;
  const system: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem seed-demo', requestId: 'seed-demo', now };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  const registry = createDemoIdRegistry();

  const provinceId = randomUUID();
  const districtId = randomUUID();
  await db.insertInto('org_units').values({ id: provinceId, kind: 'province', code: 'SO-DEMO', name: 'Sở Giáo dục và Đào tạo tỉnh Hưng Yên (dữ liệu mẫu)', parent_id: null, created_at: now }).execute();
  await db.insertInto('org_units').values({ id: districtId, kind: 'district', code: 'PHONG-DEMO', name: 'Phòng Giáo dục và Đào tạo thị xã Mỹ Hào (dữ liệu mẫu)', parent_id: provinceId, created_at: now }).execute();

  const schoolId = randomUUID();
  const primarySchoolId = randomUUID();
  await db
    .insertInto('schools')
    .values([
      { id: schoolId, org_unit_id: districtId, code: 'THCS-DEMO', name: 'Trường THCS Nguyễn Trãi', level: 'lower_secondary', address: 'Phường Bần Yên Nhân, tỉnh Hưng Yên', phone: '0221 3940 123', settings_json: '{}', created_at: now },
      { id: primarySchoolId, org_unit_id: districtId, code: 'TH-DEMO', name: 'Trường Tiểu học Lê Quý Đôn', level: 'primary', address: 'Phường Mỹ Hào, tỉnh Hưng Yên', phone: '0221 3940 456', settings_json: '{}', created_at: now },
    ])
    .execute();

  async function addUser(p: { username: string; fullName: string; schoolId?: string; orgUnitId?: string; staffId?: string; roles: Role[]; studentId?: string; totp?: boolean }) {
    const id = randomUUID();
    const totpSecret = p.totp ? demoSecret(p.username) : null;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values({
          id,
          username: p.username,
          password_hash: passwordHash,
          full_name: p.fullName,
          school_id: p.schoolId ?? null,
          org_unit_id: p.orgUnitId ?? null,
          staff_id: p.staffId ?? null,
          must_change_password: 0,
          totp_secret: totpSecret,
          totp_enabled: totpSecret ? 1 : 0,
          failed_logins: 0,
          locked_until: null,
          disabled: 0,
          last_login_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      for (const role of p.roles) {
        await tx
          .insertInto('user_roles')
          .values({ id: randomUUID(), user_id: id, role, school_id: p.schoolId ?? null, org_unit_id: p.orgUnitId ?? null, student_id: p.studentId ?? null, created_at: now })
          .execute();
      }
      await writeAudit(tx, system, {
        chainKey: p.schoolId ? schoolChain(p.schoolId) : systemChain,
        schoolId: p.schoolId ?? null,
        action: 'account.created',
        entityType: 'user',
        entityId: id,
        before: null,
        after: { username: p.username, fullName: p.fullName, staffId: p.staffId ?? null, grants: p.roles.map((role) => ({ role, studentId: p.studentId ?? null })) },
        reason: 'Tài khoản dùng thử',
      });
    });
    logins.push({ username: p.username, label: DEMO_LABELS[p.username], ...(totpSecret && { totpSecret }) });
    return id;
  }

  async function addStaff(sId: string, t: ReturnType<typeof generateTeachers>[number], position: string) {
    const id = randomUUID();
    await db
      .insertInto('staff')
      .values({
        id,
        school_id: sId,
        family_name: t.familyName,
        middle_name: t.middleName,
        given_name: t.givenName,
        sex: t.sex,
        date_of_birth: t.dateOfBirth,
        position,
        speciality: t.subjectSpeciality ?? '',
        phone: '',
        email: '',
        active: 1,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    return id;
  }
  const fullName = (t: { familyName: string; middleName: string; givenName: string }) => [t.familyName, t.middleName, t.givenName].filter(Boolean).join(' ');

  // ---- THCS ----
  const teachers = generateTeachers(16, { seed: 2026 });
  const staffIds: string[] = [];
  for (const [i, t] of teachers.entries()) staffIds.push(await addStaff(schoolId, t, i === 0 ? 'principal' : i === 1 ? 'vice_principal' : 'teacher'));
  const year = await createSchoolYear({
    db,
    schoolId,
    input: { ...yearInput, grades: [6, 7, 8, 9] },
    audit: system,
  });
  const classIds: Record<string, string> = {};
  const classNames = ['6A1', '6A2', '9A1', '9A2'];
  for (const [i, name] of classNames.entries()) {
    const id = randomUUID();
    classIds[name] = id;
    await db
      .insertInto('classes')
      .values({ id, school_id: schoolId, school_year_id: year, grade: Number(name[0]), name, homeroom_staff_id: staffIds[2 + i], room: `P${101 + i}`, session: 'morning', created_at: now, version: 1 })
      .execute();
  }
  for (const [i, name] of classNames.entries()) {
    const cls = await db.selectFrom('classes').selectAll().where('id', '=', classIds[name]).executeTakeFirstOrThrow();
    const birthYear = DEMO_YEAR - (Number(name[0]) + 5);
    const students = generateStudents(40, { seed: 100 + i, birthYear, registry });
    await addStudents({ db, cls, students: students.map((student) => ({ student })), startsOn: firstDay, origin: 'intake', source: 'imported', audit: system });
  }
  // Teaching assignments: teacher k teaches a fixed set of subjects in all four classes.
  const subjects = await db.selectFrom('subjects').select(['id', 'grade', 'code']).where('school_year_id', '=', year).where('grade', 'in', [6, 9]).execute();
  const codes = [...new Set(subjects.map((s) => s.code))].sort();
  const teacherFor = (code: string, className: string) => staffIds[2 + ((codes.indexOf(code) + (className.startsWith('9') ? 5 : 0)) % (staffIds.length - 2))];
  const changes = classNames.flatMap((name) =>
    subjects.filter((s) => Number(s.grade) === Number(name[0])).map((s) => ({ classId: classIds[name], subjectId: s.id, staffId: teacherFor(s.code, name) })),
  );
  const yearRow = await db.selectFrom('school_years').selectAll().where('id', '=', year).executeTakeFirstOrThrow();
  await updateAssignments({ db, year: yearRow, changes, audit: system });

  const principalUserId = await addUser({ username: 'hieutruong', fullName: fullName(teachers[0]), schoolId, staffId: staffIds[0], roles: ['principal'], totp: true });
  await addUser({ username: 'phohieutruong', fullName: fullName(teachers[1]), schoolId, staffId: staffIds[1], roles: ['vice_principal'] });
  const adminUserId = await addUser({ username: 'quantri', fullName: 'Ban quản trị phần mềm', schoolId, roles: ['admin'], totp: true });
  await addUser({ username: 'gvcn.6a1', fullName: fullName(teachers[2]), schoolId, staffId: staffIds[2], roles: ['teacher'] });
  await addUser({ username: 'gvcn.9a1', fullName: fullName(teachers[4]), schoolId, staffId: staffIds[4], roles: ['teacher'] });
  await addUser({ username: 'giaovien', fullName: fullName(teachers[8]), schoolId, staffId: staffIds[8], roles: ['teacher'] });
  await addUser({ username: 'vanthu', fullName: 'Văn thư nhà trường', schoolId, roles: ['clerk'] });
  const child = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .select(['students.id', 'students.guardians_json', 'students.family_name'])
    .where('enrollments.class_id', '=', classIds['6A1'])
    .orderBy('enrollments.list_number')
    .executeTakeFirstOrThrow();
  const guardianName = (JSON.parse(child.guardians_json) as { fullName: string }[])[0]?.fullName ?? `Phụ huynh ${child.family_name}`;
  await addUser({ username: 'phuhuynh', fullName: guardianName, schoolId, roles: ['guardian'], studentId: child.id });
  await addUser({ username: 'phonggd', fullName: 'Chuyên viên Phòng GDĐT', orgUnitId: districtId, roles: ['district_officer'] });
  await addUser({ username: 'sogd', fullName: 'Chuyên viên Sở GDĐT', orgUnitId: provinceId, roles: ['province_officer'] });

  if (options.scores !== false) {
    await seedDemoScores(db, { schoolId, yearId: year, classIds: classNames.map((n) => classIds[n]), completeClassId: classIds['9A1'], principalUserId, adminUserId, calendar, now: nowDate });
  }
  if (options.scores !== false) await seedDemoTranscripts(db, { schoolId, currentStartYear: DEMO_YEAR, classId9A1: classIds['9A1'], principalUserId, homeroomStaffIds: staffIds.slice(2, 6), now });

  // ---- Primary: class 3A ----
  const pTeachers = generateTeachers(4, { seed: 3030 });
  const pStaff: string[] = [];
  for (const [i, t] of pTeachers.entries()) pStaff.push(await addStaff(primarySchoolId, t, i === 0 ? 'principal' : 'teacher'));
  const primaryYearId = await createSchoolYear({
    db,
    schoolId: primarySchoolId,
    input: { ...yearInput, grades: [1, 2, 3, 4, 5] },
    audit: system,
  });
  const c3a = randomUUID();
  classIds['3A'] = c3a;
  await db
    .insertInto('classes')
    .values({ id: c3a, school_id: primarySchoolId, school_year_id: primaryYearId, grade: 3, name: '3A', homeroom_staff_id: pStaff[1], room: 'P3A', session: 'full_day', created_at: now, version: 1 })
    .execute();
  const cls3a = await db.selectFrom('classes').selectAll().where('id', '=', c3a).executeTakeFirstOrThrow();
  await addStudents({ db, cls: cls3a, students: generateStudents(40, { seed: 300, birthYear: DEMO_YEAR - 8, registry }).map((student) => ({ student })), startsOn: firstDay, origin: 'intake', source: 'imported', audit: system });
  const pSubjects = await db.selectFrom('subjects').select(['id']).where('school_year_id', '=', primaryYearId).where('grade', '=', 3).execute();
  const pYear = await db.selectFrom('school_years').selectAll().where('id', '=', primaryYearId).executeTakeFirstOrThrow();
  await updateAssignments({ db, year: pYear, changes: pSubjects.map((s) => ({ classId: c3a, subjectId: s.id, staffId: pStaff[1] })), audit: system });
  const primaryPrincipalUserId = await addUser({ username: 'th.hieutruong', fullName: fullName(pTeachers[0]), schoolId: primarySchoolId, staffId: pStaff[0], roles: ['principal'], totp: true });
  const gvcn3aUserId = await addUser({ username: 'gvcn.3a', fullName: fullName(pTeachers[1]), schoolId: primarySchoolId, staffId: pStaff[1], roles: ['teacher'] });
  // 3A at its current assessment point (giữa HK I, cuối HK I, giữa HK II, cuối năm) and every earlier one.
  if (options.scores !== false) await seedDemoPrimaryAssessments(db, { schoolId: primarySchoolId, yearId: primaryYearId, classId: c3a, homeroomUserId: gvcn3aUserId, calendar });
  if (options.scores !== false) await seedDemoPrimaryTranscripts(db, { schoolId: primarySchoolId, currentStartYear: DEMO_YEAR, classId3A: c3a, principalUserId: primaryPrincipalUserId, homeroomStaffIds: [pStaff[2], pStaff[3]], now });

  return { password: DEMO_PASSWORD, logins, provinceId, districtId, schoolId, primarySchoolId, yearId: year, primaryYearId, classIds };
}

/** The ids of a demo seeded earlier into this database (by `npm start` or `sodiem demo --at`), or null. */
export async function describeDemo(db: Db): Promise<DemoSeed | null> {
  const logins = await existingDemoLogins(db);
  if (!logins.length) return null;
  const units = await db.selectFrom('org_units').select(['id', 'code']).where('code', 'in', ['SO-DEMO', 'PHONG-DEMO']).execute();
  const schools = await db.selectFrom('schools').select(['id', 'code']).where('code', 'in', ['THCS-DEMO', 'TH-DEMO']).execute();
  const idOf = (rows: { id: string; code: string }[], code: string) => rows.find((r) => r.code === code)?.id ?? '';
  const schoolId = idOf(schools, 'THCS-DEMO');
  const primarySchoolId = idOf(schools, 'TH-DEMO');
  const latestYear = async (sId: string) =>
    (await db.selectFrom('school_years').select('id').where('school_id', '=', sId).orderBy('start_year', 'desc').executeTakeFirstOrThrow()).id;
  const yearId = await latestYear(schoolId);
  const primaryYearId = await latestYear(primarySchoolId);
  const classes = await db.selectFrom('classes').select(['id', 'name']).where('school_year_id', 'in', [yearId, primaryYearId]).execute();
  return {
    password: DEMO_PASSWORD,
    logins,
    provinceId: idOf(units, 'SO-DEMO'),
    districtId: idOf(units, 'PHONG-DEMO'),
    schoolId,
    primarySchoolId,
    yearId,
    primaryYearId,
    classIds: Object.fromEntries(classes.map((c) => [c.name, c.id])),
  };
}

/** The demo logins, when the demo was seeded earlier into this database (for the start banner). */
export async function existingDemoLogins(db: Db): Promise<DemoLogin[]> {
  const users = await db.selectFrom('users').select(['username', 'full_name', 'totp_secret']).execute();

  const isDemo = users.some((u) => u.username === 'hieutruong' && u.totp_secret === demoSecret('hieutruong'));
  if (!isDemo) return [];
  return users
    .filter((u) => u.username in DEMO_LABELS)
    .sort((a, b) => Object.keys(DEMO_LABELS).indexOf(a.username) - Object.keys(DEMO_LABELS).indexOf(b.username))
    .map((u) => ({ username: u.username, label: DEMO_LABELS[u.username], ...(u.totp_secret && { totpSecret: u.totp_secret }) }));
}
