/**
 * `npm run bench -- evaluate`: evaluates a province-sized batch of student-years with the exact
 * rules engine on one core, next to a naive floating-point implementation of the same rules
 * measured in the same run, and counts the students the float version gets wrong.
 */
import { evaluateTt22, type StudentYearInputTt22, type SubjectInputTt22 } from '../src/domain/assessment/evaluate-tt22.ts';
import { evaluateTt27, type StudentYearInputTt27 } from '../src/domain/assessment/evaluate-tt27.ts';
import type { Tt22Level } from '../src/domain/assessment/tt22-level.ts';
import { seededRandom, type SeededRandom } from '../src/domain/assessment/testing/seeded-random.ts';
import { packTt22 } from '../src/domain/assessment/pack-tt22.ts';
import { allocatePackedResultsTt22, evaluatePackedTt22, PACKED_OUTCOMES } from '../src/domain/assessment/evaluate-packed-tt22.ts';
import { cpus, loadavg } from 'node:os';

const TT22_STUDENTS = 200_000;
const TT27_STUDENTS = 50_000;
const ROUNDS = 5;

// ------------------------------------------------------------------ data generation

const THCS: [string, number][] = [['NV', 4], ['TOAN', 4], ['NN1', 4], ['GDCD', 2], ['LSDL', 4], ['KHTN', 4], ['CN', 2], ['TIN', 2]];
const THPT_CORE: [string, number][] = [['NV', 4], ['TOAN', 4], ['NN1', 4], ['LS', 3], ['GDQPAN', 2]];
const THPT_ELECTIVES: [string, number][] = [['LI', 3], ['HOA', 3], ['SINH', 3], ['DL', 3], ['GDKTPL', 3], ['CN', 3], ['TIN', 3]];
const COMMENT = ['GDTC', 'HDTN', 'GDDP'];

/** A score around `mean` (tenths), in a realistic mix: integers, halves and arbitrary tenths. */
function score(rnd: SeededRandom, mean: number): number {
  let v = mean + rnd.int(-20, 20) + rnd.int(-15, 15);
  v = v < 0 ? 0 : v > 100 ? 100 : v;
  const style = rnd.int(0, 9);
  if (style < 4) return v - (v % 10); // integer score
  if (style < 7) return v - (v % 5); // .0 or .5
  return v;
}

function scoredTerm(rnd: SeededRandom, n: number, mean: number) {
  const regular: number[] = [];
  for (let i = 0; i < n; i++) regular.push(score(rnd, mean));
  return { regular, midterm: score(rnd, mean - 3), endOfTerm: score(rnd, mean - 3) };
}

function mark(rnd: SeededRandom): 'Đ' | 'CĐ' {
  return rnd.chance(1, 300) ? 'CĐ' : 'Đ';
}

function commentTerm(rnd: SeededRandom, n: number) {
  const regular: ('Đ' | 'CĐ')[] = [];
  for (let i = 0; i < n; i++) regular.push(mark(rnd));
  return { regular, midterm: mark(rnd), endOfTerm: mark(rnd) };
}

/** KQRL term levels: roughly 70 % Tốt, 22 % Khá, 7 % Đạt, 1 % Chưa đạt. */
function conductLevel(rnd: SeededRandom): Tt22Level {
  const x = rnd.int(0, 99);
  return x < 70 ? 'T' : x < 92 ? 'K' : x < 99 ? 'Đ' : 'CĐ';
}

