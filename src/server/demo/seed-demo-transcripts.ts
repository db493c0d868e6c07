/**
 * Earlier school years for the demo students of 9A1, so the whole class's multi-year học bạ can be
 * printed (P3, C6; issue 12): every student of 9A1 gets grades 6–8 (the three years before the demo year) under the
 * rules of each year (TT22_2021 since the roll-out), each with its approved term and year result
 * snapshots and a confirmed transcript year record; the third of them instead has a legacy
 * grade 6 (TT58 as amended by TT26, six years earlier, then a long illness) and grades 7–8.
 * Written as the confirmation writes them: the record and its SHA-256 by buildTranscriptRecord,
 * the same audit entries.
 */
import { sha256Hex } from '../platform/sha256.ts';
import { randomUUID } from 'node:crypto';
import { classifyAcademicTt22 } from '../../domain/assessment/classify-academic-tt22.ts';
import { classifyAcademicTt58 } from '../../domain/assessment/legacy/classify-academic-tt58.ts';
import { ruleSetFor } from '../../domain/assessment/rule-sets.ts';
import { formatTenths, roundHalfUpTenths } from '../../domain/assessment/tenths.ts';
import { titleTt22 } from '../../domain/assessment/title-tt22.ts';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import type { Db } from '../platform/db/database.ts';
import type { NewRow } from '../platform/db/schema.ts';
import { formatStaffName, presentStudent } from '../school/index.ts';
import { buildTranscriptRecord } from '../transcripts/index.ts';
import { createRandom } from './demo-people.ts';

const LEGACY_SUBJECTS = [
  ['TOAN', 'Toán'], ['VATLI', 'Vật lí'], ['SINH', 'Sinh học'], ['VAN', 'Ngữ văn'], ['SU', 'Lịch sử'], ['DIA', 'Địa lí'],
  ['NN', 'Tiếng Anh'], ['GDCD', 'Giáo dục công dân'], ['CN', 'Công nghệ'], ['TIN', 'Tin học'], ['TD', 'Thể dục'], ['AN', 'Âm nhạc'], ['MT', 'Mĩ thuật'],
] as const;
const LEGACY_COMMENT = new Set(['TD', 'AN', 'MT']);
const COMMENTS = ['Chăm ngoan, tích cực tham gia hoạt động của lớp.', 'Tiến bộ rõ ở các môn khoa học tự nhiên; cần mạnh dạn phát biểu hơn.', 'Có ý thức tự học tốt, hòa đồng với bạn bè.'];

interface Options {
  schoolId: string;
  currentStartYear: number;
  classId9A1: string;
  principalUserId: string;
  homeroomStaffIds: string[];
  now: string;
}

