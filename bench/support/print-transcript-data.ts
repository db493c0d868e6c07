/**
 * The printing benchmark's học bạ cohort: `count` students in grade 9 of the demo year (added to
 * new classes of 45 through the real `addStudents` action), each with confirmed transcript year
 * records for grades 6–9 and, per class and year, approved term and year result snapshots — the
 * shape seed-demo-transcripts.ts writes (TT22_2021 records), copied with varied names and scores.
 * Records and snapshots are bulk-inserted (set-up only; no audit entries, nothing here is timed).
 */
import { createHash, randomUUID } from 'node:crypto';
import { classifyAcademicTt22 } from '../../src/domain/assessment/classify-academic-tt22.ts';
import { ruleSetFor } from '../../src/domain/assessment/rule-sets.ts';
import { formatTenths, roundHalfUpTenths } from '../../src/domain/assessment/tenths.ts';
import type { Tt22Level } from '../../src/domain/assessment/tt22-level.ts';
import { titleTt22 } from '../../src/domain/assessment/title-tt22.ts';
import { addStudents } from '../../src/server/people/add-students.ts';
import { type AuditContext } from '../../src/server/platform/audit/audit-log.ts';
import { canonicalJson } from '../../src/server/platform/canonical-json.ts';
import type { Db } from '../../src/server/platform/db/database.ts';
import { formatStaffName, presentStudent } from '../../src/server/school/people-queries.ts';
import type { NewRow } from '../../src/server/platform/db/schema.ts';
import { buildTranscriptRecord } from '../../src/server/transcripts/build-transcript-record.ts';
import { createRandom, generateStudents } from '../../src/server/demo/demo-people.ts';
import { insertInChunks } from './bulk-insert.ts';
import { idRegistry } from './print-class-data.ts';

const CLASS_SIZE = 45;
const COMMENTS = ['Chăm ngoan, tích cực tham gia hoạt động của lớp.', 'Tiến bộ rõ ở các môn khoa học tự nhiên; cần mạnh dạn phát biểu hơn.', 'Có ý thức tự học tốt, hòa đồng với bạn bè.', 'Học lực ổn định, cần cố gắng hơn ở môn Ngữ văn.'];

export interface BenchCohort {
  studentIds: string[];
  years: number;
  records: number;
  classesPerYear: number;
}

const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');

