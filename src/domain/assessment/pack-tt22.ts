import type { StudentYearInputTt22 } from './evaluate-tt22.ts';
import { tt22LevelRank, type Tt22Level } from './tt22-level.ts';

/** Marks a value that is not recorded (missing, pending make-up, no retest, no conduct level). */
export const PACKED_NONE = -1;

/**
 * A batch of TT 22 student-years packed into typed arrays, for bulk recomputation (a whole school
 * or province): no per-score objects, so evaluation walks contiguous memory.
 *
 * - Subjects of student i: `subjectStart[i] .. subjectStart[i + 1]`.
 * - Assessments of subject s in term t (0, 1): `values[termStart[2s + t] .. termStart[2s + t + 1]]`,
 *   laid out as the regular assessments, then the midterm, then the end-of-term assessment; an
 *   empty range is a term not assessed. Scored: tenths; comment: 1 Đ, 0 CĐ; PACKED_NONE missing.
 * - `retest[s]`: tenths, or 1/0 for Đ/CĐ, or PACKED_NONE.
 * - `conduct[3i..3i+2]`: term 1, term 2, summer, as ranks (CĐ 0 … T 3) or PACKED_NONE.
 */
export interface PackedBatchTt22 {
  studentCount: number;
  ids: readonly string[];
  subjectStart: Int32Array;
  subjectCodes: readonly string[];
  kind: Uint8Array; // 0 scored, 1 comment
  regularCount: Uint8Array;
  termStart: Int32Array;
  values: Int16Array;
  retest: Int16Array;
  conduct: Int8Array;
  absences: Int32Array;
}

const rank = (l: Tt22Level | null): number => (l === null ? PACKED_NONE : tt22LevelRank(l));
const mark = (m: 'Đ' | 'CĐ' | null): number => (m === null ? PACKED_NONE : m === 'Đ' ? 1 : 0);

/** Packs student-years (the evaluateTt22 input) into a PackedBatchTt22. */
export function packTt22(students: readonly StudentYearInputTt22[]): PackedBatchTt22 {
  let subjectCount = 0;
  let valueCount = 0;
  for (const s of students) {
    subjectCount += s.subjects.length;
    for (const sub of s.subjects) {
      if (sub.term1) valueCount += sub.term1.regular.length + 2;
      if (sub.term2) valueCount += sub.term2.regular.length + 2;
    }
  }
  const b: PackedBatchTt22 = {
    studentCount: students.length,
    ids: students.map((s) => s.id),
    subjectStart: new Int32Array(students.length + 1),
    subjectCodes: new Array<string>(subjectCount),
    kind: new Uint8Array(subjectCount),
    regularCount: new Uint8Array(subjectCount),
    termStart: new Int32Array(2 * subjectCount + 1),
    values: new Int16Array(valueCount),
    retest: new Int16Array(subjectCount),
    conduct: new Int8Array(3 * students.length),
    absences: new Int32Array(students.length),
  };
  const codes = b.subjectCodes as string[];
  let s = 0;
  let v = 0;
  students.forEach((student, i) => {
    b.subjectStart[i] = s;
    b.conduct[3 * i] = rank(student.conduct.term1);
    b.conduct[3 * i + 1] = rank(student.conduct.term2);
    b.conduct[3 * i + 2] = rank(student.conduct.summer);
    b.absences[i] = student.absences;
    for (const sub of student.subjects) {
      codes[s] = sub.subject;
      b.kind[s] = sub.kind === 'scored' ? 0 : 1;
      b.regularCount[s] = sub.regularCount;
      for (const [t, term] of [sub.term1, sub.term2].entries()) {
        b.termStart[2 * s + t] = v;
        if (term === null) continue;
        for (const x of [...term.regular, term.midterm, term.endOfTerm]) {
          b.values[v++] = sub.kind === 'scored' ? ((x as number | null) ?? PACKED_NONE) : mark(x as 'Đ' | 'CĐ' | null);
        }
      }
      b.retest[s] = sub.kind === 'scored' ? (sub.retest ?? PACKED_NONE) : mark(sub.retest);
      s++;
    }
  });
  b.subjectStart[students.length] = s;
  b.termStart[2 * subjectCount] = v;
  return b;
}
