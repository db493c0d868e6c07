/**
 * The class data the TT 22 books print, gathered with the existing queries: the students' profiles
 * in list order, the class results of a scope (the approved snapshot when there is one, else the
 * live results computed by src/domain), and the absences per term and year (P / K).
 */
import { summarizeAbsences, type AbsenceTotals } from '../../domain/attendance/summarize-absences.ts';
import type { Executor } from '../platform/db/database.ts';
import { loadClassStudents } from '../gradebook/index.ts';
import { type ClassResultsInputs, computeClassResults, computeClassResultsFrom, loadClassResultsInputs, type ResultScope } from '../results/index.ts';
import type { Row } from '../platform/db/schema.ts';
import type { ClassResults } from '../../shared/homeroom.ts';
import { GUARDIAN_RELATION_LABELS, SEX_LABELS } from '../../shared/labels.ts';
import { isoDateToPrinted } from './class-print-common.ts';
import { formatVietnamDay } from '../../domain/calendar/vietnam-time.ts';

export type StudentResult = ClassResults['students'][number];

export interface ScopeResults {
  scope: ResultScope;
  students: StudentResult[];
  /** The approved snapshot the numbers come from, or null for the live results. */
  snapshotId: string | null;
  /** A line under the summary's title saying where the numbers come from. */
  basis: string;
  missingCount: number;
}

type Snapshot = Pick<Row<'result_snapshots'>, 'id' | 'scope' | 'snapshot_json' | 'approved_at' | 'proposed_at'>;

/** What a book printing several scopes of one class loads once: its approved snapshots, and the live results' inputs when needed. */
export interface ScopeResultsPreload {
  /** The latest approved snapshot per scope (loadApprovedSnapshots). */
  snapshots: Map<string, Snapshot>;
  /** The inputs of the live results, loaded on first need. */
  inputs: () => Promise<ClassResultsInputs>;
}

/** The latest approved snapshot of every scope of a class, in one query. */
export async function loadApprovedSnapshots(db: Executor, classId: string): Promise<Map<string, Snapshot>> {
  const rows = await db
    .selectFrom('result_snapshots')
    .select(['id', 'scope', 'snapshot_json', 'approved_at', 'proposed_at'])
    .where('class_id', '=', classId)
    .where('status', '=', 'approved')
    .orderBy('approved_at', 'desc')
    .execute();
  const latest = new Map<string, Snapshot>();
  for (const r of rows) if (!latest.has(r.scope)) latest.set(r.scope, r);
  return latest;
}

/** A preload for `loadScopeResults` of one class, from its approved snapshots (loadApprovedSnapshots): the live inputs load at most once. */
export function scopeResultsPreload(
  db: Executor,
  cls: Row<'classes'>,
  snapshots: Map<string, Snapshot>,
  cells?: NonNullable<Parameters<typeof loadClassResultsInputs>[2]>['cells'],
): ScopeResultsPreload {
  let inputs: Promise<ClassResultsInputs> | undefined;
  return { snapshots, inputs: () => (inputs ??= loadClassResultsInputs(db, cls.id, { cls, cells })) };
}

