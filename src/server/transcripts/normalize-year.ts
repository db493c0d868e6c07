/**
 * One confirmed year record (its frozen record_json, plus the approved term snapshots of its
 * class for secondary years) → one canonical TranscriptYear. The record shapes are those of
 * confirm-transcript-records.ts (TT22_2021, TT27_2020); legacy TT58 records carry their term
 * values in the record itself (see docs/transcript-format.md §Legacy records).
 */
import { COMPETENCES_TT22_2016, QUALITIES_TT22_2016 } from '../../domain/assessment/legacy/evaluate-tt22-2016.ts';
import { COMPETENCES, QUALITIES } from '../../domain/results/primary-traits.ts';
import { exactDecimal } from '../platform/canonical-json.ts';
import type { TranscriptPeriod, TranscriptSubject, TranscriptTrait, TranscriptYear } from './transcript-document.ts';

type Value = string | number | null | undefined;

export interface SnapshotEntry {
  studentId: string;
  subjects: { subjectId?: string; code: string; name: string; value: Value }[];
  academic?: string | null;
  conduct?: string | null;
  title?: string | null;
  outcome?: string | null;
  retestSubjects?: string[];
  absences?: number | null;
}

interface LegacyPeriod {
  academic?: string | null;
  conduct?: string | null;
  overallAverage?: Value;
}

export interface YearRecordJson {
  school: { name: string; code: string };
  schoolYear: string;
  class: { name: string; grade: number; homeroomTeacher: string | null };
  regime: string;
  ruleVersion: string;
  identity: {
    fullName: string;
    familyName: string;
    middleName: string;
    givenName: string;
    sex: string;
    dateOfBirth: string;
    placeOfBirth?: string;
    ethnicity?: string;
    nationality?: string;
    nationalId?: string | null;
    studentCode?: string | null;
    address?: string;
    guardians?: { relation: string; fullName: string; occupation?: string | null }[];
  };
  results: Omit<SnapshotEntry, 'subjects'> & {
    scope: string;
    // legacy (TT58) records carry the terms and ĐTB các môn themselves
    term1?: LegacyPeriod;
    term2?: LegacyPeriod;
    overallAverage?: Value;
    excusedAbsences?: number | null;
    unexcusedAbsences?: number | null;
    subjects: ({ subjectId?: string; code: string; name: string; value?: Value; term1?: Value; term2?: Value; retest?: Value; hasTest?: boolean; level?: string | null; test?: Value })[];
    // primary
    qualities?: (string | null)[];
    competences?: (string | null)[];
    yearLevel?: string | null;
    award?: string | null;
    completed?: boolean | null;
    comment?: string;
  };
  homeroomComment?: string;
}

type Header = Pick<TranscriptYear, 'startYear' | 'regime' | 'ruleVersion' | 'record'>;

const COMMENT_MARKS = new Set(['Đ', 'CĐ']);

function base(record: YearRecordJson, header: Header) {
  return {
    schoolYear: record.schoolYear,
    startYear: header.startYear,
    class: { name: record.class.name, grade: Number(record.class.grade), homeroomTeacher: record.class.homeroomTeacher ?? null },
    regime: header.regime,
    ruleVersion: header.ruleVersion,
    record: header.record,
  };
}