export function generateTt22(count: number, seed = 22): StudentYearInputTt22[] {
  const rnd = seededRandom(seed);
  const students: StudentYearInputTt22[] = [];
  for (let s = 0; s < count; s++) {
    const ability = rnd.int(52, 92) + rnd.int(0, 6);
    const thpt = rnd.chance(1, 3);
    const scored = thpt ? [...THPT_CORE, ...pickElectives(rnd)] : THCS;
    const subjects: SubjectInputTt22[] = [];
    for (const [code, n] of scored) {
      const mean = ability + rnd.int(-10, 10);
      const cluster = thpt && n === 3 && rnd.chance(1, 3) ? 1 : 0;
      subjects.push({
        subject: code,
        kind: 'scored',
        regularCount: n + cluster,
        term1: scoredTerm(rnd, n + cluster, mean),
        term2: scoredTerm(rnd, n + cluster, mean + rnd.int(-5, 8)),
        retest: null,
      });
    }
    for (const code of thpt ? COMMENT : ['GDTC', 'NT', ...COMMENT.slice(1)]) {
      const n = rnd.int(2, 4);
      subjects.push({ subject: code, kind: 'comment', regularCount: n, term1: commentTerm(rnd, n), term2: commentTerm(rnd, n), retest: null });
    }
    // Some students with summer results, so the summer path is exercised too.
    if (ability < 62) for (const sub of subjects) if (sub.kind === 'scored' && rnd.chance(1, 4)) sub.retest = score(rnd, 60);
    students.push({
      id: `s${s}`,
      subjects,
      conduct: { term1: conductLevel(rnd), term2: conductLevel(rnd), summer: rnd.chance(1, 2) ? 'Đ' : null },
      absences: rnd.chance(1, 100) ? rnd.int(46, 60) : rnd.int(0, 20),
    });
  }
  return students;
}

function pickElectives(rnd: SeededRandom): [string, number][] {
  const pool = THPT_ELECTIVES.slice();
  const out: [string, number][] = [];
  for (let i = 0; i < 4; i++) out.push(pool.splice(rnd.int(0, pool.length - 1), 1)[0]);
  return out;
}

export function generateTt27(count: number, seed = 27): StudentYearInputTt27[] {
  const rnd = seededRandom(seed);
  const lv = () => (rnd.chance(1, 30) ? 'C' : rnd.chance(1, 3) ? 'H' : 'T') as 'T' | 'H' | 'C';
  const tr = () => (rnd.chance(1, 40) ? 'C' : rnd.chance(1, 4) ? 'Đ' : 'T') as 'T' | 'Đ' | 'C';
  const out: StudentYearInputTt27[] = [];
  for (let s = 0; s < count; s++) {
    const tested = ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN'];
    const subjects = [
      ...tested.map((subject) => ({ subject, level: lv(), test: rnd.int(4, 10) })),
      ...['DAODUC', 'GDTC', 'NT', 'HDTN'].map((subject) => ({ subject, level: lv(), test: null })),
    ];
    out.push({
      id: `p${s}`,
      subjects,
      qualities: Array.from({ length: 5 }, tr),
      competences: Array.from({ length: 10 }, tr),
      nominated: rnd.chance(1, 5),
    });
  }
  return out;
}

// ------------------------------------------------------------------ naive float baseline

/**
 * What a straightforward implementation does: scores as JS floats (8.5), the formula with float
 * division, Math.round(x * 10) / 10, and the same rules (term and year KQHT without the one-subject
 * adjustment, KQRL table, title, outcome). Written with plain loops so the timing is fair.
 */
interface FloatSubject {
  scored: boolean;
  n: number;
  t1: number[];
  t2: number[];
  pass1: boolean;
  pass2: boolean;
}
interface FloatStudent {
  subjects: FloatSubject[];
  conduct1: number;
  conduct2: number;
  absences: number;
}
interface FloatResult {
  averages: number[];
  academic: number;
  conduct: number;
  title: number;
  outcome: number;
}

const RANK: Record<string, number> = { CĐ: 0, Đ: 1, K: 2, T: 3 };

function toFloat(s: StudentYearInputTt22): FloatStudent {
  const subjects: FloatSubject[] = [];
  for (const sub of s.subjects) {
    if (sub.kind === 'scored') {
      const f = (t: NonNullable<typeof sub.term1>) => [...t.regular.map((v) => v! / 10), t.midterm! / 10, t.endOfTerm! / 10];
      subjects.push({ scored: true, n: sub.regularCount, t1: f(sub.term1!), t2: f(sub.term2!), pass1: true, pass2: true });
    } else {
      const ok = (t: NonNullable<typeof sub.term1>) => t.regular.every((m) => m === 'Đ') && t.midterm === 'Đ' && t.endOfTerm === 'Đ';
      subjects.push({ scored: false, n: sub.regularCount, t1: [], t2: [], pass1: ok(sub.term1!), pass2: ok(sub.term2!) });
    }
  }
  return { subjects, conduct1: RANK[s.conduct.term1!], conduct2: RANK[s.conduct.term2!], absences: s.absences };
}

function floatTermAverage(v: number[]): number {
  const n = v.length - 2;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i];
  return Math.round(((sum + 2 * v[n] + 3 * v[n + 1]) / (n + 5)) * 10) / 10;
}

