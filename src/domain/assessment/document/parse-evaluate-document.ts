/**
 * Validates an `evaluate` document (contracts/evaluate.md) and converts it into the engine's
 * typed inputs: scores become integer tenths through their decimal text (8.5 → 85), never by
 * multiplying floats. Every error names the student id, the subject and the field path, e.g.
 * `s17 TOAN term1.regular[2]: 10.5 is above 10`.
 */
import { tenthsFromNumber, type Tenths } from '../tenths.ts';
import type { CommentMark, Tt22Level } from '../tt22-level.ts';
import type {
  CommentSubjectInputTt22,
  ScoredSubjectInputTt22,
  StudentYearInputTt22,
  SubjectInputTt22,
} from '../evaluate-tt22.ts';
import type { ScoredTermInput } from '../term-subject-average.ts';
import type { CommentTermInput } from '../comment-term-result.ts';
import type { StudentYearInputTt27 } from '../evaluate-tt27.ts';
import type { SubjectLevelTt27, TraitLevelTt27 } from '../year-level-tt27.ts';

export type EvaluateDocument =
  | { regime: 'TT22_2021'; grade: number; students: StudentYearInputTt22[] }
  | { regime: 'TT27_2020'; grade: number; students: StudentYearInputTt27[] };

export type ParseDocumentResult = { ok: true; document: EvaluateDocument } | { ok: false; errors: string[] };

export const EVALUATE_REGIMES = ['TT22_2021', 'TT27_2020'] as const;

const TT22_LEVEL_CODES: readonly string[] = ['T', 'K', 'Đ', 'CĐ'];
const COMMENT_CODES: readonly string[] = ['Đ', 'CĐ'];
const TT27_SUBJECT_CODES: readonly string[] = ['T', 'H', 'C'];
const TT27_TRAIT_CODES: readonly string[] = ['T', 'Đ', 'C'];
const MAX_ERRORS = 50;

