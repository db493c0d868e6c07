/**
 * What a student's sổ liên lạc (report book, P8) prints for one term: the term's scores per
 * subject (ĐĐGtx, ĐĐGgk, ĐĐGck) with ĐTBmhk or the Đ/CĐ level, KQHT and KQRL, absences with and
 * without leave, the homeroom teacher's comment — from the approved term snapshot when there is
 * one (its values win), else the live results. Primary classes print levels and test scores, from
 * the approved cuối HK I / cuối năm summary when there is one.
 */
import { formatTenths } from '../../domain/assessment/tenths.ts';
import type { Executor } from '../platform/db/database.ts';
import { formatStaffName } from '../school/index.ts';
import { loadApprovedPrimarySummary, loadPrimarySummary } from '../primary/index.ts';
import { computeClassResults } from '../results/index.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { type PrintCache, approvedSnapshot } from '../printing/index.ts';

export interface ReportBookRow {
  name: string;
  regular: string;
  midterm: string;
  final: string;
  /** ĐTBmhk ("8,3"), Đ / CĐ, or the primary level T / H / C */
  result: string;
}

export interface ReportBookData {
  schoolId: string;
  studentId: string;
  termId: string;
  /** the term's school year and the class's grade: the heading's issuing body (issue 15 §9) */
  schoolYearId: string;
  grade: number;
  classId: string;
  primary: boolean;
  studentName: string;
  dateOfBirth: string;
  className: string;
  schoolYear: string;
  termNo: 1 | 2;
  homeroomTeacher: string | null;
  rows: ReportBookRow[];
  academic: string | null;
  conduct: string | null;
  absences: { excused: number; unexcused: number };
  homeroomComment: string;
  /** approved snapshot id:sha256, or "live:<sha256 of the printed data>" */
  inputsVersion: string;
  /** approval time, or the last change among the printed inputs */
  asOf: string;
  approved: boolean;
}

const dec = (tenths: number | null) => (tenths === null ? '' : formatTenths(tenths, ','));

