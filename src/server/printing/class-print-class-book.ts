/**
 * Builds the class book (Sổ theo dõi và đánh giá học sinh theo lớp học, TT 22, P1) of a class for
 * a scope: HK I, HK II or the whole year. Everything printed comes from the existing queries and
 * presenters (loadSheet for the subject grids, the class results — the approved snapshot when
 * there is one — for the summaries, the attendance summary for absences); no rule is recomputed here.
 */
import { displayCell } from '../../domain/gradebook/row-average.ts';
import { parseSchoolSettings } from '../../shared/school-settings.ts';
import type { Db } from '../platform/db/database.ts';
import { loadBlockContext, loadClassStudents, presentSheet } from '../gradebook/index.ts';
import { formatStaffName, getClassOr404 } from '../school/index.ts';
import { type ResultScope, loadAssessedSubjects } from '../results/index.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { AppError } from '../platform/errors.ts';
import type { ClassBookPdfData, ClassBookSection, SubjectGridPage, YearRow } from './templates/class-book-data.ts';
import { renderClassBookPdf } from './templates/class-book-pdf.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { loadMonthlyAttendance } from './class-print-attendance.ts';
import { PRINTED_TT22_OUTCOME_NAMES, TT22_LEVEL_NAMES, TT22_TITLE_NAMES, WHOLE_YEAR_LABEL, labelOf, termLabel, termRoman } from '../../shared/labels.ts';
import { classDataChangedAt, loadClassPrintHeader, printedDataVersion, slug } from './class-print-common.ts';
import { type ScopeResults, type StudentResult, loadAbsences, loadApprovedSnapshots, loadPrintStudents, loadScopeResults, scopeResultsPreload } from './class-print-results.ts';
import { splitSchoolName } from '../../domain/names/split-school-name.ts';
import { resultsSigner } from './results-signer.ts';

export type ClassBookScope = 'hk1' | 'hk2' | 'year';
export const CLASS_BOOK_SCOPE_LABELS: Record<ClassBookScope, string> = { hk1: termLabel(1), hk2: termLabel(2), year: WHOLE_YEAR_LABEL };
const PRINTED_REGULAR_COLUMNS = 4;

const level = (v: string | null | undefined) => (v ? labelOf(TT22_LEVEL_NAMES, v) : '');