/** Collects errors with a location prefix "student subject path". */
class Errors {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(`${where}: ${message}`);
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nfc(value: string): string {
  return value.normalize('NFC');
}

/** A score 0..10 with at most one decimal, as tenths; null (with an error) otherwise. */
function score(value: unknown, where: string, errors: Errors): Tenths | null {
  if (typeof value !== 'number') {
    errors.add(where, `${show(value)} is not a score (a number from 0 to 10 with at most one decimal)`);
    return null;
  }
  if (value > 10) {
    errors.add(where, `${show(value)} is above 10`);
    return null;
  }
  if (value < 0) {
    errors.add(where, `${show(value)} is below 0`);
    return null;
  }
  const t = tenthsFromNumber(value);
  if (t === null) {
    errors.add(where, `${show(value)} has more than one decimal`);
    return null;
  }
  return t;
}

function code<T extends string>(value: unknown, allowed: readonly string[], where: string, errors: Errors): T | null {
  if (typeof value === 'string' && allowed.includes(nfc(value))) return nfc(value) as T;
  errors.add(where, `${show(value)} is not one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  return null;
}

function optionalCode<T extends string>(value: unknown, allowed: readonly string[], where: string, errors: Errors): T | null {
  return value === null || value === undefined ? null : code<T>(value, allowed, where, errors);
}

function integer(value: unknown, min: number, max: number, where: string, errors: Errors): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors.add(where, `${show(value)} is not an integer`);
    return min;
  }
  if (value < min || value > max) {
    errors.add(where, `${value} is not between ${min} and ${max}`);
    return min;
  }
  return value;
}

function studentId(raw: unknown, index: number, errors: Errors, seen: Set<string>): string {
  const fallback = `students[${index}]`;
  if (!isObject(raw)) {
    errors.add(fallback, `${show(raw)} is not a student object`);
    return fallback;
  }
  if (typeof raw.id !== 'string' || raw.id.trim() === '') {
    errors.add(`${fallback} id`, `${show(raw.id)} is not a student id (a non-empty string)`);
    return fallback;
  }
  const id = nfc(raw.id);
  if (seen.has(id)) errors.add(`${id} id`, 'duplicate student id');
  seen.add(id);
  return id;
}

function subjectCode(raw: Record<string, unknown>, index: number, id: string, errors: Errors, seen: Set<string>): string {
  if (typeof raw.subject !== 'string' || raw.subject.trim() === '') {
    errors.add(`${id} subjects[${index}] subject`, `${show(raw.subject)} is not a subject code`);
    return `subjects[${index}]`;
  }
  const s = nfc(raw.subject);
  if (seen.has(s)) errors.add(`${id} ${s} subject`, 'duplicate subject');
  seen.add(s);
  return s;
}

// ---------------------------------------------------------------- TT22_2021

function tt22Term<K extends 'scored' | 'comment'>(
  kind: K,
  raw: unknown,
  where: string,
  errors: Errors,
): (K extends 'scored' ? ScoredTermInput : CommentTermInput) | null {
  if (raw === null) return null; // the term is not assessed yet: incomplete
  if (!isObject(raw)) {
    errors.add(where, `${show(raw)} is not a term object { regular, midterm, endOfTerm }`);
    return null;
  }
  const one = (value: unknown, at: string): Tenths | CommentMark | null => {
    if (value === null) return null; // missing or pending make-up
    return kind === 'scored'
      ? score(value, `${where}.${at}`, errors)
      : code<CommentMark>(value, COMMENT_CODES, `${where}.${at}`, errors);
  };
  if (!Array.isArray(raw.regular)) {
    errors.add(`${where}.regular`, `${show(raw.regular)} is not an array`);
    return null;
  }
  for (const key of ['midterm', 'endOfTerm'] as const) {
    if (!(key in raw)) errors.add(`${where}.${key}`, 'missing (use null when not assessed yet)');
  }
  const regular = raw.regular.map((v, i) => one(v, `regular[${i}]`));
  const term = { regular, midterm: one(raw.midterm, 'midterm'), endOfTerm: one(raw.endOfTerm, 'endOfTerm') };
  return term as unknown as K extends 'scored' ? ScoredTermInput : CommentTermInput;
}

function tt22Subject(raw: unknown, index: number, id: string, errors: Errors, seen: Set<string>): SubjectInputTt22 | null {
  if (!isObject(raw)) {
    errors.add(`${id} subjects[${index}]`, `${show(raw)} is not a subject object`);
    return null;
  }
  const subject = subjectCode(raw, index, id, errors, seen);
  const at = `${id} ${subject}`;
  const regularCount = integer(raw.regularCount, 1, 5, `${at} regularCount`, errors);
  if (raw.kind === 'scored') {
    const retest = raw.retest === null || raw.retest === undefined ? null : score(raw.retest, `${at} retest`, errors);
    const s: ScoredSubjectInputTt22 = {
      subject,
      kind: 'scored',
      regularCount,
      term1: tt22Term('scored', raw.term1, `${at} term1`, errors),
      term2: tt22Term('scored', raw.term2, `${at} term2`, errors),
      retest,
    };
    return s;
  }
  if (raw.kind === 'comment') {
    const c: CommentSubjectInputTt22 = {
      subject,
      kind: 'comment',
      regularCount,
      term1: tt22Term('comment', raw.term1, `${at} term1`, errors),
      term2: tt22Term('comment', raw.term2, `${at} term2`, errors),
      retest: optionalCode<CommentMark>(raw.retest, COMMENT_CODES, `${at} retest`, errors),
    };
    return c;
  }
  errors.add(`${at} kind`, `${show(raw.kind)} is not one of "scored", "comment"`);
  return null;
}

function tt22Student(raw: unknown, index: number, errors: Errors, seen: Set<string>): StudentYearInputTt22 {
  const id = studentId(raw, index, errors, seen);
  const obj = isObject(raw) ? raw : {};
  const subjects: SubjectInputTt22[] = [];
  if (!Array.isArray(obj.subjects)) errors.add(`${id} subjects`, `${show(obj.subjects)} is not an array`);
  else {
    const seenSubjects = new Set<string>();
    obj.subjects.forEach((s, i) => {
      const parsed = tt22Subject(s, i, id, errors, seenSubjects);
      if (parsed) subjects.push(parsed);
    });
  }
  let conduct: StudentYearInputTt22['conduct'] = { term1: null, term2: null, summer: null };
  if (!isObject(obj.conduct)) errors.add(`${id} conduct`, `${show(obj.conduct)} is not an object { term1, term2, summer }`);
  else {
    const c = obj.conduct;
    for (const key of ['term1', 'term2'] as const) {
      if (!(key in c)) errors.add(`${id} conduct.${key}`, 'missing (use null when not evaluated yet)');
    }
    conduct = {
      term1: optionalCode<Tt22Level>(c.term1, TT22_LEVEL_CODES, `${id} conduct.term1`, errors),
      term2: optionalCode<Tt22Level>(c.term2, TT22_LEVEL_CODES, `${id} conduct.term2`, errors),
      summer: optionalCode<Tt22Level>(c.summer, TT22_LEVEL_CODES, `${id} conduct.summer`, errors),
    };
  }
  const absences = integer(obj.absences, 0, 1000, `${id} absences`, errors);
  return { id, subjects, conduct, absences };
}

// ---------------------------------------------------------------- TT27_2020

function tt27Student(raw: unknown, index: number, errors: Errors, seen: Set<string>): StudentYearInputTt27 {
  const id = studentId(raw, index, errors, seen);
  const obj = isObject(raw) ? raw : {};
  const subjects: StudentYearInputTt27['subjects'][number][] = [];
  if (!Array.isArray(obj.subjects)) errors.add(`${id} subjects`, `${show(obj.subjects)} is not an array`);
  else {
    const seenSubjects = new Set<string>();
    obj.subjects.forEach((s, i) => {
      if (!isObject(s)) {
        errors.add(`${id} subjects[${i}]`, `${show(s)} is not a subject object`);
        return;
      }
      const subject = subjectCode(s, i, id, errors, seenSubjects);
      const level = code<SubjectLevelTt27>(s.level, TT27_SUBJECT_CODES, `${id} ${subject} level`, errors);
      let test: number | null = null;
      if (s.test !== null && s.test !== undefined) {
        if (typeof s.test !== 'number' || !Number.isInteger(s.test)) {
          errors.add(`${id} ${subject} test`, `${show(s.test)} is not an integer score from 0 to 10`);
        } else if (s.test > 10) errors.add(`${id} ${subject} test`, `${s.test} is above 10`);
        else if (s.test < 0) errors.add(`${id} ${subject} test`, `${s.test} is below 0`);
        else test = s.test;
      }
      if (level) subjects.push({ subject, level, test });
    });
  }
  const traits = (key: 'qualities' | 'competences', min: number, max: number): TraitLevelTt27[] => {
    const value = obj[key];
    if (!Array.isArray(value)) {
      errors.add(`${id} ${key}`, `${show(value)} is not an array`);
      return [];
    }
    if (value.length < min || value.length > max) {
      errors.add(`${id} ${key}`, `has ${value.length} entries (expected ${min === max ? min : `${min}–${max}`})`);
    }
    const out: TraitLevelTt27[] = [];
    value.forEach((v, i) => {
      const c = code<TraitLevelTt27>(v, TT27_TRAIT_CODES, `${id} ${key}[${i}]`, errors);
      if (c) out.push(c);
    });
    return out;
  };
  const qualities = traits('qualities', 5, 5);
  const competences = traits('competences', 0, 10);
  if (typeof obj.nominated !== 'boolean') errors.add(`${id} nominated`, `${show(obj.nominated)} is not true or false`);
  return { id, subjects, qualities, competences, nominated: obj.nominated === true };
}

// ---------------------------------------------------------------- document

/** Validates a parsed JSON value against contracts/evaluate.md. */
export function parseEvaluateDocument(raw: unknown): ParseDocumentResult {
  const errors = new Errors();
  if (!isObject(raw)) return { ok: false, errors: [`input: ${show(raw)} is not an object { regime, grade, students }`] };
  const regime = typeof raw.regime === 'string' ? nfc(raw.regime) : raw.regime;
  if (regime !== 'TT22_2021' && regime !== 'TT27_2020') {
    return {
      ok: false,
      errors: [`regime: ${show(raw.regime)} is not a known regime (${EVALUATE_REGIMES.map((r) => `"${r}"`).join(', ')})`],
    };
  }
  const grade =
    regime === 'TT22_2021' ? integer(raw.grade, 6, 12, 'grade', errors) : integer(raw.grade, 1, 5, 'grade', errors);
  if (!Array.isArray(raw.students)) {
    errors.add('students', `${show(raw.students)} is not an array`);
    return { ok: false, errors: errors.list };
  }
  const seen = new Set<string>();
  const document: EvaluateDocument =
    regime === 'TT22_2021'
      ? { regime, grade, students: raw.students.map((s, i) => tt22Student(s, i, errors, seen)) }
      : { regime, grade, students: raw.students.map((s, i) => tt27Student(s, i, errors, seen)) };
  return errors.list.length > 0 ? { ok: false, errors: errors.list } : { ok: true, document };
}
