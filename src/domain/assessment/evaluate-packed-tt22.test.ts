import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateTt22, type StudentYearInputTt22, type SubjectInputTt22 } from './evaluate-tt22.ts';
import { evaluatePackedTt22, PACKED_OUTCOMES, PACKED_TITLES } from './evaluate-packed-tt22.ts';
import { PACKED_NONE, packTt22 } from './pack-tt22.ts';
import { TT22_LEVELS, type Tt22Level } from './tt22-level.ts';
import { parseEvaluateDocument } from './document/parse-evaluate-document.ts';
import { seededRandom } from './testing/seeded-random.ts';

const level = (r: number) => (r === PACKED_NONE ? null : TT22_LEVELS[r]);
const value = (kind: 'scored' | 'comment', v: number) => (v === PACKED_NONE ? null : kind === 'scored' ? v : v === 1 ? 'Đ' : 'CĐ');

/** The packed results of student i rebuilt in the evaluateTt22 shape (contract fields). */
function unpack(students: StudentYearInputTt22[]) {
  const batch = packTt22(students);
  const out = evaluatePackedTt22(batch);
  return students.map((st, i) => {
    const first = batch.subjectStart[i];
    const code = (s: number) => (s === PACKED_NONE ? null : batch.subjectCodes[s]);
    const period = (p: number) => ({
      academic: level(out.academic[4 * i + p]),
      academicBeforeAdjustment: level(out.academicBeforeAdjustment[4 * i + p]),
      adjustedFor: code(out.adjustedFor[4 * i + p]),
    });
    return {
      subjects: st.subjects.map((sub, k) => ({
        subject: sub.subject,
        term1: value(sub.kind, out.subjects[3 * (first + k)]),
        term2: value(sub.kind, out.subjects[3 * (first + k) + 1]),
        year: value(sub.kind, out.subjects[3 * (first + k) + 2]),
      })),
      term1: period(0),
      term2: period(1),
      year: {
        ...period(2),
        conduct: level(out.conduct[2 * i]),
        title: PACKED_TITLES[out.title[i]],
        outcome: PACKED_OUTCOMES[out.outcome[2 * i]],
        retestSubjects: st.subjects.filter((_, k) => out.retestEligible[first + k] === 1).map((s) => s.subject),
      },
      final: {
        ...period(3),
        conduct: level(out.conduct[2 * i + 1]),
        outcome: PACKED_OUTCOMES[out.outcome[2 * i + 1]],
        subjects: st.subjects
          .map((s, k) => ({ subject: s.subject, year: value(s.kind, out.finalSubjects[first + k]) }))
          .filter((s) => s.year !== null),
      },
    };
  });
}

function viaObjects(students: StudentYearInputTt22[]) {
  return students.map((s) => {
    const r = evaluateTt22(s);
    const strip = <T extends { conduct: unknown }>({ conduct: _c, ...rest }: T) => rest;
    return {
      subjects: r.subjects.map(({ kind: _k, ...rest }) => rest),
      term1: strip(r.term1),
      term2: strip(r.term2),
      year: r.year,
      final: { ...r.final, subjects: r.final.subjects.map(({ kind: _k, ...rest }) => rest) },
    };
  });
}

function randomStudents(seed: number, count: number): StudentYearInputTt22[] {
  const rnd = seededRandom(seed);
  const levels: (Tt22Level | null)[] = ['T', 'K', 'Đ', 'CĐ', null];
  const out: StudentYearInputTt22[] = [];
  for (let i = 0; i < count; i++) {
    const subjects: SubjectInputTt22[] = [];
    const nScored = rnd.int(4, 10);
    for (let k = 0; k < nScored + 4; k++) {
      const n = rnd.int(2, 4);
      const scored = k < nScored;
      const mean = rnd.int(20, 95);
      const v = () => (rnd.chance(1, 200) ? null : Math.max(0, Math.min(100, mean + rnd.int(-20, 20))));
      const m = () => (rnd.chance(1, 300) ? null : rnd.chance(1, 25) ? 'CĐ' : 'Đ') as 'Đ' | 'CĐ' | null;
      const len = rnd.chance(1, 100) ? n - 1 : n;
      if (scored) {
        const term = () => (rnd.chance(1, 300) ? null : { regular: Array.from({ length: len }, v), midterm: v(), endOfTerm: v() });
        subjects.push({ subject: `S${k}`, kind: 'scored', regularCount: n, term1: term(), term2: term(), retest: rnd.chance(1, 5) ? rnd.int(0, 100) : null });
      } else {
        const term = () => ({ regular: Array.from({ length: len }, m), midterm: m(), endOfTerm: m() });
        subjects.push({ subject: `C${k}`, kind: 'comment', regularCount: n, term1: term(), term2: term(), retest: rnd.chance(1, 5) ? rnd.pick(['Đ', 'CĐ'] as const) : null });
      }
    }
    out.push({
      id: `r${i}`,
      subjects,
      conduct: { term1: rnd.pick(levels), term2: rnd.pick(levels), summer: rnd.pick(levels) },
      absences: rnd.chance(1, 20) ? rnd.int(46, 60) : rnd.int(0, 45),
    });
  }
  return out;
}

describe('evaluatePackedTt22 — the typed-array batch path gives exactly the evaluateTt22 results', () => {
  it('on 5,000 random students, including incomplete terms, retests and summer re-evaluations', () => {
    const students = randomStudents(99, 5_000);
    expect(unpack(students)).toEqual(viaObjects(students));
  });

  it('on every golden vector', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'golden');
    for (const f of readdirSync(dir).filter((x) => x.startsWith('tt22') && x.endsWith('.input.json'))) {
      const parsed = parseEvaluateDocument(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.ok || parsed.document.regime !== 'TT22_2021') throw new Error(f);
      expect(unpack(parsed.document.students)).toEqual(viaObjects(parsed.document.students));
    }
  });
});
