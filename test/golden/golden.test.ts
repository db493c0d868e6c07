/**
 * Golden vectors: every test/golden/*.input.json goes through the same code path as
 * `sodiem evaluate` (text in → text out) and must match *.expected.json on every field that
 * contracts/evaluate.md defines (extra output fields are allowed and ignored here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateText } from '../../src/domain/assessment/document/evaluate-document.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const inputs = readdirSync(here)
  .filter((f) => f.endsWith('.input.json'))
  .sort();

type Shape = true | Shape[] | { [key: string]: Shape };

/** Contract fields per student, as paths into the output. */
const TT22_STUDENT: Shape = {
  id: true,
  subjects: [{ subject: true, term1: true, term2: true, year: true }],
  term1: { academic: true, conduct: true },
  term2: { academic: true, conduct: true },
  year: {
    academic: true,
    academicBeforeAdjustment: true,
    conduct: true,
    title: true,
    outcome: true,
    retestSubjects: true,
  },
  final: { subjects: [{ subject: true, year: true }], academic: true, conduct: true, outcome: true },
};
const TT27_STUDENT: Shape = { id: true, level: true, award: true, completed: true };

/** Lists every difference between actual and expected on the fields of `shape`, as readable lines. */
function differences(actual: unknown, expected: unknown, shape: Shape, path: string, out: string[]): void {
  if (shape === true) {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
    return;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) {
      out.push(`${path}: expected an array ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    if (actual.length !== expected.length) out.push(`${path}: expected ${expected.length} entries, got ${actual.length}`);
    for (let i = 0; i < Math.min(actual.length, expected.length); i++) differences(actual[i], expected[i], shape[0], `${path}[${i}]`, out);
    return;
  }
  const a = (actual ?? {}) as Record<string, unknown>;
  const e = (expected ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(shape)) {
    if (!(key in a)) out.push(`${path}.${key}: missing in the output`);
    else differences(a[key], e[key], shape[key], `${path}.${key}`, out);
  }
}

describe('golden vectors (contracts/evaluate.md)', () => {
  it('has vectors to check', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(12);
  });

  it('the comparison reports a wrong, missing or extra value by path', () => {
    const out: string[] = [];
    differences(
      { id: 's1', level: 'HT', award: null },
      { id: 's1', level: 'HTT', award: null, completed: true },
      TT27_STUDENT,
      's1',
      out,
    );
    expect(out).toEqual(['s1.level: expected "HTT", got "HT"', 's1.completed: missing in the output']);
  });

  for (const input of inputs) {
    it(input.replace('.input.json', ''), () => {
      const text = readFileSync(join(here, input), 'utf8');
      const expected = JSON.parse(readFileSync(join(here, input.replace('.input.json', '.expected.json')), 'utf8'));
      const result = evaluateText(text);
      if (!result.ok) throw new Error(`rejected a golden input:\n${result.errors.join('\n')}`);
      const actual = JSON.parse(result.output);
      const regime = JSON.parse(text).regime;
      const shape = regime === 'TT22_2021' ? TT22_STUDENT : TT27_STUDENT;
      const diffs: string[] = [];
      expect(actual.students.map((s: { id: string }) => s.id)).toEqual(expected.students.map((s: { id: string }) => s.id));
      actual.students.forEach((s: { id: string }, i: number) => differences(s, expected.students[i], shape, s.id, diffs));
      expect(diffs, diffs.join('\n')).toEqual([]);
    });
  }
});

describe('the real CLI: npm run -s sodiem -- evaluate', () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const run = (args: string[], stdin?: string) =>
    spawnSync(tsx, ['src/cli/main.ts', 'evaluate', ...args], { cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000 });

  it('evaluates a file: exit 0, one JSON document equal to the golden output', () => {
    const r = run(['test/golden/tt22-grade9.input.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const expected = JSON.parse(readFileSync(join(here, 'tt22-grade9.expected.json'), 'utf8'));
    const diffs: string[] = [];
    const actual = JSON.parse(r.stdout);
    actual.students.forEach((s: { id: string }, i: number) => differences(s, expected.students[i], TT22_STUDENT, s.id, diffs));
    expect(diffs).toEqual([]);
  }, 60_000);

  it('reads standard input with "-"', () => {
    const r = run(['-'], readFileSync(join(here, 'tt27-grade4.input.json'), 'utf8'));
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(here, 'tt27-grade4.expected.json'), 'utf8'));
    const diffs: string[] = [];
    const actual = JSON.parse(r.stdout);
    expect(actual.students.length).toBe(expected.students.length);
    actual.students.forEach((s: { id: string }, i: number) => differences(s, expected.students[i], TT27_STUDENT, s.id, diffs));
    expect(diffs).toEqual([]);
  }, 60_000);

  it('rejects invalid input: exit 2, nothing on stdout, stderr names student, subject and field', () => {
    const doc = JSON.parse(readFileSync(join(here, 'tt22-grade6.input.json'), 'utf8'));
    const student = doc.students[1];
    const subject = student.subjects.find((s: { kind: string }) => s.kind === 'scored');
    subject.term1.regular[1] = 10.5;
    const r = run(['-'], JSON.stringify(doc));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${student.id} ${subject.subject} term1.regular[1]: 10.5 is above 10`);
  }, 60_000);

  it('rejects an unknown regime and a missing file with exit 2', () => {
    const bad = run(['-'], JSON.stringify({ regime: 'TT99', grade: 7, students: [] }));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('regime');
    const missing = run(['test/golden/does-not-exist.json']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
  }, 60_000);
});
