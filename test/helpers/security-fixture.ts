/**
 * The school the security suites run against: the demo (THCS Nguyễn Trãi, class 6A1) plus the
 * two subjects the demo lacks — a teacher who teaches only ANOTHER class (9A2) and a guardian of
 * ANOTHER child of 6A1 — and one logged-in session per subject of the permission matrix.
 * The primary school's principal (th.hieutruong) is the "user of another school".
 */
import { randomUUID } from 'node:crypto';
import { staffRow, userRoleRow, userRow } from '../../bench/support/account-rows.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { type TestServer, startTestServer } from './server.ts';
import { freshTotpCode } from './fresh-totp.ts';

export const SUBJECTS = [
  'principal',
  'vicePrincipal',
  'adminBoard',
  'homeroom',
  'subjectTeacher',
  'otherTeacher',
  'clerk',
  'guardian',
  'otherGuardian',
  'district',
  'province',
  'otherSchool',
  'anonymous',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export const USERNAMES: Record<Exclude<Subject, 'anonymous'>, string> = {
  principal: 'hieutruong',
  vicePrincipal: 'phohieutruong',
  adminBoard: 'quantri',
  homeroom: 'gvcn.6a1',
  subjectTeacher: 'giaovien',
  otherTeacher: 'gv.lopkhac',
  clerk: 'vanthu',
  guardian: 'phuhuynh',
  otherGuardian: 'phuhuynh.khac',
  district: 'phonggd',
  province: 'sogd',
  otherSchool: 'th.hieutruong',
};

export interface Session {
  cookie: string;
  csrf: string;
}

export interface SecurityFixture {
  server: TestServer;
  password: string;
  schoolId: string;
  otherSchoolId: string;
  yearId: string;
  /** 6A1: the class every sample targets. */
  classId: string;
  /** 6A2 (same grade): target of change-class. */
  sameGradeClassId: string;
  /** 9A2: the class the "other teacher" teaches. */
  otherClassId: string;
  /** A scored subject of 6A1 taught by giaovien (not the homeroom teacher). */
  subjectId: string;
  subjectTeacherStaffId: string;
  /** The guardian's child (6A1). */
  childId: string;
  /** The other guardian's child (6A1). */
  otherChildId: string;
  /** Students of 9A2 the enrollment samples may move out, one per subject. */
  spareStudentIds: string[];
  userIds: Record<Exclude<Subject, 'anonymous'>, string>;
  totpSecret(username: string): string | undefined;
  sessions: Partial<Record<Subject, Session>>;
}

/** Logs a user in over HTTP (password, then TOTP) and returns the cookie and CSRF token. */
export async function loginSession(baseUrl: string, username: string, password: string, totpSecret?: string): Promise<Session> {
  const post = async (path: string, body: unknown, cookie?: string, csrf?: string) =>
    fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie && { cookie }), ...(csrf && { 'x-csrf-token': csrf }) },
      body: JSON.stringify(body),
    });
  const res = await post('/api/v1/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { next: string; csrfToken: string };
  const cookie = /sodiem_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')![0];
  if (body.next === 'totp') {
    if (!totpSecret) throw new Error(`${username} needs a TOTP secret`);
    // The code of the server's clock, not the wall clock (issue 12).
    const t = await post('/api/v1/auth/totp', { code: freshTotpCode(baseUrl, totpSecret) }, cookie, body.csrfToken);
    if (t.status !== 200) throw new Error(`totp ${username} → ${t.status} ${await t.text()}`);
  }
  return { cookie, csrf: body.csrfToken };
}