export async function prepareBenchCohort(db: Db, o: { schoolId: string; yearId: string; count: number; now: string }): Promise<BenchCohort> {
  const random = createRandom(20260901);
  const audit: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem bench', requestId: 'bench-print-cohort', now: o.now };
  const school = await db.selectFrom('schools').select(['name', 'code']).where('id', '=', o.schoolId).executeTakeFirstOrThrow();
  const current = await db.selectFrom('school_years').selectAll().where('id', '=', o.yearId).executeTakeFirstOrThrow();
  const principal = await db.selectFrom('users').select('id').where('username', '=', 'hieutruong').executeTakeFirstOrThrow();
  const staff = await db.selectFrom('staff').selectAll().where('school_id', '=', o.schoolId).where('position', '=', 'teacher').execute();
  // The demo's own records: the shape every generated record must have.
  const template = await db.selectFrom('transcript_records').select('record_json').where('regime', '=', 'TT22_2021').executeTakeFirstOrThrow();
  const shape = JSON.parse(template.record_json) as { results: Record<string, unknown> } & Record<string, unknown>;
  const subjects = await db.selectFrom('subjects').select(['grade', 'code', 'name', 'assessment_kind', 'sort_order']).where('school_year_id', '=', o.yearId).where('assessment_kind', 'in', ['scored', 'comment']).orderBy('sort_order').execute();

  // The cohort: grade 9 of the demo year, classes 9T1, 9T2, … of 45.
  const startYear = Number(current.start_year);
  const classCount = Math.ceil(o.count / CLASS_SIZE);
  const registry = await idRegistry(db);
  const people = generateStudents(o.count, { seed: 8080, birthYear: startYear - 14, registry });
  const classRows: { id: string; yearId: string; startYear: number; grade: number; name: string; homeroom: string; students: string[] }[] = [];
  const studentIds: string[] = [];
  for (let k = 0; k < classCount; k++) {
    const id = randomUUID();
    const homeroom = staff[k % staff.length];
    await db.insertInto('classes').values({ id, school_id: o.schoolId, school_year_id: o.yearId, grade: 9, name: `9T${k + 1}`, homeroom_staff_id: homeroom.id, room: `T${k + 1}`, session: 'morning', created_at: o.now, version: 1 }).execute();
    const cls = await db.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const ids = await addStudents({ db, cls, students: people.slice(k * CLASS_SIZE, (k + 1) * CLASS_SIZE).map((student) => ({ student })), startsOn: current.starts_on, origin: 'intake', source: 'imported', audit });
    studentIds.push(...ids);
    classRows.push({ id, yearId: o.yearId, startYear, grade: 9, name: `9T${k + 1}`, homeroom: formatStaffName(homeroom), students: ids });
  }
  // The same groups in grades 6–8 (earlier school years, closed).
  for (const grade of [6, 7, 8]) {
    const sy = startYear - (9 - grade);
    let year = await db.selectFrom('school_years').select('id').where('school_id', '=', o.schoolId).where('start_year', '=', sy).executeTakeFirst();
    if (!year) {
      year = { id: randomUUID() };
      await db.insertInto('school_years').values({ id: year.id, school_id: o.schoolId, start_year: sy, name: `${sy}-${sy + 1}`, starts_on: `${sy}-09-05`, ends_on: `${sy + 1}-05-31`, status: 'closed', created_at: o.now }).execute();
    }
    const lookup = ruleSetFor({ schoolYearStart: sy, grade });
    if (!lookup.ok) throw new Error(lookup.message);
    const gl = await db.selectFrom('grade_levels').select('id').where('school_year_id', '=', year.id).where('grade', '=', grade).executeTakeFirst();
    if (!gl) await db.insertInto('grade_levels').values({ id: randomUUID(), school_id: o.schoolId, school_year_id: year.id, grade, regime: lookup.ruleSet.regime }).execute();
    const rows: NewRow<'classes'>[] = [];
    for (let k = 0; k < classCount; k++) {
      const homeroom = staff[(k + grade) % staff.length];
      const id = randomUUID();
      rows.push({ id, school_id: o.schoolId, school_year_id: year.id, grade, name: `${grade}T${k + 1}`, homeroom_staff_id: homeroom.id, room: `T${k + 1}`, session: 'morning', created_at: o.now, version: 1 });
      classRows.push({ id, yearId: year.id, startYear: sy, grade, name: `${grade}T${k + 1}`, homeroom: formatStaffName(homeroom), students: classRows[k].students });
    }
    await db.insertInto('classes').values(rows).execute();
  }

  const students = new Map((await db.selectFrom('students').selectAll().where('school_id', '=', o.schoolId).execute()).map((s) => [s.id, presentStudent(s)]));
  const ability = new Map(studentIds.map((id) => [id, 5.6 + random.next() * 3.8]));
  const snapshots: NewRow<'result_snapshots'>[] = [];
  const records: NewRow<'transcript_records'>[] = [];
  for (const cls of classRows) {
    const lookup = ruleSetFor({ schoolYearStart: cls.startYear, grade: cls.grade });
    if (!lookup.ok) throw new Error(lookup.message);
    const { regime, id: ruleVersion } = lookup.ruleSet;
    const gradeSubjects = subjects.filter((s) => Number(s.grade) === cls.grade);
    const byScope: Record<'term1' | 'term2' | 'year', unknown[]> = { term1: [], term2: [], year: [] };
    const yearEntries = new Map<string, Record<string, unknown>>();
    for (const [i, sid] of cls.students.entries()) {
      const student = students.get(sid)!;
      const lv = ability.get(sid)! + (cls.grade - 7.5) * 0.1;
      const t = (shift: number) => Math.max(35, Math.min(100, Math.round((lv + shift + (random.next() - 0.45) * 2.5) * 10)));
      const subj = gradeSubjects.map((s) => {
        if (s.assessment_kind === 'comment') return { code: s.code, name: s.name, t1: 'Đ', t2: 'Đ', y: 'Đ' };
        const [t1, t2] = [t(0), t(0.2)];
        const yt = roundHalfUpTenths(t1 + 2 * t2, 3);
        return { code: s.code, name: s.name, t1: formatTenths(t1, ','), t2: formatTenths(t2, ','), y: formatTenths(yt, ','), t1t: t1, t2t: t2, yt };
      });
      const scored = (k: 't1t' | 't2t' | 'yt') => subj.filter((s) => k in s).map((s) => (s as unknown as Record<string, number>)[k]);
      const comments = subj.filter((s) => !('yt' in s)).map(() => 'Đ' as const);
      const conduct: Tt22Level = random.chance(0.8) ? 'T' : 'K';
      const academic = {
        term1: classifyAcademicTt22({ scored: scored('t1t'), comment: comments }).level,
        term2: classifyAcademicTt22({ scored: scored('t2t'), comment: comments }).level,
        year: classifyAcademicTt22({ scored: scored('yt'), comment: comments }).level,
      };
      const title = titleTt22({ academic: academic.year, conduct, subjectsAtLeastNine: scored('yt').filter((v) => v >= 90).length, retained: false });
      const entry = (scope: 'term1' | 'term2' | 'year') => ({
        studentId: sid,
        listNumber: i + 1,
        fullName: student.fullName,
        subjects: subj.map((s) => ({ subjectId: '', code: s.code, name: s.name, value: scope === 'term1' ? s.t1 : scope === 'term2' ? s.t2 : s.y })),
        academic: academic[scope],
        academicBeforeAdjustment: academic[scope],
        conduct,
        title: scope === 'year' ? title : null,
        outcome: scope === 'year' ? 'promoted' : null,
        retestSubjects: [],
        retestPending: [],
        absences: scope === 'year' ? Math.floor(random.next() * 6) : 0,
        explanations: [],
        missing: [],
      });
      for (const scope of ['term1', 'term2', 'year'] as const) byScope[scope].push(entry(scope));
      yearEntries.set(sid, { scope: 'year', ...entry('year') });
    }
    const snapshotIds: Record<string, string> = {};
    for (const scope of ['term1', 'term2', 'year'] as const) {
      const id = randomUUID();
      const at = `${cls.startYear + 1}-${scope === 'term1' ? '01-20' : '06-01'}T02:00:00.000Z`;
      snapshots.push({ id, school_id: o.schoolId, school_year_id: cls.yearId, class_id: cls.id, scope, rule_version: ruleVersion, snapshot_json: JSON.stringify({ students: byScope[scope], summary: {} }), sha256: sha(byScope[scope]), status: 'approved', proposed_by: principal.id, proposed_at: at, approved_by: principal.id, approved_at: at, superseded_by: null, version: 2 });
      snapshotIds[scope] = id;
    }
    for (const [i, sid] of cls.students.entries()) {
      const s = students.get(sid)!;
      const built = buildTranscriptRecord({
        school: { name: school.name, code: school.code },
        schoolYear: `${cls.startYear}-${cls.startYear + 1}`,
        class: { name: cls.name, grade: cls.grade, homeroomTeacher: cls.homeroom },
        regime,
        ruleVersion,
        student: s,
        results: yearEntries.get(sid),
        homeroomComment: COMMENTS[(i + cls.grade) % COMMENTS.length],
      });
      const record = built.record as { results: unknown } & Record<string, unknown>;
      if (records.length === 0) assertSameShape(shape, record);
      records.push({ id: randomUUID(), school_id: o.schoolId, school_year_id: cls.yearId, class_id: cls.id, student_id: sid, regime, rule_version: ruleVersion, record_json: built.json, sha256: built.sha256, status: 'confirmed', version_no: 1, supersedes_id: null, result_snapshot_id: snapshotIds.year, confirmed_by: principal.id, confirmed_at: `${cls.startYear + 1}-06-10T02:00:00.000Z` });
    }
  }
  await db.transaction().execute(async (tx) => {
    await insertInChunks(tx, 'result_snapshots', snapshots, 20);
    await insertInChunks(tx, 'transcript_records', records, 100);
  });
  return { studentIds, years: 4, records: records.length, classesPerYear: classCount };
}

/** The generated record has exactly the keys of the demo's record (top level and results). */
function assertSameShape(demo: { results: Record<string, unknown> } & Record<string, unknown>, mine: { results: unknown } & Record<string, unknown>) {
  const keys = (o: object) => Object.keys(o).sort().join(',');
  if (keys(demo) !== keys(mine) || keys(demo.results) !== keys(mine.results as object) || keys(demo.identity as object) !== keys(mine.identity as object)) {
    throw new Error(`generated transcript record differs from the demo's shape: ${keys(demo)} / ${keys(mine)}; results ${keys(demo.results)} / ${keys(mine.results as object)}`);
  }
}