function floatLevel(avgs: number[], fails: number): number {
  let min = 99;
  let c8 = 0;
  let c65 = 0;
  let c5 = 0;
  for (let i = 0; i < avgs.length; i++) {
    const a = avgs[i];
    if (a < min) min = a;
    if (a >= 8) c8++;
    if (a >= 6.5) c65++;
    if (a >= 5) c5++;
  }
  if (fails === 0 && min >= 6.5 && c8 >= 6) return 3;
  if (fails === 0 && min >= 5 && c65 >= 6) return 2;
  if (fails <= 1 && min >= 3.5 && c5 >= 6) return 1;
  return 0;
}

const FLOAT_CONDUCT = [
  [0, 1, 1, 2],
  [0, 1, 2, 2],
  [0, 1, 2, 3],
  [0, 2, 2, 3],
];

function evaluateFloat(s: FloatStudent): FloatResult {
  const averages: number[] = [];
  const h1s: number[] = [];
  const h2s: number[] = [];
  const ys: number[] = [];
  let fails1 = 0;
  let fails2 = 0;
  let nine = 0;
  for (const sub of s.subjects) {
    if (!sub.scored) {
      if (!sub.pass1) fails1++;
      if (!sub.pass2) fails2++;
      continue;
    }
    const h1 = floatTermAverage(sub.t1);
    const h2 = floatTermAverage(sub.t2);
    const y = Math.round(((h1 + 2 * h2) / 3) * 10) / 10;
    averages.push(h1, h2, y);
    h1s.push(h1);
    h2s.push(h2);
    ys.push(y);
    if (y >= 9) nine++;
  }
  floatLevel(h1s, fails1);
  floatLevel(h2s, fails2);
  const academic = ys.length < 6 ? -1 : floatLevel(ys, fails2);
  const conduct = FLOAT_CONDUCT[s.conduct1][s.conduct2];
  const outcome = s.absences > 45 ? 2 : ys.length < 6 ? 3 : conduct === 0 ? 4 : academic === 0 ? 5 : 1;
  const title = outcome !== 2 && academic === 3 && conduct === 3 ? (nine >= 6 ? 2 : 1) : 0;
  return { averages, academic, conduct, title, outcome };
}

// ------------------------------------------------------------------ measurement

/**
 * CPU seconds (user + system) this process spent in fn: "per core" figures that other work on a
 * shared machine does not inflate, unlike wall-clock time. (GC helper threads count too, so it is
 * conservative.)
 */