export async function startSecurityFixture(options: { login?: boolean } = {}): Promise<SecurityFixture> {
  const server = await startTestServer({ demo: true, demoScores: false });
  const demo = server.demo!;
  const db = server.database.handle.db;
  const now = server.clock().toISOString();
  const classId = demo.classIds['6A1'];
  const otherClassId = demo.classIds['9A2'];

  const giaovien = await db.selectFrom('users').select(['staff_id']).where('username', '=', 'giaovien').executeTakeFirstOrThrow();
  const taught = await db
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select(['subjects.id'])
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '=', giaovien.staff_id!)
    .where('subjects.assessment_kind', '=', 'scored')
    .orderBy('subjects.sort_order')
    .executeTakeFirstOrThrow();

  const roster = async (cls: string) =>
    (
      await db
        .selectFrom('enrollments')
        .select(['student_id'])
        .where('class_id', '=', cls)
        .where('ends_on', 'is', null)
        .orderBy('list_number')
        .execute()
    ).map((r) => r.student_id);
  const sixA1 = await roster(classId);
  const nineA2 = await roster(otherClassId);
  const guardianRole = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['user_roles.student_id'])
    .where('users.username', '=', 'phuhuynh')
    .executeTakeFirstOrThrow();
  const childId = guardianRole.student_id!;
  const otherChildId = sixA1.find((id) => id !== childId)!;

  // The two subjects the demo lacks.
  const passwordHash = await hashPassword(demo.password);
  const addUser = async (username: string, fullName: string, role: 'teacher' | 'guardian', extra: { staffId?: string; studentId?: string }) => {
    const id = randomUUID();
    await db.insertInto('users').values(userRow({ id, username, passwordHash, fullName, schoolId: demo.schoolId, staffId: extra.staffId ?? null, now })).execute();
    await db.insertInto('user_roles').values(userRoleRow({ userId: id, role, schoolId: demo.schoolId, studentId: extra.studentId, now })).execute();
  };
  const staffId = randomUUID();
  const person = { familyName: 'Lê', middleName: 'Thị', givenName: 'Khác', sex: 'female', dateOfBirth: '1990-01-01' };
  await db.insertInto('staff').values(staffRow({ id: staffId, schoolId: demo.schoolId, person, position: 'teacher', now })).execute();
  const nineA2Subject = await db
    .selectFrom('teaching_assignments')
    .select(['id'])
    .where('class_id', '=', otherClassId)
    .orderBy('subject_id')
    .executeTakeFirstOrThrow();
  await db.updateTable('teaching_assignments').set({ staff_id: staffId }).where('id', '=', nineA2Subject.id).execute();
  await addUser('gv.lopkhac', 'Lê Thị Khác', 'teacher', { staffId });
  await addUser('phuhuynh.khac', 'Phụ huynh học sinh khác', 'guardian', { studentId: otherChildId });

  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const userIds = Object.fromEntries(
    Object.entries(USERNAMES).map(([subject, username]) => [subject, users.find((u) => u.username === username)!.id]),
  ) as SecurityFixture['userIds'];
  const totpSecret = (username: string) => demo.logins.find((l) => l.username === username)?.totpSecret;

  const fx: SecurityFixture = {
    server,
    password: demo.password,
    schoolId: demo.schoolId,
    otherSchoolId: demo.primarySchoolId,
    yearId: demo.yearId,
    classId,
    sameGradeClassId: demo.classIds['6A2'],
    otherClassId,
    subjectId: taught.id,
    subjectTeacherStaffId: giaovien.staff_id!,
    childId,
    otherChildId,
    spareStudentIds: nineA2.slice(-20),
    userIds,
    totpSecret,
    sessions: {},
  };
  if (options.login !== false) {
    for (const [subject, username] of Object.entries(USERNAMES) as [Subject, string][]) {
      fx.sessions[subject] = await loginSession(server.baseUrl, username, demo.password, totpSecret(username));
    }
  }
  return fx;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One request as a subject (cookie + CSRF token), without the client-side cookie jar. */
export async function requestAs(
  fx: SecurityFixture,
  subject: Subject,
  method: string,
  path: string,
  payload?: { body?: unknown; form?: FormData; headers?: Record<string, string> },
): Promise<RawResponse> {
  const session = subject === 'anonymous' ? undefined : fx.sessions[subject];
  const headers: Record<string, string> = { ...payload?.headers };
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = session.csrf;
  }
  let body: BodyInit | undefined;
  if (payload?.form) body = payload.form;
  else if (payload?.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(payload.body);
  }
  const res = await fetch(fx.server.baseUrl + path, { method, headers, body });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let parsed: any = buf;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** How many audit events the database holds (a denied or refused write must not add one). */
export async function auditCount(fx: SecurityFixture): Promise<number> {
  const row = await fx.server.database.handle.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
