/**
 * Dashboard figures. Levels come from the live class results (computeClassResults) — no rule is
 * recomputed here; subject averages are read back from their printed tenths and compared as
 * integers; means are exact integer sums divided once, half up. No floating point touches a score.
 */
import { sql } from 'kysely';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { formatTenths, roundHalfUpTenths, tenthsFromDecimalText } from '../../domain/assessment/tenths.ts';
import { summarizeClassResults } from '../../domain/results/summarize-class-results.ts';
import { type AttendanceMonth, type ClassDashboard, type DashboardScope, type LevelDistribution, SCORE_BANDS, type SchoolDashboard, type ScoreBandKey } from '../../shared/dashboard.ts';
import type { Executor } from '../platform/db/database.ts';
import { computeClassResults } from '../results/index.ts';

type Summary = Awaited<ReturnType<typeof computeClassResults>>['summary'];

function levels(d: Summary['academic']): LevelDistribution {
  const z = { count: 0, percentTenths: 0 };
  return { T: d.T ?? z, K: d.K ?? z, Đ: d['Đ'] ?? z, CĐ: d['CĐ'] ?? z, pending: d.pending ?? z };
}

/** "8,5" → 85; "Đ", "CĐ" or anything else → null. */
function averageTenths(value: string | null): number | null {
  if (value === null) return null;
  return tenthsFromDecimalText(value.replace(',', '.'));
}

const share = (count: number, n: number) => ({ count, percentTenths: n === 0 ? 0 : roundHalfUpTenths(count * 1000, n) });