/** With a `cache` (bulk printing: one per job run), each class's snapshot or live results are read once. */
export async function loadReportBook(db: Executor, input: { studentId: string; termId?: string; term?: 1 | 2 }, cache?: PrintCache): Promise<ReportBookData> {
  const student = await db.selectFrom('students').selectAll().where('id', '=', input.studentId).executeTakeFirst();
  if (!student) throw notFound('học sinh');
  const enrollments = await db
    .selectFrom('enrollments')
    .innerJoin('school_years', 'school_years.id', 'enrollments.school_year_id')
    .select(['enrollments.class_id', 'enrollments.school_year_id', 'enrollments.status', 'school_years.start_year'])
    .where('enrollments.student_id', '=', input.studentId)
    .orderBy('school_years.start_year', 'desc')
    .orderBy('enrollments.starts_on', 'desc')
    .execute();
  let term;
  if (input.termId) term = await db.selectFrom('terms').selectAll().where('id', '=', input.termId).executeTakeFirst();
  else if (input.term && enrollments[0]) term = await db.selectFrom('terms').selectAll().where('school_year_id', '=', enrollments[0].school_year_id).where('term_no', '=', input.term).executeTakeFirst();
  if (!term || term.school_id !== student.school_id) throw notFound('học kỳ');
  const enrollment = enrollments.find((e) => e.school_year_id === term.school_year_id);
  if (!enrollment) throw new AppError('NOT_FOUND', 'Học sinh không học ở trường trong năm học của học kỳ này.');
  const cls = await db.selectFrom('classes').selectAll().where('id', '=', enrollment.class_id).executeTakeFirstOrThrow();
  const termNo = Number(term.term_no) as 1 | 2;
  const year = await db.selectFrom('school_years').select(['start_year']).where('id', '=', term.school_year_id).executeTakeFirstOrThrow();
  const grade = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst();
  const homeroom = cls.homeroom_staff_id ? await db.selectFrom('staff').selectAll().where('id', '=', cls.homeroom_staff_id).executeTakeFirst() : undefined;
  const absences = await db
    .selectFrom('attendance_records')
    .select(['kind', 'recorded_at'])
    .where('student_id', '=', student.id)
    .where('school_year_id', '=', term.school_year_id)
    .where('period_no', '=', 0)
    .where('date', '>=', term.starts_on)
    .where('date', '<=', term.ends_on)
    .execute();
  const conduct = await db
    .selectFrom('conduct_assessments')
    .select(['level', 'comment', 'updated_at'])
    .where('class_id', '=', cls.id)
    .where('student_id', '=', student.id)
    .where('period', '=', `term${termNo}`)
    .executeTakeFirst();
  const cells = await db.selectFrom('gradebook_cells').selectAll().where('class_id', '=', cls.id).where('student_id', '=', student.id).where('term_no', '=', termNo).execute();
  const primary = grade?.regime === 'TT27_2020';
  const subjects = await db
    .selectFrom('subjects')
    .select(['id', 'code', 'name', 'assessment_kind'])
    .where('school_year_id', '=', cls.school_year_id)
    .where('grade', '=', cls.grade)
    .where('assessment_kind', 'in', primary ? ['primaryLevel'] : ['scored', 'comment'])
    .orderBy('sort_order')
    .execute();
  const cellText = (subjectId: string, key: string) => {
    const c = cells.find((x) => x.subject_id === subjectId && x.column_key === key);
    return !c ? '' : c.score_tenths !== null ? dec(Number(c.score_tenths)) : (c.text_value ?? '');
  };

  let rows: ReportBookRow[];
  let academic: string | null;
  let level: string | null = conduct?.level ?? null;
  let snapshot: { id: string; sha256: string; approvedAt: string | null } | undefined;
  if (primary) {
    const point = termNo === 1 ? 'CK1' : 'CN';
    const approved = await (cache ? cache.remember('primaryApproved', `${cls.id}|${point}`, () => loadApprovedPrimarySummary(db, cls.id, point)) : loadApprovedPrimarySummary(db, cls.id, point));
    const summary = approved?.summary ?? (await (cache ? cache.remember('primarySummary', `${cls.id}|${point}`, () => loadPrimarySummary(db, cls, point)) : loadPrimarySummary(db, cls, point)));
    const mine = summary.rows.find((r) => r.studentId === student.id);
    if (approved && mine) snapshot = approved.snapshot;
    rows = summary.subjects.map((s, i) => ({ name: s.name, regular: '', midterm: '', final: s.hasTest && mine?.subjects[i].test !== null && mine?.subjects[i].test !== undefined ? dec(Math.round(Number(mine.subjects[i].test) * 10)) : '', result: mine?.subjects[i].level ?? '' }));
    academic = termNo === 2 ? (mine?.yearLevel ?? null) : null;
    level = null;
  } else {
    type Entry = { studentId: string; subjects: { code: string; value: string | null }[]; academic: string | null; conduct: string | null };
    const scope = termNo === 1 ? 'term1' : 'term2';
    const approved = await approvedSnapshot<Entry>(db, cls.id, scope, cache);
    snapshot = approved ?? undefined;
    const live = () => (cache ? cache.remember('classResults', `${cls.id}|${scope}`, () => computeClassResults(db, cls.id, scope)) : computeClassResults(db, cls.id, scope));
    const entry: Entry | undefined = approved ? approved.entries.get(student.id) : (await live()).students.find((s) => s.studentId === student.id);
    if (!entry) snapshot = undefined;
    rows = subjects.map((s) => {
      const regular = cells
        .filter((c) => c.subject_id === s.id && /^TX\d+$/.test(c.column_key))
        .sort((a, b) => Number(a.column_key.slice(2)) - Number(b.column_key.slice(2)))
        .map((c) => (c.score_tenths !== null ? dec(Number(c.score_tenths)) : (c.text_value ?? '')))
        .filter(Boolean);
      return { name: s.name, regular: regular.join('; '), midterm: cellText(s.id, 'GK'), final: cellText(s.id, 'CK'), result: entry?.subjects.find((x) => x.code === s.code)?.value ?? '' };
    });
    academic = entry?.academic ?? null;
    level = entry?.conduct ?? level;
  }
  const data: ReportBookData = {
    schoolId: student.school_id,
    studentId: student.id,
    termId: term.id,
    schoolYearId: term.school_year_id,
    grade: Number(cls.grade),
    classId: cls.id,
    primary,
    studentName: formatStaffName(student),
    dateOfBirth: student.date_of_birth,
    className: cls.name,
    schoolYear: `${year.start_year} - ${Number(year.start_year) + 1}`,
    termNo,
    homeroomTeacher: homeroom ? formatStaffName(homeroom) : null,
    rows,
    academic,
    conduct: level,
    absences: { excused: absences.filter((a) => a.kind === 'P').length, unexcused: absences.filter((a) => a.kind === 'K').length },
    homeroomComment: conduct?.comment ?? '',
    inputsVersion: '',
    asOf: '',
    approved: !!snapshot,
  };
  const times = [...cells.map((c) => c.updated_at), ...absences.map((a) => a.recorded_at), ...(conduct ? [conduct.updated_at] : [])].sort();
  data.asOf = snapshot?.approvedAt ?? times.at(-1) ?? `${term.starts_on}T00:00:00.000Z`;
  data.inputsVersion = snapshot ? `${snapshot.id}:${snapshot.sha256}` : `live:${sha256Hex(canonicalJson({ ...data, inputsVersion: '', asOf: '' }, { integersOnly: true }))}`;
  return data;
}
