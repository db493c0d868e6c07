/**
 * The earlier school years of the demo's primary class 3A (C6, TT27/2020): every student studied
 * lớp 1 (1A, two years before the demo year) and lớp 2 (2A, the year before) at the school; each
 * year has the year-end (CN) assessment — subject levels T/H/C with the periodic test scores of
 * Tiếng Việt and Toán, the 5 qualities and 10 competences, the homeroom teacher's comment — with
 * the level, award and completion of the TT27 rules (evaluateTt27), confirmed into the học bạ by
 * the primary principal. Records and SHA-256 by buildTranscriptRecord / primaryYearResults, as
 * the confirmation writes them, each year's records pointing at the approved cuối năm (CN)
 * summary snapshot they were confirmed from (the confirmation reads only an approved CN snapshot).
 * Deterministic: contents come from a seeded generator.
 */
import { randomUUID } from 'node:crypto';
import { evaluateTt27 } from '../../domain/assessment/evaluate-tt27.ts';
import type { SubjectLevelTt27, TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import { ruleSetFor } from '../../domain/assessment/rule-sets.ts';
import { COMPETENCES, QUALITIES } from '../../domain/results/primary-traits.ts';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import { buildTranscriptRecord, primaryYearResults } from '../transcripts/index.ts';
import type { Db } from '../platform/db/database.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import { sha256Hex } from '../platform/sha256.ts';
import type { NewRow } from '../platform/db/schema.ts';
import { formatStaffName, presentStudent } from '../school/index.ts';
import { createRandom } from './demo-people.ts';

const COMMENTS: Record<string, string[]> = {
  HTXS: [
    'Em học tốt tất cả các môn; đọc to, rõ ràng, tính toán nhanh và chính xác. Em luôn giúp đỡ bạn bè, là tấm gương của lớp.',
    'Em tiếp thu bài nhanh, viết chữ đẹp, giải toán thành thạo; mạnh dạn, tự tin khi phát biểu.',
  ],
  HTT: [
    'Em chăm học, tiếp thu bài tốt; chữ viết đều, trình bày sạch sẽ. Em hòa đồng, tích cực tham gia hoạt động của lớp.',
    'Em đọc lưu loát, làm tính cẩn thận; biết tự giác làm bài và giúp đỡ bạn.',
  ],
  HT: [
    'Em đã hoàn thành các môn học; cần rèn thêm kĩ năng đọc hiểu và cẩn thận hơn khi làm tính.',
    'Em ngoan, lễ phép; cần luyện viết chữ đều nét hơn và mạnh dạn phát biểu xây dựng bài.',
    'Em có tiến bộ trong học tập; cần chú ý nghe giảng và hoàn thành bài tập đúng giờ.',
  ],
};

interface Options {
  schoolId: string;
  currentStartYear: number;
  /** the demo year's class 3A */
  classId3A: string;
  principalUserId: string;
  /** homeroom teachers of 1A and 2A */
  homeroomStaffIds: [string, string];
  now: string;
}

export async function seedDemoPrimaryTranscripts(db: Db, o: Options): Promise<void> {
  const random = createRandom(20250528);
  const class3A = await db.selectFrom('classes').select('school_year_id').where('id', '=', o.classId3A).executeTakeFirstOrThrow();
  const school = await db.selectFrom('schools').select(['name', 'code']).where('id', '=', o.schoolId).executeTakeFirstOrThrow();
  const students = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .selectAll('students')
    .where('enrollments.class_id', '=', o.classId3A)
    .orderBy('enrollments.list_number')
    .execute();

  const years = [
    { grade: 1, startYear: o.currentStartYear - 2, staffId: o.homeroomStaffIds[0] },
    { grade: 2, startYear: o.currentStartYear - 1, staffId: o.homeroomStaffIds[1] },
  ];
  const events: AuditEntry[] = [];
  const records: NewRow<'transcript_records'>[] = [];
  /** Each past class's approved CN summary (the shape of primary/loadPrimarySummary). */
  const snapshots: NewRow<'result_snapshots'>[] = [];
  const ability = students.map(() => random.next());
  for (const y of years) {
    let year = await db.selectFrom('school_years').select('id').where('school_id', '=', o.schoolId).where('start_year', '=', y.startYear).executeTakeFirst();
    if (!year) {
      year = { id: randomUUID() };
      await db.insertInto('school_years').values({ id: year.id, school_id: o.schoolId, start_year: y.startYear, name: `${y.startYear}-${y.startYear + 1}`, starts_on: `${y.startYear}-09-05`, ends_on: `${y.startYear + 1}-05-31`, status: 'closed', created_at: o.now }).execute();
    }
    const lookup = ruleSetFor({ schoolYearStart: y.startYear, grade: y.grade });
    if (!lookup.ok) throw new Error(lookup.message);
    const { regime, id: ruleVersion } = lookup.ruleSet;
    const exists = await db.selectFrom('grade_levels').select('id').where('school_year_id', '=', year.id).where('grade', '=', y.grade).executeTakeFirst();
    if (!exists) await db.insertInto('grade_levels').values({ id: randomUUID(), school_id: o.schoolId, school_year_id: year.id, grade: y.grade, regime }).execute();
    const staff = await db.selectFrom('staff').selectAll().where('id', '=', y.staffId).executeTakeFirstOrThrow();
    const classId = randomUUID();
    const className = `${y.grade}A`;
    await db.insertInto('classes').values({ id: classId, school_id: o.schoolId, school_year_id: year.id, grade: y.grade, name: className, homeroom_staff_id: y.staffId, room: `P${className}`, session: 'full_day', created_at: o.now, version: 1 }).execute();
    // The subjects of the grade as the demo year lists them (the past years' own subject rows are not kept in the demo).
    const subjects = (
      await db
        .selectFrom('subjects')
        .select(['code', 'name', 'has_periodic_test'])
        .where('school_year_id', '=', class3A.school_year_id)
        .where('grade', '=', y.grade)
        .where('assessment_kind', '=', 'primaryLevel')
        .orderBy('sort_order')
        .execute()
    ).map((s) => ({ id: '', code: s.code, name: s.name, hasTest: Number(s.has_periodic_test) === 1 }));

    const summaryRows: unknown[] = [];
    for (const [si, row] of students.entries()) {
      const student = presentStudent(row);
      // A few students excel (HTXS), a few complete well and are nominated by the class (HTT + award), strong ones complete well, the rest vary.
      const kind = si % 9 === 0 ? 'excellent' : si % 9 === 4 ? 'nominated' : ability[si] > 0.75 ? 'good' : 'other';
      const a = Math.min(1, ability[si] + (y.grade - 1) * 0.05);
      const levelOf = (): SubjectLevelTt27 => (kind !== 'other' || random.next() < 0.35 + a * 0.5 ? 'T' : 'H');
      const traitOf = (): TraitLevelTt27 => (kind !== 'other' || random.next() < 0.45 + a * 0.45 ? 'T' : 'Đ');
      const testOf = () => (kind === 'excellent' ? 9 + random.int(0, 1) : kind === 'nominated' ? 7 + random.int(0, 1) : kind === 'good' ? 7 + random.int(0, 2) : Math.min(10, 5 + Math.floor(a * 4) + random.int(0, 2)));
      const levels = subjects.map(levelOf);
      const tests = subjects.map((s) => (s.hasTest ? testOf() : null));
      const qualities = QUALITIES.map(traitOf);
      const competences = COMPETENCES.map(traitOf);
      const result = evaluateTt27({
        id: student.id,
        subjects: subjects.map((s, i) => ({ subject: s.code, level: levels[i], test: tests[i] })),
        qualities,
        competences,
        nominated: kind === 'nominated',
      });
      const comments = COMMENTS[result.level] ?? COMMENTS.HT;
      const results = primaryYearResults(subjects, {
        subjects: subjects.map((s, i) => ({ subjectId: s.id, level: levels[i], test: tests[i] })),
        qualities,
        competences,
        yearLevel: result.level,
        award: result.award,
        completed: result.completed,
        comment: comments[(si + y.grade) % comments.length],
      });
      const { json, sha256 } = buildTranscriptRecord({
        school,
        schoolYear: `${y.startYear}-${y.startYear + 1}`,
        class: { name: className, grade: y.grade, homeroomTeacher: formatStaffName(staff) },
        regime,
        ruleVersion,
        student,
        results,
        homeroomComment: '', // primary: the comment is the year-end assessment's (results.comment)
      });
      summaryRows.push({
        studentId: student.id,
        listNumber: si + 1,
        fullName: formatStaffName(row),
        subjects: subjects.map((s, i) => ({ subjectId: s.id, level: levels[i], test: tests[i] })),
        qualities,
        competences,
        comment: results.comment,
        yearLevel: result.level,
        award: result.award,
        completed: result.completed,
        missing: [],
      });
      const id = randomUUID();
      records.push({ id, school_id: o.schoolId, school_year_id: year.id, class_id: classId, student_id: student.id, regime, rule_version: ruleVersion, record_json: json, sha256, status: 'confirmed', version_no: 1, supersedes_id: null, result_snapshot_id: null, confirmed_by: o.principalUserId, confirmed_at: `${y.startYear + 1}-06-05T02:00:00.000Z` });
      events.push({ chainKey: classChain(classId), schoolId: o.schoolId, action: 'transcript.confirmed', entityType: 'transcript_record', entityId: id, before: null, after: { studentId: student.id, sha256, ruleVersion, versionNo: 1, seeded: true } });
    }
    const snapshotId = randomUUID();
    const approvedAt = `${y.startYear + 1}-06-01T02:00:00.000Z`;
    const frozen = { classId, className, point: 'CN', ruleVersion, subjects: subjects.map((s) => ({ id: s.id, code: s.code, name: s.name, hasTest: s.hasTest })), rows: summaryRows };
    snapshots.push({ id: snapshotId, school_id: o.schoolId, school_year_id: year.id, class_id: classId, scope: 'CN', rule_version: ruleVersion, snapshot_json: JSON.stringify(frozen), sha256: sha256Hex(canonicalJson(summaryRows)), status: 'approved', proposed_by: o.principalUserId, proposed_at: approvedAt, approved_by: o.principalUserId, approved_at: approvedAt, superseded_by: null, version: 2 });
    for (const r of records) if (r.class_id === classId) r.result_snapshot_id = snapshotId;
  }
  const audit: AuditContext = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem seed-demo', requestId: 'seed-demo-primary-transcripts', now: o.now };
  await db.transaction().execute(async (tx) => {
    for (const r of snapshots) await tx.insertInto('result_snapshots').values(r).execute();
    for (const r of records) await tx.insertInto('transcript_records').values(r).execute();
    await writeAudits(tx, audit, events);
  });
}