export async function buildClassBook(db: Db, options: { classId: string; scope: ClassBookScope }, ctx: { baseUrl: string }): Promise<RenderedDocument> {
  const cls = await getClassOr404(db, options.classId);
  const regime = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst();
  if (regime?.regime !== 'TT22_2021') throw new AppError('INVALID_STATE', 'Sổ theo dõi và đánh giá học sinh theo Thông tư 22/2021 chỉ in cho lớp THCS, THPT; lớp tiểu học in Bảng tổng hợp kết quả đánh giá giáo dục.');
  const terms: (1 | 2)[] = options.scope === 'hk1' ? [1] : options.scope === 'hk2' ? [2] : [1, 2];
  const needsYear = options.scope !== 'hk1';
  const scopes: ResultScope[] = [...terms.map((t) => `term${t}` as const), ...(needsYear ? (['year'] as const) : []), ...(options.scope === 'year' ? (['final'] as const) : [])];
  // Everything printed, loaded once for the class (what loadSheet would query for every subject ×
  // term included), the independent queries together (fewer round trips' wait on PostgreSQL).
  const [header, changedAt, students, absences, subjects, schoolRow, teacherRows, classStudents, cells, approved] = await Promise.all([
    loadClassPrintHeader(db, cls),
    classDataChangedAt(db, cls),
    loadPrintStudents(db, cls.id),
    loadAbsences(db, cls),
    loadAssessedSubjects(db, cls),
    db.selectFrom('schools').select(['settings_json']).where('id', '=', cls.school_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('teaching_assignments')
      .innerJoin('staff', 'staff.id', 'teaching_assignments.staff_id')
      .select(['teaching_assignments.subject_id', 'staff.family_name', 'staff.middle_name', 'staff.given_name'])
      .where('teaching_assignments.class_id', '=', cls.id)
      .execute(),
    loadClassStudents(db, cls.id),
    db
      .selectFrom('gradebook_cells')
      .select(['student_id', 'subject_id', 'term_no', 'column_key', 'score_tenths', 'text_value', 'version'])
      .where('class_id', '=', cls.id)
      .execute(),
    loadApprovedSnapshots(db, cls.id),
  ]);
  const settings = parseSchoolSettings(schoolRow.settings_json);
  const preload = scopeResultsPreload(db, cls, approved, cells);
  const [blockContext] = await Promise.all([
    loadBlockContext(db, cls.school_year_id, settings.editDeadlineDays),
    scopes.some((s) => !approved.has(s)) ? preload.inputs() : null,
  ]);
  const subjectName = new Map(subjects.map((s) => [s.code, s.name]));
  const teacherOf = new Map(teacherRows.map((t) => [t.subject_id, formatStaffName(t)]));
  const cellsOf = new Map<string, typeof cells>();
  for (const c of cells) {
    const key = `${c.subject_id}|${Number(c.term_no)}`;
    const list = cellsOf.get(key);
    if (list) list.push(c);
    else cellsOf.set(key, [c]);
  }

  const results: Partial<Record<ResultScope, ScopeResults>> = {};
  for (const scope of scopes) results[scope] = await loadScopeResults(db, cls, scope, changedAt.toISOString(), preload);
  // studentId → the student's result, and studentId|subjectId → the printed value, per scope.
  const indexed = new Map<string, { students: Map<string, StudentResult>; values: Map<string, string | null> }>();
  for (const [scope, r] of Object.entries(results)) {
    const byStudent = new Map<string, StudentResult>();
    const values = new Map<string, string | null>();
    for (const st of r.students) {
      if (byStudent.has(st.studentId)) continue; // the first one, as .find would
      byStudent.set(st.studentId, st);
      for (const sub of st.subjects) {
        const key = `${st.studentId}|${sub.subjectId}`;
        if (!values.has(key)) values.set(key, sub.value);
      }
    }
    indexed.set(scope, { students: byStudent, values });
  }
  const resultOf = (scope: keyof typeof results, studentId: string) => indexed.get(scope)?.students.get(studentId);
  const valueOf = (scope: keyof typeof results, studentId: string, subjectId: string) => indexed.get(scope)?.values.get(`${studentId}|${subjectId}`) ?? '';

  const sections: ClassBookSection[] = [];
  const teachers = new Map<string, string | null>();
  const active = new Set(students.map((s) => s.studentId));
  for (const termNo of terms) {
    // Subject grids: the teacher's sheet as the grade book shows it (same cells, same averages).
    for (const s of subjects) {
      const sheet = presentSheet(
        { cls, subject: s, settings, teacherName: teacherOf.get(s.id) ?? null, students: classStudents, cells: cellsOf.get(`${s.id}|${termNo}`) ?? [], blockContext },
        null,
        { termNo, now: changedAt.toISOString() },
      );
      teachers.set(s.name, sheet.teacherName);
      const regularKeys = sheet.columns.filter((c) => c.point === 'regular').map((c) => c.key);
      const summer = new Map<string, (typeof cells)[number]>();
      if (termNo === 2) for (const c of cellsOf.get(`${s.id}|3`) ?? []) if (!summer.has(c.student_id)) summer.set(c.student_id, c);
      const page: SubjectGridPage = {
        kind: 'subject',
        termNo,
        subjectName: s.name,
        assessment: s.assessment_kind as 'scored' | 'comment',
        teacherName: sheet.teacherName,
        regularColumns: Math.max(PRINTED_REGULAR_COLUMNS, regularKeys.length),
        rows: sheet.rows
          .filter((r) => active.has(r.studentId))
          .map((r) => {
            const retest = summer.get(r.studentId);
            return {
              no: r.listNumber,
              fullName: r.fullName,
              regular: regularKeys.map((k) => r.cells[k]?.display ?? ''),
              mid: r.cells.GK?.display ?? '',
              end: r.cells.CK?.display ?? '',
              term: r.average ?? '',
              ...(termNo === 2
                ? {
                    year: valueOf('year', r.studentId, s.id),
                    retest: retest ? displayCell(s.assessment_kind === 'scored' ? 'score' : 'mark', { scoreTenths: retest.score_tenths === null ? null : Number(retest.score_tenths), text: retest.text_value }) : '',
                  }
                : {}),
              note: '',
            };
          }),
      };
      sections.push(page);
    }
    // The term summary.
    const scope = `term${termNo}` as const;
    sections.push(summary(`TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ ${termRoman(termNo)}`, scope));
  }
  if (options.scope === 'year') {
    sections.push(summary('TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CẢ NĂM HỌC', 'year'));
    const rows: YearRow[] = students.map((st) => {
      const y = resultOf('year', st.studentId);
      const f = resultOf('final', st.studentId);
      const summer = y?.outcome === 'retest' || y?.outcome === 'summerTraining';
      const finalKnown = summer && f && f.missing.length === 0 && f.retestPending.length === 0 && (f.outcome === 'promoted' || f.outcome === 'retained');
      const outcome = summer ? (finalKnown ? f!.outcome : null) : y?.outcome;
      const notes: string[] = [];
      if (y?.outcome === 'retest') notes.push(`Kiểm tra lại: ${y.retestSubjects.map((c) => subjectName.get(c) ?? c).join(', ')}`);
      if (y?.outcome === 'summerTraining') notes.push(PRINTED_TT22_OUTCOME_NAMES.summerTraining);
      if (y?.outcome === 'review') notes.push(PRINTED_TT22_OUTCOME_NAMES.review);
      if (y && y.missing.length) notes.push(`Còn thiếu ${y.missing.length} mục`);
      return {
        no: st.no,
        fullName: st.fullName,
        conduct: level(y?.conduct),
        academic: level(y?.academic),
        conductAfter: finalKnown ? level(f!.conduct) : '',
        academicAfter: finalKnown ? level(f!.academic) : '',
        absences: String(absences(st.studentId).year.sessions),
        promoted: outcome === 'promoted' ? true : outcome === 'retained' ? false : null,
        award: y?.title ? TT22_TITLE_NAMES[y.title] : '',
        note: notes.join('; '),
      };
    });
    sections.push({
      kind: 'year',
      basis: results.year!.basis,
      rows,
      totals: {
        students: rows.length,
        promoted: rows.filter((r) => r.promoted === true).length,
        promotedAfterSummer: rows.filter((r) => r.promoted === true && r.conductAfter !== '').length,
        retained: rows.filter((r) => r.promoted === false).length,
        pending: rows.filter((r) => r.promoted === null).length,
      },
    });
  }

  function summary(title: string, scope: 'term1' | 'term2' | 'year'): ClassBookSection {
    const comment = subjects.filter((s) => s.assessment_kind === 'comment');
    const scored = subjects.filter((s) => s.assessment_kind === 'scored');
    const r = results[scope]!;
    return {
      kind: 'summary',
      title,
      basis: r.basis,
      commentSubjects: comment.map((s) => s.name),
      scoredSubjects: scored.map((s) => s.name),
      rows: students.map((st) => {
        const res = resultOf(scope, st.studentId);
        const a = absences(st.studentId)[scope];
        return {
          no: st.no,
          fullName: st.fullName,
          comment: comment.map((s) => valueOf(scope, st.studentId, s.id)),
          scored: scored.map((s) => valueOf(scope, st.studentId, s.id)),
          academic: res?.academic ?? '',
          conduct: res?.conduct ?? '',
          absentExcused: a.excused ? String(a.excused) : '',
          absentUnexcused: a.unexcused ? String(a.unexcused) : '',
          note: scope === 'year' && res?.title ? TT22_TITLE_NAMES[res.title] : '',
        };
      }),
    };
  }

  const school = splitSchoolName(header.school.schoolName);
  const scopeLabel = CLASS_BOOK_SCOPE_LABELS[options.scope];
  const title = `Sổ theo dõi và đánh giá học sinh – lớp ${cls.name} – ${scopeLabel} – ${header.schoolYear}`;
  // The block names who approved the latest results printed (KT. for a vice-principal), who alone signs it.
  const principal = await resultsSigner(db, cls.school_id, scopes.map((sc) => results[sc]?.snapshotId ?? null).filter((x): x is string => !!x).at(-1) ?? null);
  const printed: Omit<ClassBookPdfData, 'documentId' | 'verifyUrl' | 'createdAt'> = {
    runningTitle: title,
    scopeLabel,
    cover: {
      schoolLabel: school.label,
      schoolName: school.name,
      localityLabel: header.localityLabel,
      locality: header.locality,
      province: header.province,
      levelName: header.levelName,
      className: cls.name,
      homeroomName: header.homeroomName,
      schoolYear: header.schoolYear,
      studentCount: students.length,
      femaleCount: students.filter((s) => s.female).length,
      subjectTeachers: subjects.map((s) => ({ subjectName: s.name, teacherName: teachers.get(s.name) ?? null })),
    },
    students: students.map(({ studentId: _id, female: _f, ...s }) => ({ ...s, note: '' })),
    sections,
    attendance: await loadMonthlyAttendance(db, cls, options.scope),
    placeDate: { place: header.school.place, date: null },
    homeroomSigner: { title: 'GIÁO VIÊN CHỦ NHIỆM', caption: '(Ký và ghi rõ họ tên)', name: header.homeroomName },
    principalSigner: principal.signer,
  };
  const inputsVersion = printedDataVersion(printed);
  const snapshots = Object.values(results).map((r) => r.snapshotId ?? 'live');
  const documentId = documentIdFor('STD', [cls.id, options.scope, ...snapshots, inputsVersion]);
  const pdf = await renderClassBookPdf({ ...printed, documentId, verifyUrl: verifyUrlFor(ctx.baseUrl, documentId), createdAt: changedAt });
  return {
    kind: 'class_book',
    documentId,
    title,
    publicHeader: `${header.school.schoolName} – Sổ theo dõi và đánh giá học sinh (theo lớp học) – lớp ${cls.name} – ${scopeLabel} – năm học ${header.schoolYear}`,
    subject: { classId: cls.id, schoolYearId: cls.school_year_id, scope: options.scope },
    seriesKey: `class_book:${cls.id}:${options.scope}`,
    inputsVersion,
    dataSha256: inputsVersion,
    principalSignerId: principal.userId,
    filename: `so-theo-doi-${slug(cls.name)}-${options.scope}-${slug(header.schoolYear)}.pdf`,
    pdf,
  };
}
