/**
 * The `evaluate` document end to end: JSON text in, JSON text out, exactly as
 * contracts/evaluate.md fixes the shapes. Pure: the CLI supplies the text and prints the result.
 */
import { formatTenths, type Tenths } from '../tenths.ts';
import { evaluateTt22, type StudentYearResultTt22 } from '../evaluate-tt22.ts';
import { evaluateTt27, type StudentYearInputTt27, type StudentYearResultTt27 } from '../evaluate-tt27.ts';
import { explainTt22 } from '../explain-tt22.ts';
import { explainTt27 } from '../explain-tt27.ts';
import { parseEvaluateDocument, type EvaluateDocument } from './parse-evaluate-document.ts';

/** A one-decimal number in the output, printed from its tenths ("8.0", never "8" or "7.999…"). */
export class Decimal1 {
  constructor(readonly tenths: Tenths) {}
}

export type OutputValue = string | number | boolean | null | Decimal1 | OutputValue[] | { [key: string]: OutputValue };

export type EvaluateTextResult = { ok: true; output: string } | { ok: false; errors: string[] };

const dec = (v: Tenths | string | null): OutputValue => (typeof v === 'number' ? new Decimal1(v) : v);

function presentTt22(r: StudentYearResultTt22): OutputValue {
  return {
    id: r.id,
    ruleVersion: r.ruleVersion,
    subjects: r.subjects.map((s) => ({ subject: s.subject, term1: dec(s.term1), term2: dec(s.term2), year: dec(s.year) })),
    term1: {
      academic: r.term1.academic,
      conduct: r.term1.conduct,
      academicBeforeAdjustment: r.term1.academicBeforeAdjustment,
    },
    term2: {
      academic: r.term2.academic,
      conduct: r.term2.conduct,
      academicBeforeAdjustment: r.term2.academicBeforeAdjustment,
    },
    year: {
      academic: r.year.academic,
      academicBeforeAdjustment: r.year.academicBeforeAdjustment,
      conduct: r.year.conduct,
      title: r.year.title,
      outcome: r.year.outcome,
      retestSubjects: [...r.year.retestSubjects],
    },
    final: {
      subjects: r.final.subjects.map((s) => ({ subject: s.subject, year: dec(s.year) })),
      academic: r.final.academic,
      conduct: r.final.conduct,
      outcome: r.final.outcome,
    },
    explanations: plain(explainTt22(r)),
  };
}

function presentTt27(r: StudentYearResultTt27, input: StudentYearInputTt27): OutputValue {
  return {
    id: r.id,
    ruleVersion: r.ruleVersion,
    level: r.level,
    award: r.award,
    completed: r.completed,
    explanations: plain(explainTt27(input)),
  };
}

/** Explanations are plain JSON data (strings, numbers, arrays, objects). */
function plain(value: object): OutputValue {
  return value as OutputValue;
}

/** Evaluates a validated document into the output value (before serialisation). */
export function evaluateDocument(document: EvaluateDocument): OutputValue {
  const students =
    document.regime === 'TT22_2021'
      ? document.students.map((s) => presentTt22(evaluateTt22(s)))
      : document.students.map((s) => presentTt27(evaluateTt27(s), s));
  return { students };
}

/** Serialises an output value as JSON, printing Decimal1 values with exactly one decimal. */
export function stringifyOutput(value: OutputValue, indent = ''): string {
  if (value instanceof Decimal1) return formatTenths(value.tenths);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + stringifyOutput(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${stringifyOutput(value[k], inner)}`).join(',\n')}\n${indent}}`;
}

/** JSON text of an `evaluate` document → JSON text of the result, or the validation errors. */
export function evaluateText(text: string): EvaluateTextResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`input: not valid JSON (${(e as Error).message})`] };
  }
  const parsed = parseEvaluateDocument(raw);
  if (!parsed.ok) return parsed;
  return { ok: true, output: `${stringifyOutput(evaluateDocument(parsed.document))}\n` };
}
