/**
 * Live results of a class (G7): every value computed now by src/domain from what is stored —
 * grade-book cells, the homeroom teacher's conduct levels, the absence count — never typed in.
 */
import { sha256Hex } from '../platform/sha256.ts';
import { evaluateTt22, TT22_2021_RULE_VERSION, type StudentYearResultTt22 } from '../../domain/assessment/evaluate-tt22.ts';
import { explainTt22 } from '../../domain/assessment/explain-tt22.ts';
import { formatTenths } from '../../domain/assessment/tenths.ts';
import type { Tt22Level } from '../../domain/assessment/tt22-level.ts';
import { yearConductTt22 } from '../../domain/assessment/year-conduct-tt22.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { termRoman } from '../../shared/labels.ts';
import type { CellValue } from '../../domain/gradebook/parse-cell-input.ts';
import { buildTt22Input, cellKey, RETEST_COLUMN, SUMMER_TERM, type ResultSubject } from '../../domain/results/build-tt22-input.ts';
import { summarizeClassResults } from '../../domain/results/summarize-class-results.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import type { ClassResults } from '../../shared/homeroom.ts';
import { subjectAssessment } from '../school/index.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadClassStudents } from '../gradebook/index.ts';

/** The subjects of a class's grade that are assessed (by score or comment), in the school's order. */
export function loadAssessedSubjects(db: Executor, cls: { school_year_id: string; grade: number | string }) {
  return db
    .selectFrom('subjects')
    .selectAll()
    .where('school_year_id', '=', cls.school_year_id)
    .where('grade', '=', Number(cls.grade))
    .where('assessment_kind', 'in', ['scored', 'comment'])
    .orderBy('sort_order')
    .execute();
}

export type ResultScope = 'term1' | 'term2' | 'year' | 'final';

export async function loadConduct(db: Executor, classId: string, yearId: string) {
  const rows = await db.selectFrom('conduct_assessments').selectAll().where('class_id', '=', classId).where('school_year_id', '=', yearId).execute();
  const by = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const r of rows) {
    const m = by.get(r.student_id) ?? new Map();
    m.set(r.period, r);
    by.set(r.student_id, m);
  }
  return by;
}

/** The year KQRL: the Điều 8 table, unless the homeroom teacher overrode it with a reason. */
export function yearConduct(periods: Map<string, { level: string | null }> | undefined): { level: Tt22Level | null; computed: Tt22Level | null } {
  const computed = yearConductTt22((periods?.get('term1')?.level as Tt22Level) ?? null, (periods?.get('term2')?.level as Tt22Level) ?? null);
  const override = (periods?.get('year')?.level as Tt22Level | null | undefined) ?? null;
  return { level: override ?? computed, computed };
}

/** Everything the live results of a class are computed from, loaded once (a book printing several scopes reuses it). */
export interface ClassResultsInputs {
  cls: Row<'classes'>;
  subjects: (ResultSubject & { name: string })[];
  students: Awaited<ReturnType<typeof loadClassStudents>>;
  cells: Map<string, Map<string, CellValue>>;
  conduct: Awaited<ReturnType<typeof loadConduct>>;
  absenceCount: Map<string, number>;
  /** The rules engine's evaluation per student (the same for every scope), filled on first use. */
  evaluated: Map<string, { result: StudentYearResultTt22; explanations: ReturnType<typeof explainTt22> }>;
}

type CellRow = Pick<Row<'gradebook_cells'>, 'student_id' | 'subject_id' | 'term_no' | 'column_key' | 'score_tenths' | 'text_value'>;