export function normalizeSecondaryYear(
  record: YearRecordJson,
  header: Header & { sources: TranscriptYear['sources'] },
  snaps: Record<string, SnapshotEntry | null>,
  teachers: Map<string, string>,
): TranscriptYear {
  const r = record.results;
  const final = r.scope === 'final';
  const retestSubjects = [...(r.retestSubjects ?? snaps.year?.retestSubjects ?? [])];
  const fromSnap = (scope: string, code: string) => snaps[scope]?.subjects.find((s) => s.code === code)?.value;
  const subjects: TranscriptSubject[] = r.subjects.map((s) => {
    const term1 = exactDecimal(s.term1 ?? fromSnap('term1', s.code));
    const term2 = exactDecimal(s.term2 ?? fromSnap('term2', s.code));
    const year = exactDecimal(final ? (fromSnap('year', s.code) ?? s.value) : s.value);
    const retest = exactDecimal(final ? (retestSubjects.includes(s.code) ? s.value : null) : (s.retest ?? null));
    const sample = [term1, term2, year, retest].find((v) => v !== null);
    return {
      code: s.code,
      name: s.name,
      assessment: sample && COMMENT_MARKS.has(sample) ? 'comment' : 'score',
      term1,
      term2,
      year,
      retest,
      test: null,
      teacher: (s.subjectId && teachers.get(s.subjectId)) || null,
    };
  });
  const period = (p: TranscriptPeriod['period'], v: LegacyPeriod | SnapshotEntry | null | undefined, avg?: Value): TranscriptPeriod => ({
    period: p,
    academic: v?.academic ?? null,
    conduct: v?.conduct ?? null,
    overallAverage: exactDecimal(avg ?? null),
  });
  const yearSnap = final ? (snaps.year ?? r) : r;
  const periods = [
    period('term1', r.term1 ?? snaps.term1, r.term1?.overallAverage),
    period('term2', r.term2 ?? snaps.term2, r.term2?.overallAverage),
    period('year', yearSnap, r.overallAverage),
  ];
  const reassessed = final && (retestSubjects.length > 0 || snaps.year?.outcome === 'summerTraining');
  if (reassessed) periods.push(period('reassessed', r));
  const yearOutcome = snaps.year?.outcome ?? null;
  const outcome = final && r.outcome === 'promoted' && (yearOutcome === 'retest' || yearOutcome === 'summerTraining') ? 'promotedAfterReassessment' : (r.outcome ?? null);
  return {
    ...base(record, header),
    sources: header.sources,
    subjects,
    periods,
    primary: null,
    absences: { total: r.absences ?? null, excused: r.excusedAbsences ?? null, unexcused: r.unexcusedAbsences ?? null },
    title: r.title ?? null,
    outcome,
    retestSubjects,
    homeroomComment: record.homeroomComment ?? '',
  };
}

export function normalizePrimaryYear(record: YearRecordJson, header: Header, teachers: Map<string, string>): TranscriptYear {
  const r = record.results;
  const legacy = header.regime === 'TT22_2016';
  const qualityNames: readonly string[] = legacy ? QUALITIES_TT22_2016 : QUALITIES;
  const competenceNames: readonly string[] = legacy ? COMPETENCES_TT22_2016 : COMPETENCES;
  const traits: TranscriptTrait[] = [
    ...qualityNames.map((name, i) => ({ group: 'quality' as const, name, level: r.qualities?.[i] ?? null })),
    ...competenceNames.map((name, i) => ({ group: legacy || i < 3 ? ('general' as const) : ('specific' as const), name, level: r.competences?.[i] ?? null })),
  ];
  return {
    ...base(record, header),
    sources: [],
    subjects: r.subjects.map((s) => ({
      code: s.code,
      name: s.name,
      assessment: 'level',
      term1: null,
      term2: null,
      year: s.level ?? null,
      retest: null,
      test: s.hasTest === false ? null : exactDecimal(s.test ?? null),
      teacher: (s.subjectId && teachers.get(s.subjectId)) || null,
    })),
    periods: [],
    primary: { traits, educationLevel: r.yearLevel ?? null, award: r.award ?? null, completed: r.completed ?? null },
    absences: { total: r.absences ?? null, excused: r.excusedAbsences ?? null, unexcused: r.unexcusedAbsences ?? null },
    title: null,
    outcome: r.completed === true ? 'completed' : r.completed === false ? 'notCompleted' : null,
    retestSubjects: [],
    homeroomComment: record.homeroomComment || r.comment || '',
  };
}