/** The approved snapshot of a scope if there is one (frozen, C5), else the live results (G7). */
export async function loadScopeResults(db: Executor, cls: Row<'classes'>, scope: ResultScope, dataAsOf: string, preload?: ScopeResultsPreload): Promise<ScopeResults> {
  const snap = preload
    ? preload.snapshots.get(scope)
    : await db
        .selectFrom('result_snapshots')
        .selectAll()
        .where('class_id', '=', cls.id)
        .where('scope', '=', scope)
        .where('status', '=', 'approved')
        .orderBy('approved_at', 'desc')
        .executeTakeFirst();
  if (snap) {
    const frozen = JSON.parse(snap.snapshot_json) as { students: StudentResult[] };
    return {
      scope,
      students: frozen.students,
      snapshotId: snap.id,
      basis: `Kết quả đã được Hiệu trưởng phê duyệt ngày ${formatVietnamDay(snap.approved_at ?? snap.proposed_at)} (bản chốt).`,
      missingCount: 0,
    };
  }
  const live = preload ? computeClassResultsFrom(await preload.inputs(), scope) : await computeClassResults(db, cls.id, scope);
  return {
    scope,
    students: live.students,
    snapshotId: null,
    basis: live.complete
      ? `Kết quả tính từ sổ điểm (cập nhật lần cuối ngày ${formatVietnamDay(dataAsOf)}); chưa được Hiệu trưởng phê duyệt.`
      : `Kết quả tạm tính từ sổ điểm (cập nhật lần cuối ngày ${formatVietnamDay(dataAsOf)}), còn thiếu ${live.missingCount} mục; chưa được Hiệu trưởng phê duyệt.`,
    missingCount: live.missingCount,
  };
}

export interface PrintStudent {
  studentId: string;
  no: number;
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  sex: string;
  female: boolean;
  ethnicity: string;
  address: string;
  father: string;
  mother: string;
}

interface Guardian {
  relation: 'father' | 'mother' | 'guardian';
  fullName: string;
  phone?: string | null;
  occupation?: string | null;
}

function guardianLine(g: Guardian | undefined, prefix = ''): string {
  if (!g) return '';
  return prefix + [g.fullName, g.occupation, g.phone].filter(Boolean).join(', ');
}

/** The class's current students in list order (ABC unless fine-tuned), as the student list prints them. */
export async function loadPrintStudents(db: Executor, classId: string): Promise<PrintStudent[]> {
  const list = (await loadClassStudents(db, classId)).filter((s) => s.active);
  const ids = list.map((s) => s.studentId);
  const rows = ids.length ? await db.selectFrom('students').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return list.map((s) => {
    const r = byId.get(s.studentId)!;
    const guardians = JSON.parse(r.guardians_json || '[]') as Guardian[];
    const father = guardians.find((g) => g.relation === 'father');
    const mother = guardians.find((g) => g.relation === 'mother');
    const other = guardians.find((g) => g.relation === 'guardian');
    return {
      studentId: s.studentId,
      no: s.listNumber,
      fullName: s.fullName,
      dateOfBirth: isoDateToPrinted(r.date_of_birth),
      placeOfBirth: r.place_of_birth,
      sex: SEX_LABELS[r.sex === 'female' ? 'female' : 'male'],
      female: r.sex === 'female',
      ethnicity: r.ethnicity,
      address: r.address,
      father: father ? guardianLine(father) : guardianLine(other, `(${GUARDIAN_RELATION_LABELS.guardian}) `),
      mother: guardianLine(mother),
    };
  });
}

export interface PrintAbsences {
  term1: AbsenceTotals;
  term2: AbsenceTotals;
  year: AbsenceTotals;
}

const ZERO: AbsenceTotals = { excused: 0, unexcused: 0, sessions: 0, lessons: 0 };

/** Sessions absent per student, P / K, per term and year (the summary of the attendance routes). */
export async function loadAbsences(db: Executor, cls: Row<'classes'>): Promise<(studentId: string) => PrintAbsences> {
  const [records, terms] = await Promise.all([
    db.selectFrom('attendance_records').select(['student_id', 'date', 'period_no', 'kind']).where('class_id', '=', cls.id).execute(),
    db.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', cls.school_year_id).execute(),
  ]);
  const totals = summarizeAbsences(
    records.map((r) => ({ studentId: r.student_id, date: r.date, periodNo: Number(r.period_no), kind: r.kind as 'P' | 'K' })),
    terms.map((t) => ({ termNo: Number(t.term_no), startsOn: t.starts_on, endsOn: t.ends_on })),
  );
  return (id) => {
    const t = totals.get(id);
    return { term1: t?.term1 ?? ZERO, term2: t?.term2 ?? ZERO, year: t?.year ?? ZERO };
  };
}