export async function seedDemoTranscripts(db: Db, o: Options): Promise<void> {
  const random = createRandom(20260615);
  const school = await db.selectFrom('schools').select(['name', 'code']).where('id', '=', o.schoolId).executeTakeFirstOrThrow();
  const students = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .selectAll('students')
    .where('enrollments.class_id', '=', o.classId9A1)
    .orderBy('enrollments.list_number')
    .execute();
  const subjectsFor = async (grade: number) =>
    db.selectFrom('subjects').select(['code', 'name', 'assessment_kind']).where('school_id', '=', o.schoolId).where('grade', '=', grade).where('assessment_kind', 'in', ['scored', 'comment']).orderBy('sort_order').execute();

  // Which years each student studied here before the demo year (grade → start year).
  const plan = students.map((s, i) => ({ student: s, years: i === 2 ? [[6, o.currentStartYear - 6], [7, o.currentStartYear - 2], [8, o.currentStartYear - 1]] : [[6, o.currentStartYear - 3], [7, o.currentStartYear - 2], [8, o.currentStartYear - 1]] }));
  const classes = new Map<string, { id: string; yearId: string; name: string; grade: number; regime: string; ruleVersion: string; homeroom: string; startYear: number }>();
  for (const [grade, startYear] of plan.flatMap((p) => p.years)) {
    const key = `${grade}:${startYear}`;
    if (classes.has(key)) continue;
    let year = await db.selectFrom('school_years').select('id').where('school_id', '=', o.schoolId).where('start_year', '=', startYear).executeTakeFirst();
    if (!year) {
      year = { id: randomUUID() };
      await db.insertInto('school_years').values({ id: year.id, school_id: o.schoolId, start_year: startYear, name: `${startYear}-${startYear + 1}`, starts_on: `${startYear}-09-05`, ends_on: `${startYear + 1}-05-31`, status: 'closed', created_at: o.now }).execute();
    }
    const lookup = ruleSetFor({ schoolYearStart: startYear, grade });
    if (!lookup.ok) throw new Error(lookup.message);
    const exists = await db.selectFrom('grade_levels').select('id').where('school_year_id', '=', year.id).where('grade', '=', grade).executeTakeFirst();
    if (!exists) await db.insertInto('grade_levels').values({ id: randomUUID(), school_id: o.schoolId, school_year_id: year.id, grade, regime: lookup.ruleSet.regime }).execute();
    const staffId = o.homeroomStaffIds[classes.size % o.homeroomStaffIds.length];
    const staff = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirstOrThrow();
    const id = randomUUID();
    await db.insertInto('classes').values({ id, school_id: o.schoolId, school_year_id: year.id, grade, name: `${grade}A1`, homeroom_staff_id: staffId, room: `P${200 + grade}`, session: 'morning', created_at: o.now, version: 1 }).execute();
    classes.set(key, { id, yearId: year.id, name: `${grade}A1`, grade, regime: lookup.ruleSet.regime, ruleVersion: lookup.ruleSet.id, homeroom: formatStaffName(staff), startYear });
  }

  const snapshotRows = new Map<string, Record<string, unknown[]>>(); // class id → scope → student entries
  const events: AuditEntry[] = [];
  const records: NewRow<'transcript_records'>[] = [];
  // The same pupils in their earlier classes, with the year's conduct and comment as confirmed: so a
  // past year can be confirmed again (e.g. by the vice-principal, whose name the học bạ then prints).
  const enrollments: NewRow<'enrollments'>[] = [];
  const conductRows: NewRow<'conduct_assessments'>[] = [];
  for (const [si, p] of plan.entries()) {
    const student = presentStudent(p.student);
    const level = 6.2 + ((si * 7) % 10) * 0.3;
    for (const [gi, [grade, startYear]] of p.years.entries()) {
      const cls = classes.get(`${grade}:${startYear}`)!;
      const t = (shift: number) => Math.max(35, Math.min(100, Math.round((level + shift + (random.next() - 0.4) * 2) * 10)));
      let results: Record<string, unknown>;
      if (cls.regime === 'TT22_2021') {
        const subjects = (await subjectsFor(grade)).map((s) => {
          if (s.assessment_kind === 'comment') return { code: s.code, name: s.name, t1: 'Đ', t2: 'Đ', y: 'Đ' };
          const t1 = t(0);
          const t2 = t(0.2);
          return { code: s.code, name: s.name, t1: formatTenths(t1, ','), t2: formatTenths(t2, ','), y: formatTenths(roundHalfUpTenths(t1 + 2 * t2, 3), ','), yt: roundHalfUpTenths(t1 + 2 * t2, 3), t1t: t1, t2t: t2 };
        });
        const scored = (k: 't1t' | 't2t' | 'yt') => subjects.filter((s) => k in s).map((s) => (s as unknown as Record<string, number>)[k]);
        const comments = subjects.filter((s) => !('yt' in s)).map(() => 'Đ' as const);
        const conduct = si === 1 && gi === 0 ? 'K' : 'T';
        const academic = { term1: classifyAcademicTt22({ scored: scored('t1t'), comment: comments }).level, term2: classifyAcademicTt22({ scored: scored('t2t'), comment: comments }).level, year: classifyAcademicTt22({ scored: scored('yt'), comment: comments }).level };
        const title = titleTt22({ academic: academic.year, conduct, subjectsAtLeastNine: scored('yt').filter((v) => v >= 90).length, retained: false });
        const entry = (scope: 'term1' | 'term2' | 'year') => ({
          studentId: student.id,
          listNumber: si + 1,
          fullName: student.fullName,
          subjects: subjects.map((s) => ({ subjectId: '', code: s.code, name: s.name, value: scope === 'term1' ? s.t1 : scope === 'term2' ? s.t2 : s.y })),
          academic: academic[scope],
          academicBeforeAdjustment: academic[scope],
          conduct,
          title: scope === 'year' ? title : null,
          outcome: scope === 'year' ? 'promoted' : null,
          retestSubjects: [],
          retestPending: [],
          absences: scope === 'year' ? (si * 3 + gi) % 5 : 0,
          explanations: [],
          missing: [],
        });
        for (const scope of ['term1', 'term2', 'year'] as const) {
          const byScope = snapshotRows.get(cls.id) ?? {};
          (byScope[scope] ??= []).push(entry(scope));
          snapshotRows.set(cls.id, byScope);
        }
        results = { scope: 'year', ...entry('year') };
      } else {
        const subjects = LEGACY_SUBJECTS.map(([code, name]) => {
          if (LEGACY_COMMENT.has(code)) return { code, name, term1: 'Đ', term2: 'Đ', value: 'Đ' };
          const t1 = t(0);
          const t2 = t(0.3);
          return { code, name, term1: formatTenths(t1, ','), term2: formatTenths(t2, ','), value: formatTenths(roundHalfUpTenths(t1 + 2 * t2, 3), ','), tenths: [t1, t2, roundHalfUpTenths(t1 + 2 * t2, 3)] };
        });
        const classify = (k: 0 | 1 | 2) =>
          classifyAcademicTt58({
            variant: cls.regime as 'TT58_TT26',
            scored: subjects.filter((s) => 'tenths' in s).map((s) => ({ subject: s.code, average: (s as { tenths: number[] }).tenths[k] })),
            comment: subjects.filter((s) => !('tenths' in s)).map((s) => ({ subject: s.code, result: 'Đ' as const })),
          })!;
        const [a1, a2, ay] = [classify(0), classify(1), classify(2)];
        const ok = (l: string) => ['G', 'K'].includes(l);
        results = {
          scope: 'year',
          studentId: student.id,
          subjects: subjects.map(({ code, name, term1, term2, value }) => ({ code, name, term1, term2, value })),
          term1: { academic: a1.level, conduct: 'T', overallAverage: formatTenths(a1.overallAverage, ',') },
          term2: { academic: a2.level, conduct: 'T', overallAverage: formatTenths(a2.overallAverage, ',') },
          overallAverage: formatTenths(ay.overallAverage, ','),
          academic: ay.level,
          conduct: 'T',
          title: ay.level === 'G' ? 'HSG' : ok(ay.level) ? 'HSTT' : null,
          outcome: 'promoted',
          retestSubjects: [],
          absences: 4,
          excusedAbsences: 3,
          unexcusedAbsences: 1,
        };
      }
      const { json, sha256 } = buildTranscriptRecord({
        school,
        schoolYear: `${cls.startYear}-${cls.startYear + 1}`,
        class: { name: cls.name, grade, homeroomTeacher: cls.homeroom },
        regime: cls.regime,
        ruleVersion: cls.ruleVersion,
        student,
        results,
        homeroomComment: COMMENTS[(si + gi) % COMMENTS.length],
      });
      const yearConduct = cls.regime === 'TT22_2021' ? (si === 1 && gi === 0 ? 'K' : 'T') : 'T';
      enrollments.push({ id: randomUUID(), school_id: o.schoolId, school_year_id: cls.yearId, student_id: student.id, class_id: cls.id, status: 'active', starts_on: `${cls.startYear}-09-05`, ends_on: `${cls.startYear + 1}-05-31`, list_number: si + 1, origin: gi === 0 ? 'intake' : 'rollover', note: '', created_at: o.now, version: 1 });
      conductRows.push({ id: randomUUID(), school_id: o.schoolId, school_year_id: cls.yearId, class_id: cls.id, student_id: student.id, period: 'year', level: yearConduct, comment: COMMENTS[(si + gi) % COMMENTS.length], version: 1, updated_by: o.principalUserId, updated_at: `${cls.startYear + 1}-05-25T02:00:00.000Z` });
      const id = randomUUID();
      records.push({ id, school_id: o.schoolId, school_year_id: cls.yearId, class_id: cls.id, student_id: student.id, regime: cls.regime, rule_version: cls.ruleVersion, record_json: json, sha256, status: 'confirmed', version_no: 1, supersedes_id: null, result_snapshot_id: null, confirmed_by: o.principalUserId, confirmed_at: `${cls.startYear + 1}-06-10T02:00:00.000Z` });
      events.push({ chainKey: classChain(cls.id), schoolId: o.schoolId, action: 'transcript.confirmed', entityType: 'transcript_record', entityId: id, before: null, after: { studentId: student.id, sha256, ruleVersion: cls.ruleVersion, versionNo: 1, seeded: true } });
    }
  }
  const audit: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem seed-demo', requestId: 'seed-demo-transcripts', now: o.now };
  await db.transaction().execute(async (tx) => {
    for (const cls of classes.values()) {
      const scopes = snapshotRows.get(cls.id);
      if (!scopes) continue;
      const yearSnapshot = new Map<string, string>();
      for (const [scope, students] of Object.entries(scopes)) {
        const id = randomUUID();
        const at = `${cls.startYear + 1}-${scope === 'term1' ? '01-20' : '06-01'}T02:00:00.000Z`;
        const sha256 = sha256Hex(canonicalJson(students));
        await tx.insertInto('result_snapshots').values({ id, school_id: o.schoolId, school_year_id: cls.yearId, class_id: cls.id, scope, rule_version: cls.ruleVersion, snapshot_json: JSON.stringify({ students, summary: {} }), sha256, status: 'approved', proposed_by: o.principalUserId, proposed_at: at, approved_by: o.principalUserId, approved_at: at, superseded_by: null, version: 2 }).execute();
        yearSnapshot.set(scope, id);
      }
      for (const r of records) if (r.class_id === cls.id) r.result_snapshot_id = yearSnapshot.get('year') ?? null;
    }
    for (const r of records) await tx.insertInto('transcript_records').values(r).execute();
    await tx.insertInto('enrollments').values(enrollments).execute();
    await tx.insertInto('conduct_assessments').values(conductRows).execute();
    await writeAudits(tx, audit, events);
  });
}