/** A caller that already holds the class row or all of the class's grade-book cells passes them in. */
export async function loadClassResultsInputs(db: Executor, classId: string, options: { cls?: Row<'classes'>; cells?: readonly CellRow[] } = {}): Promise<ClassResultsInputs> {
  const cls = options.cls?.id === classId ? options.cls : await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
  if (!cls) throw notFound('lớp');
  // Independent queries, run together (fewer round trips' wait on PostgreSQL).
  const [grade, subjectRows, classStudents, cells, conduct, absences] = await Promise.all([
    db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst(),
    loadAssessedSubjects(db, cls),
    loadClassStudents(db, classId),
    options.cells ?? db.selectFrom('gradebook_cells').select(['student_id', 'subject_id', 'term_no', 'column_key', 'score_tenths', 'text_value']).where('class_id', '=', classId).execute(),
    loadConduct(db, classId, cls.school_year_id),
    db
      .selectFrom('attendance_records')
      .select(['student_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('school_year_id', '=', cls.school_year_id)
      .where('period_no', '=', 0)
      .groupBy('student_id')
      .execute(),
  ]);
  if (grade?.regime !== 'TT22_2021') {
    throw new AppError('INVALID_STATE', 'Kết quả tổng hợp theo Thông tư 27/2020 (tiểu học) được xem ở Sổ tổng hợp kết quả đánh giá giáo dục.');
  }
  const subjects: (ResultSubject & { name: string })[] = subjectRows.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.assessment_kind as 'scored' | 'comment',
    regularCount: subjectAssessment(s).regularCount ?? 2,
  }));
  const students = classStudents.filter((s) => s.active);
  const byStudent = new Map<string, Map<string, CellValue>>();
  for (const c of cells) {
    const m = byStudent.get(c.student_id) ?? new Map();
    m.set(cellKey(c.subject_id, Number(c.term_no), c.column_key), { scoreTenths: c.score_tenths === null ? null : Number(c.score_tenths), text: c.text_value });
    byStudent.set(c.student_id, m);
  }
  const absenceCount = new Map(absences.map((a) => [a.student_id, Number(a.n)]));
  return { cls, subjects, students, cells: byStudent, conduct, absenceCount, evaluated: new Map() };
}

export async function computeClassResults(db: Executor, classId: string, scope: ResultScope): Promise<Omit<ClassResults, 'snapshot'> & { contentSha256: string }> {
  const results = computeClassResultsFrom(await loadClassResultsInputs(db, classId), scope);
  const contentSha256 = sha256Hex(canonicalJson(results.students.map(({ explanations: _e, ...rest }) => rest)));
  return { ...results, contentSha256 };
}

/** The live results of one scope from loaded inputs (no query). */
export function computeClassResultsFrom(inputs: ClassResultsInputs, scope: ResultScope): Omit<ClassResults, 'snapshot'> {
  const { cls, subjects, students, conduct, absenceCount } = inputs;
  const byStudent = inputs.cells;
  const terms = scope === 'term1' ? [1] : scope === 'term2' ? [2] : [1, 2];
  const required = subjects.flatMap((s) =>
    terms.map((t) => ({ subject: s, term: t, cols: gradebookColumns({ assessmentKind: s.kind, regularCount: s.regularCount, hasPeriodicTest: false }, t as 1 | 2).filter((c) => c.required) })),
  );
  const rows = students.map((st) => {
    const periods = conduct.get(st.studentId);
    const yc = yearConduct(periods);
    const mine = byStudent.get(st.studentId) ?? new Map<string, CellValue>();
    let evaluated = inputs.evaluated.get(st.studentId);
    if (!evaluated) {
      const input = buildTt22Input({
        studentId: st.studentId,
        subjects,
        cells: mine,
        conduct: {
          term1: (periods?.get('term1')?.level as Tt22Level) ?? null,
          term2: (periods?.get('term2')?.level as Tt22Level) ?? null,
          summer: (periods?.get('summer')?.level as Tt22Level) ?? null,
        },
        absences: absenceCount.get(st.studentId) ?? 0,
      });
      const result: StudentYearResultTt22 = evaluateTt22(input);
      evaluated = { result, explanations: explainTt22(result) };
      inputs.evaluated.set(st.studentId, evaluated);
    }
    const r = evaluated.result;
    const missing: string[] = [];
    for (const { subject: s, term: t, cols } of required) {
      const gaps = cols.filter((c) => {
        const v = mine.get(cellKey(s.id, t, c.key));
        return !v || (v.scoreTenths === null && v.text === null);
      });
      if (gaps.length) missing.push(`${s.name} (HK ${termRoman(t)}): ${gaps.map((g) => g.label).join(', ')}`);
    }
    for (const t of terms) if (!periods?.get(`term${t}`)?.level) missing.push(`Kết quả rèn luyện HK ${termRoman(t)}`);
    // After the summer: every subject to retest needs its score, and summer training its re-evaluation.
    const retestPending =
      scope === 'final' && (r.year.outcome === 'retest' || (r.year.outcome === 'summerTraining' && r.year.academic === 'CĐ'))
        ? subjects.filter((s) => r.year.retestSubjects.includes(s.code) && !mine.get(cellKey(s.id, SUMMER_TERM, RETEST_COLUMN)))
        : [];
    for (const s of retestPending) missing.push(`${s.name}: điểm kiểm tra lại`);
    if (scope === 'final' && r.year.outcome === 'summerTraining' && !periods?.get('summer')?.level) missing.push('Kết quả rèn luyện sau rèn luyện hè');
    const pick = scope === 'term1' || scope === 'term2' ? r[scope] : scope === 'year' ? r.year : r.final;
    const subjectValue = (i: number) => {
      const sr = r.subjects[i];
      const v = scope === 'term1' ? sr.term1 : scope === 'term2' ? sr.term2 : sr.year;
      if (scope === 'final') {
        const replaced = r.final.subjects.find((f) => f.subject === sr.subject);
        if (replaced) return typeof replaced.year === 'number' ? formatTenths(replaced.year, ',') : replaced.year;
      }
      return v === null ? null : typeof v === 'number' ? formatTenths(v, ',') : v;
    };
    return {
      studentId: st.studentId,
      listNumber: st.listNumber,
      fullName: st.fullName,
      subjects: subjects.map((s, i) => ({ subjectId: s.id, code: s.code, name: s.name, value: subjectValue(i) })),
      academic: pick.academic,
      academicBeforeAdjustment: pick.academicBeforeAdjustment,
      conduct: scope === 'year' ? yc.level : pick.conduct,
      title: scope === 'year' ? r.year.title : null,
      outcome: scope === 'year' ? r.year.outcome : scope === 'final' ? r.final.outcome : null,
      retestSubjects: scope === 'year' || scope === 'final' ? [...r.year.retestSubjects] : [],
      retestPending: retestPending.map((s) => s.code),
      absences: absenceCount.get(st.studentId) ?? 0,
      explanations: evaluated.explanations
        .filter((e) => e.scope === scope)
        .map((e) => ({ code: e.code, text: e.text })),
      missing,
    };
  });
  const summary = summarizeClassResults(rows);
  const missingCount = rows.reduce((n, r) => n + r.missing.length, 0);
  return {
    classId: cls.id,
    className: cls.name,
    scope,
    ruleVersion: TT22_2021_RULE_VERSION,
    students: rows,
    summary,
    complete: missingCount === 0,
    missingCount,
  };
}