/** The months (yyyy-mm) of the scope's terms, up to the month of `today`. */
async function scopeMonths(db: Executor, yearId: string, scope: DashboardScope, today: string) {
  const terms = await db.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', yearId).orderBy('term_no').execute();
  const wanted = terms.filter((t) => (scope === 'term1' ? Number(t.term_no) === 1 : scope === 'term2' ? Number(t.term_no) === 2 : true));
  if (wanted.length === 0) return { from: null, to: null, months: [] as string[] };
  const from = wanted.map((t) => t.starts_on).sort()[0];
  const to = wanted.map((t) => t.ends_on).sort().at(-1)!;
  const months: string[] = [];
  const last = (to < today ? to : today).slice(0, 7);
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  for (let guard = 0; guard < 24; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return { from, to, months };
}

/** Absences per month of a class (classId) or of the whole school year. */
export async function attendanceByMonth(db: Executor, where: { yearId: string; classId?: string }, scope: DashboardScope, today: string): Promise<AttendanceMonth[]> {
  const range = await scopeMonths(db, where.yearId, scope, today);
  if (!range.from) return [];
  let q = db
    .selectFrom('attendance_records')
    .select([sql<string>`substr(date, 1, 7)`.as('month'), 'kind', 'period_no', (eb) => eb.fn.countAll<number>().as('n')])
    .where('school_year_id', '=', where.yearId)
    .where('date', '>=', range.from)
    .where('date', '<=', range.to!);
  if (where.classId) q = q.where('class_id', '=', where.classId);
  const rows = await q.groupBy([sql`substr(date, 1, 7)`, 'kind', 'period_no']).execute();
  const by = new Map<string, AttendanceMonth>(range.months.map((month) => [month, { month, excused: 0, unexcused: 0, lessons: 0 }]));
  for (const r of rows) {
    const month = String(r.month);
    const t = by.get(month) ?? { month, excused: 0, unexcused: 0, lessons: 0 };
    by.set(month, t);
    const n = Number(r.n);
    if (Number(r.period_no) !== 0) t.lessons += n;
    else if (r.kind === 'P') t.excused += n;
    else t.unexcused += n;
  }
  return [...by.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export async function classDashboard(db: Executor, classId: string, scope: DashboardScope, now: Date): Promise<ClassDashboard> {
  const results = await computeClassResults(db, classId, scope);
  const cls = await db.selectFrom('classes').select(['school_year_id', 'grade']).where('id', '=', classId).executeTakeFirstOrThrow();
  const scored = await db
    .selectFrom('subjects')
    .select(['id'])
    .where('school_year_id', '=', cls.school_year_id)
    .where('grade', '=', cls.grade)
    .where('assessment_kind', '=', 'scored')
    .execute();
  const scoredIds = new Set(scored.map((s) => s.id));
  const first = results.students[0]?.subjects ?? [];
  const subjectList =
    first.length > 0
      ? first.filter((s) => scoredIds.has(s.subjectId))
      : (
          await db
            .selectFrom('subjects')
            .select(['id as subjectId', 'code', 'name'])
            .where('school_year_id', '=', cls.school_year_id)
            .where('grade', '=', cls.grade)
            .where('assessment_kind', '=', 'scored')
            .orderBy('sort_order')
            .execute()
        ).map((s) => ({ ...s, value: null }));
  const subjects = subjectList.map((s) => {
    const values: number[] = [];
    for (const st of results.students) {
      const v = averageTenths(st.subjects.find((x) => x.subjectId === s.subjectId)?.value ?? null);
      if (v !== null) values.push(v);
    }
    const counts: Record<ScoreBandKey, number> = { lt35: 0, from35: 0, from50: 0, from65: 0, from80: 0 };
    for (const v of values) {
      const band = SCORE_BANDS.find((b) => v >= b.fromTenths && v < b.belowTenths) ?? SCORE_BANDS[0];
      counts[band.key] += 1;
    }
    const n = values.length;
    const sum = values.reduce((a, b) => a + b, 0);
    const meanTenths = n === 0 ? null : roundHalfUpTenths(sum, n);
    return {
      subjectId: s.subjectId,
      code: s.code,
      name: s.name,
      graded: n,
      bands: {
        lt35: share(counts.lt35, n),
        from35: share(counts.from35, n),
        from50: share(counts.from50, n),
        from65: share(counts.from65, n),
        from80: share(counts.from80, n),
      },
      meanTenths,
      mean: meanTenths === null ? null : formatTenths(meanTenths, ','),
    };
  });
  return {
    classId,
    className: results.className,
    grade: Number(cls.grade),
    scope,
    students: results.summary.students,
    complete: results.complete,
    missingCount: results.missingCount,
    academic: levels(results.summary.academic),
    conduct: levels(results.summary.conduct),
    subjects,
    attendance: await attendanceByMonth(db, { yearId: cls.school_year_id, classId }, scope, vietnamDay(now)),
  };
}

export async function schoolDashboard(db: Executor, yearId: string, scope: DashboardScope, now: Date): Promise<SchoolDashboard> {
  // Classes under TT 22 only: primary classes (TT 27) have no KQHT/KQRL levels.
  const classes = await db
    .selectFrom('classes')
    .innerJoin('grade_levels', (j) => j.onRef('grade_levels.school_year_id', '=', 'classes.school_year_id').onRef('grade_levels.grade', '=', 'classes.grade'))
    .select(['classes.id', 'classes.name', 'classes.grade'])
    .where('classes.school_year_id', '=', yearId)
    .where('grade_levels.regime', '=', 'TT22_2021')
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .execute();
  const rows = [];
  const everyone: { academic: Parameters<typeof summarizeClassResults>[0][number]['academic']; conduct: Parameters<typeof summarizeClassResults>[0][number]['conduct'] }[] = [];
  for (const c of classes) {
    const r = await computeClassResults(db, c.id, scope);
    for (const st of r.students) everyone.push({ academic: st.academic, conduct: st.conduct });
    rows.push({ classId: c.id, className: c.name, grade: Number(c.grade), students: r.summary.students, complete: r.complete, academic: levels(r.summary.academic), conduct: levels(r.summary.conduct) });
  }
  const total = summarizeClassResults(everyone);
  return {
    yearId,
    scope,
    classes: rows,
    totals: { students: total.students, academic: levels(total.academic), conduct: levels(total.conduct) },
    attendance: await attendanceByMonth(db, { yearId }, scope, vietnamDay(now)),
  };
}