function seconds(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

/** Best of ROUNDS runs (the least disturbed one). */
function best(fn: () => void): number {
  let b = Infinity;
  for (let i = 0; i < ROUNDS; i++) b = Math.min(b, seconds(fn));
  return b;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)} %`;

export async function run(): Promise<void> {
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, load average ${loadavg()[0].toFixed(1)} (other work on the machine slows every figure)`);
  let t0 = process.hrtime.bigint();
  const tt22 = generateTt22(TT22_STUDENTS);
  const tt27 = generateTt27(TT27_STUDENTS);
  const packed = packTt22(tt22);
  console.log(
    `generated ${fmt(tt22.length)} TT 22 + ${fmt(tt27.length)} TT 27 student-years (seeded) in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`,
  );

  // Warm up each implementation on the whole batch first (steady state: a province job runs long).
  let sink = 0;
  const out = allocatePackedResultsTt22(packed);
  for (let round = 0; round < 5; round++) evaluatePackedTt22(packed, out);
  const packedSeconds = best(() => {
    evaluatePackedTt22(packed, out);
  });
  for (let round = 0; round < 2; round++) for (let i = 0; i < tt22.length; i++) sink += evaluateTt22(tt22[i]).scoredSubjectCount;
  const objectSeconds = best(() => {
    for (let i = 0; i < tt22.length; i++) sink += evaluateTt22(tt22[i]).scoredSubjectCount;
  });
  // The float copy of the batch is made only now, so it does not weigh on the measurements above.
  const floats = tt22.map(toFloat);
  for (let round = 0; round < 2; round++) for (let i = 0; i < floats.length; i++) sink += evaluateFloat(floats[i]).academic;
  const floatSeconds = best(() => {
    for (let i = 0; i < floats.length; i++) sink += evaluateFloat(floats[i]).academic;
  });
  const tt27Seconds = best(() => {
    for (let i = 0; i < tt27.length; i++) sink += evaluateTt27(tt27[i]).completed ? 1 : 0;
  });

  // The packed path must agree with the object path on every student.
  t0 = process.hrtime.bigint();
  let packedMismatch = 0;
  let wrongAverage = 0;
  let wrongAcademic = 0;
  let wrongTitle = 0;
  let wrongOutcome = 0;
  let wrongAny = 0;
  for (let i = 0; i < tt22.length; i++) {
    const exact = evaluateTt22(tt22[i]);
    const first = packed.subjectStart[i];
    const yearRank = exact.year.academic === null ? -1 : RANK[exact.year.academic];
    exact.subjects.forEach((s, k) => {
      const enc = (v: number | string | null) => (v === null ? -1 : v === 'Đ' ? 1 : v === 'CĐ' ? 0 : (v as number));
      if (out.subjects[3 * (first + k)] !== enc(s.term1) || out.subjects[3 * (first + k) + 2] !== enc(s.year)) packedMismatch++;
    });
    if (out.academic[4 * i + 2] !== yearRank || PACKED_OUTCOMES[out.outcome[2 * i + 1]] !== exact.final.outcome) packedMismatch++;

    const naive = evaluateFloat(floats[i]);
    const exactAverages: number[] = [];
    for (const s of exact.subjects) if (s.kind === 'scored') exactAverages.push(s.term1!, s.term2!, s.year!);
    const avgWrong = exactAverages.some((v, k) => Math.abs(naive.averages[k] * 10 - v) > 0.01);
    // The float baseline has no one-subject adjustment; compare it with the exact level before adjustment.
    const before = exact.year.academicBeforeAdjustment === null ? -1 : RANK[exact.year.academicBeforeAdjustment];
    const acadWrong = naive.academic !== before;
    const titleWrong = naive.title !== (exact.year.title === 'XS' ? 2 : exact.year.title === 'G' ? 1 : 0);
    const outcomeWrong = exact.year.outcome !== null && naive.outcome !== PACKED_OUTCOMES.indexOf(exact.year.outcome);
    if (avgWrong) wrongAverage++;
    if (acadWrong) wrongAcademic++;
    if (titleWrong) wrongTitle++;
    if (outcomeWrong) wrongOutcome++;
    if (avgWrong || acadWrong || titleWrong || outcomeWrong) wrongAny++;
  }
  const checkSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const objectRate = tt22.length / objectSeconds;
  const packedRate = tt22.length / packedSeconds;
  const floatRate = floats.length / floatSeconds;
  console.log(`exact engine, evaluateTt22 (objects in, result objects out): ${fmt(objectRate)} student-years/s per core`);
  console.log(`exact engine, evaluatePackedTt22 (typed-array batch):           ${fmt(packedRate)} student-years/s per core`);
  console.log(`naive float baseline (objects, float averages, no adjustment):   ${fmt(floatRate)} student-years/s per core`);
  console.log(`ratio exact / float: objects ${(objectRate / floatRate).toFixed(2)}×, packed batch ${(packedRate / floatRate).toFixed(2)}×`);
  console.log(`exact engine, evaluateTt27: ${fmt(tt27.length / tt27Seconds)} student-years/s per core`);
  console.log(`packed vs object results: ${packedMismatch === 0 ? 'identical for every student' : `${fmt(packedMismatch)} MISMATCHES`} (checked in ${checkSeconds.toFixed(1)} s)`);
  console.log(
    `float baseline WRONG for ${fmt(wrongAny)} of ${fmt(tt22.length)} students (${pct(wrongAny, tt22.length)}): ` +
      `${fmt(wrongAverage)} with a wrong ĐTBmhk/ĐTBmcn, ${fmt(wrongAcademic)} a wrong year KQHT, ${fmt(wrongTitle)} a wrong title, ${fmt(wrongOutcome)} a wrong outcome`,
  );
  const target = 1_000_000;
  console.log(
    `target ≥ ${fmt(target)} student-years/s per core: packed batch ${packedRate >= target ? 'met' : 'NOT met'}, object API ${objectRate >= target ? 'met' : 'NOT met'}`,
  );
  if (sink === -1) console.log(sink);
}