/** The live results of a class with its latest proposed or approved snapshot, and whether they changed since. */
export async function loadClassResults(db: Executor, classId: string, scope: ResultScope): Promise<ClassResults> {
  const { contentSha256, ...results } = await computeClassResults(db, classId, scope);
  const snap = await db
    .selectFrom('result_snapshots')
    .selectAll()
    .where('class_id', '=', classId)
    .where('scope', '=', scope)
    .where('status', 'in', ['proposed', 'approved'])
    .orderBy('proposed_at', 'desc')
    .executeTakeFirst();
  return {
    ...results,
    snapshot: snap
      ? { id: snap.id, status: snap.status as 'proposed' | 'approved', proposedAt: snap.proposed_at, approvedAt: snap.approved_at, sha256: snap.sha256, changedSince: snap.sha256 !== contentSha256 }
      : null,
  };
}

/** The class's latest approved snapshot of a scope (term1…final, or a primary point GK1…CN), or undefined. */
export function latestApprovedSnapshot(db: Executor, classId: string, scope: string) {
  return db
    .selectFrom('result_snapshots')
    .selectAll()
    .where('class_id', '=', classId)
    .where('scope', '=', scope)
    .where('status', '=', 'approved')
    .orderBy('approved_at', 'desc')
    .executeTakeFirst();
}

/** The result snapshots of a school year in one status (waiting for approval, or approved), oldest proposal first. */
export async function listResultSnapshots(db: Executor, yearId: string, status: 'proposed' | 'approved') {
  const rows = await db
    .selectFrom('result_snapshots')
    .innerJoin('classes', 'classes.id', 'result_snapshots.class_id')
    .innerJoin('users', 'users.id', 'result_snapshots.proposed_by')
    .select(['result_snapshots.id', 'result_snapshots.class_id', 'classes.name', 'result_snapshots.scope', 'result_snapshots.proposed_at', 'result_snapshots.approved_at', 'users.full_name'])
    .where('result_snapshots.school_year_id', '=', yearId)
    .where('result_snapshots.status', '=', status)
    .orderBy('result_snapshots.proposed_at')
    .execute();
  return rows.map((r) => ({ id: r.id, classId: r.class_id, className: r.name, scope: r.scope as 'year', proposedAt: r.proposed_at, approvedAt: r.approved_at, proposedByName: r.full_name }));
}
