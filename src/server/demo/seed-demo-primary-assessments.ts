/**
 * The demo's primary class 3A at its current assessment point (issue 12, TT 27/2020 Điều 7):
 * for every periodic point of the year up to and including the one the school is at on
 * `calendar.today` — giữa HK I, cuối HK I, giữa HK II, cuối năm — every value the summary book
 * (Sổ tổng hợp kết quả đánh giá giáo dục) needs for all 40 students:
 * - each subject's level T / H / C (MUC_GK / MUC_CK of the term's grade book), with the term's
 *   short comment (NX) written at the last point reached in the term;
 * - the periodic test scores (integers) of the subjects that have them at that point (grade 3:
 *   Tiếng Việt, Toán, Ngoại ngữ 1, Tin học và Công nghệ at cuối HK I and cuối năm);
 * - the 5 qualities and 10 competences with the homeroom teacher's comment, and at cuối năm the
 *   class's nominations for the "Học sinh Tiêu biểu" award (Điều 15).
 * Subject values go through saveCells, as the homeroom teacher (who teaches every subject of 3A)
 * types them; qualities and competences through savePrimaryAssessments, the action behind PUT
 * /classes/:classId/primary-assessments (one `primary.assessed` audit entry each). Every entry
 * is dated before `calendar.today`, within its term, at the point's usual time of year.
 * Deterministic: each point draws from its own seeded generator, so a point's values do not
 * depend on the day the demo is seeded; students keep the abilities of their lớp 1 and lớp 2
 * years (seed-demo-primary-transcripts.ts).
 */
import { savePrimaryAssessments } from '../primary/index.ts';
import { primaryPointOn } from '../../domain/results/current-primary-point.ts';
import { randomUUID } from 'node:crypto';
import { evaluateTt27 } from '../../domain/assessment/evaluate-tt27.ts';
import type { SubjectLevelTt27, TraitLevelTt27, YearLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import { addDays, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { COMPETENCES, PRIMARY_POINTS, type PrimaryPoint, QUALITIES, pointColumns } from '../../domain/results/primary-traits.ts';
import { loadClassStudents, saveCells } from '../gradebook/index.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { subjectAssessment } from '../school/index.ts';
import type { DemoCalendar } from './demo-calendar.ts';
import { type Random, createRandom } from './demo-people.ts';

export interface DemoPrimaryAssessmentsOptions {
  schoolId: string;
  /** The primary school's demo year. */
  yearId: string;
  /** Class 3A. */
  classId: string;
  /** gvcn.3a: the homeroom teacher, who teaches every subject of 3A. */
  homeroomUserId: string;
  calendar: DemoCalendar;
}

/**
 * The point the school is at on `calendar.today`: giữa HK I until the end of October, cuối HK I
 * for the rest of term I, giữa HK II until mid-March, then (and all summer) cuối năm.
 */
export function demoPrimaryPoint(cal: DemoCalendar): PrimaryPoint {
  return primaryPointOn(cal.today, cal.year.terms);
}

/** The points filled on `calendar.today`: every one up to and including the current one. */
export function demoPrimaryPoints(cal: DemoCalendar): PrimaryPoint[] {
  return PRIMARY_POINTS.slice(0, PRIMARY_POINTS.indexOf(demoPrimaryPoint(cal)) + 1);
}

/**
 * When a school usually assesses each point: the test scores (on the end-of-term test's results),
 * the subject levels, then the qualities and competences. The mid-term points have no tests in
 * grade 3.
 */
function usualDays(cal: DemoCalendar, point: PrimaryPoint): { tests: string; levels: string; traits: string } {
  const y = cal.startYear;
  const [t1, t2] = cal.year.terms;
  switch (point) {
    case 'GK1':
      return { tests: `${y}-10-27`, levels: `${y}-10-28`, traits: `${y}-10-30` };
    case 'CK1':
      return { tests: addDays(t1.endTestOn, 3), levels: addDays(t1.endTestOn, 6), traits: addDays(t1.endTestOn, 9) };
    case 'GK2':
      return { tests: `${y + 1}-03-09`, levels: `${y + 1}-03-10`, traits: `${y + 1}-03-12` };
    case 'CN':
      return { tests: addDays(t2.endTestOn, 3), levels: addDays(t2.endTestOn, 6), traits: addDays(t2.endTestOn, 9) };
  }
}

// ---------------------------------------------------------------------------------------------
// What a teacher writes

const SUBJECT_COMMENTS: Record<string, Record<'T' | 'H', string[]>> = {
  TV: {
    T: ['Đọc lưu loát, diễn cảm; viết đúng chính tả, chữ đều và đẹp.', 'Đọc hiểu tốt; viết được đoạn văn ngắn có ý hay, dùng từ phù hợp.'],
    H: ['Đọc khá lưu loát; cần rèn thêm chữ viết và chính tả.', 'Hiểu nội dung bài đọc; cần đọc thêm sách để mở rộng vốn từ.'],
  },
  TOAN: {
    T: ['Thực hiện thành thạo các phép tính; giải toán có lời văn tốt.', 'Tính nhanh, chính xác; biết vận dụng vào bài toán thực tế.'],
    H: ['Làm tính đúng; cần cẩn thận hơn khi giải toán có lời văn.', 'Nắm được cách tính; cần học thuộc bảng nhân, chia để tính nhanh hơn.'],
  },
  NN1: {
    T: ['Nghe, nói tự tin; phát âm rõ ràng, thuộc nhiều từ vựng.', 'Giao tiếp được các mẫu câu đã học, đọc và viết tốt.'],
    H: ['Nắm được từ vựng cơ bản; cần mạnh dạn hơn khi nói.', 'Hiểu các mẫu câu đã học; cần luyện thêm kĩ năng nghe.'],
  },
  DAODUC: {
    T: ['Hiểu và thực hiện tốt các chuẩn mực hành vi đã học.', 'Biết vận dụng bài học vào cách ứng xử hằng ngày.'],
    H: ['Hiểu các chuẩn mực hành vi; cần thực hiện thường xuyên hơn.', 'Biết cách ứng xử đúng; cần chủ động hơn trong các tình huống.'],
  },
  TNXH: {
    T: ['Hiểu bài, biết liên hệ thực tế về tự nhiên và xã hội.', 'Quan sát tốt, nêu được nhiều hiểu biết về thế giới xung quanh.'],
    H: ['Nắm được kiến thức cơ bản; cần tích cực quan sát, tìm hiểu.', 'Biết một số hiện tượng tự nhiên; cần mạnh dạn chia sẻ hiểu biết.'],
  },
  THCN: {
    T: ['Sử dụng máy tính thành thạo; làm sản phẩm thủ công khéo léo.', 'Thực hiện đúng các thao tác; sản phẩm đẹp, đúng yêu cầu.'],
    H: ['Biết các thao tác cơ bản với máy tính; cần luyện thêm.', 'Làm được sản phẩm theo mẫu; cần cẩn thận, khéo léo hơn.'],
  },
  GDTC: {
    T: ['Thực hiện đúng, đẹp các động tác; tích cực tập luyện.', 'Khỏe mạnh, nhanh nhẹn; tham gia tốt các trò chơi vận động.'],
    H: ['Thực hiện được các động tác; cần tập luyện thường xuyên hơn.', 'Tham gia đầy đủ giờ học; cần thực hiện động tác đúng nhịp hơn.'],
  },
  NT: {
    T: ['Hát đúng giai điệu, biểu diễn tự tin; tranh vẽ có bố cục, màu sắc hài hòa.', 'Có năng khiếu âm nhạc và mĩ thuật; sản phẩm sáng tạo.'],
    H: ['Hát thuộc lời bài hát; tranh vẽ cần sáng tạo hơn.', 'Hoàn thành sản phẩm mĩ thuật; cần mạnh dạn khi biểu diễn.'],
  },
  HDTN: {
    T: ['Tích cực tham gia các hoạt động trải nghiệm, biết hợp tác với bạn.', 'Chủ động, sáng tạo trong các hoạt động của lớp, của trường.'],
    H: ['Tham gia đầy đủ các hoạt động; cần mạnh dạn, chủ động hơn.', 'Biết tham gia hoạt động cùng bạn; cần tự tin chia sẻ ý kiến.'],
  },
};
const NOT_YET = 'Chưa hoàn thành một số yêu cầu của môn học; cô sẽ hỗ trợ thêm, gia đình cần kèm em luyện tập ở nhà.';

const POINT_COMMENTS: Record<'good' | 'fair' | 'effort', string[]> = {
  good: [
    'Em ngoan, lễ phép, chăm chỉ học tập; tích cực tham gia các hoạt động của lớp.',
    'Em tự giác, trung thực, biết giúp đỡ bạn bè; mạnh dạn phát biểu xây dựng bài.',
  ],
  fair: [
    'Em ngoan, đoàn kết với bạn bè; cần mạnh dạn, tự tin hơn khi phát biểu.',
    'Em lễ phép, biết giữ gìn đồ dùng học tập; cần tự giác hơn khi làm bài.',
    'Em hòa đồng với bạn; cần chú ý nghe giảng và hoàn thành bài tập đúng giờ.',
  ],
  effort: ['Em cần cố gắng tự giác hơn trong học tập; cô sẽ phối hợp với gia đình giúp em tiến bộ.'],
};

const YEAR_COMMENTS: Record<YearLevelTt27, string[]> = {
  HTXS: [
    'Em học tốt tất cả các môn; đọc diễn cảm, tính toán nhanh, chính xác. Em luôn giúp đỡ bạn bè, là tấm gương của lớp.',
    'Em tiếp thu bài nhanh, chữ viết đẹp, giải toán thành thạo; mạnh dạn, tự tin, tích cực trong mọi hoạt động.',
  ],
  HTT: [
    'Em chăm học, tiếp thu bài tốt; chữ viết đều, trình bày sạch sẽ. Em hòa đồng, tích cực tham gia hoạt động của lớp.',
    'Em đọc lưu loát, làm tính cẩn thận; biết tự giác làm bài và giúp đỡ bạn.',
  ],
  HT: [
    'Em đã hoàn thành chương trình lớp 3; cần rèn thêm kĩ năng đọc hiểu và cẩn thận hơn khi làm tính.',
    'Em ngoan, lễ phép, có tiến bộ trong học tập; cần luyện viết chữ đều nét hơn và mạnh dạn phát biểu.',
    'Em hoàn thành các môn học; trong hè cần ôn lại bảng nhân, chia và đọc thêm sách.',
  ],
  CHT: ['Em chưa hoàn thành một số nội dung của lớp 3; cô và gia đình sẽ kèm em ôn tập trong hè để đánh giá bổ sung.'],
};

const NOMINATION_NOTES = [
  'Tập thể lớp bình chọn: tiến bộ vượt bậc môn Toán.',
  'Tập thể lớp bình chọn: tích cực, gương mẫu trong các hoạt động của lớp.',
  'Tập thể lớp bình chọn: tiến bộ rõ rệt về năng lực ngôn ngữ.',
];

/** How a student does this year: the profile of their lớp 1–2 years, and an ability in [0, 1). */
interface Pupil {
  studentId: string;
  kind: 'excellent' | 'nominated' | 'good' | 'other';
  ability: number;
  /** The two students who need most support (1 the most, 2; 0 the others): a few C early in the year. */
  weak: 0 | 1 | 2;
}

interface PointValues {
  levels: Map<string, SubjectLevelTt27>; // `${studentId}|${subjectCode}`
  tests: Map<string, number>;
  qualities: Map<string, TraitLevelTt27[]>;
  competences: Map<string, TraitLevelTt27[]>;
}

const POINT_SEED: Record<PrimaryPoint, number> = { GK1: 1, CK1: 2, GK2: 3, CN: 4 };

/** Levels, scores and traits of one point: drawn from the point's own generator. */
function drawPoint(point: PrimaryPoint, pupils: Pupil[], subjects: { code: string; testAt: Set<PrimaryPoint> }[]): PointValues {
  const p = POINT_SEED[point] - 1; // 0…3: students progress through the year
  const early = p < 2;
  const values: PointValues = { levels: new Map(), tests: new Map(), qualities: new Map(), competences: new Map() };
  for (const [si, s] of subjects.entries()) {
    const random = createRandom(270_000 + POINT_SEED[point] * 100 + si);
    for (const pupil of pupils) {
      const key = `${pupil.studentId}|${s.code}`;
      values.levels.set(key, subjectLevel(random, pupil, s.code, p));
      if (s.testAt.has(point)) values.tests.set(key, testScore(random, pupil, p, values.levels.get(key)!));
    }
  }
  const random = createRandom(275_000 + POINT_SEED[point]);
  for (const pupil of pupils) {
    const trait = (i: number): TraitLevelTt27 => {
      if (pupil.kind === 'excellent' || (pupil.kind === 'nominated' && p >= 1)) return p === 0 && random.chance(0.08) ? 'Đ' : 'T';
      if (pupil.weak && early && i === 0) return 'C'; // tự chủ và tự học: needs effort early in the year
      return random.chance(pupil.kind === 'good' ? 0.8 + p * 0.06 : 0.35 + pupil.ability * 0.4 + p * 0.04) ? 'T' : 'Đ';
    };
    values.competences.set(pupil.studentId, COMPETENCES.map((_, i) => trait(i)));
    values.qualities.set(pupil.studentId, QUALITIES.map((_, i) => trait(i + 1)));
  }
  return values;
}

function subjectLevel(random: Random, pupil: Pupil, code: string, p: number): SubjectLevelTt27 {
  const r = random.next();
  if ((pupil.weak && p === 0 && (code === 'TOAN' || code === 'TV')) || (pupil.weak === 1 && p === 1 && code === 'TOAN')) return 'C';
  switch (pupil.kind) {
    case 'excellent':
      return p < 2 && r < 0.06 ? 'H' : 'T';
    case 'nominated':
      return p < 3 && r < 0.15 ? 'H' : 'T';
    case 'good':
      return r < 0.72 + p * 0.07 ? 'T' : 'H';
    default:
      return r < 0.25 + pupil.ability * 0.45 + p * 0.03 ? 'T' : 'H';
  }
}

/** An integer 0–10 (TT 27 Điều 7), in line with the subject's level. */
function testScore(random: Random, pupil: Pupil, p: number, level: SubjectLevelTt27): number {
  const base =
    pupil.kind === 'excellent' ? 9 : pupil.kind === 'nominated' ? 7 : pupil.kind === 'good' ? 7 + (random.chance(0.4) ? 1 : 0) : 5 + Math.floor(pupil.ability * 3);
  const spread = pupil.kind === 'excellent' || pupil.kind === 'nominated' ? random.int(0, 1) : random.int(-1, 2);
  const levelShift = level === 'T' ? 1 : level === 'C' ? -2 : 0;
  const floor = p === 3 ? (level === 'T' && pupil.kind !== 'other' ? 7 : 5) : 3; // end of year: no one below 5 (the class completes)
  return Math.max(floor, Math.min(10, base + spread + (pupil.kind === 'other' ? levelShift : 0)));
}

// ---------------------------------------------------------------------------------------------

export async function seedDemoPrimaryAssessments(db: Db, o: DemoPrimaryAssessmentsOptions): Promise<void> {
  const cal = o.calendar;
  const points = demoPrimaryPoints(cal);
  const cls = await db.selectFrom('classes').selectAll().where('id', '=', o.classId).executeTakeFirstOrThrow();
  const students = (await loadClassStudents(db, o.classId)).filter((s) => s.active);
  const subjects = await db
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .selectAll('subjects')
    .where('teaching_assignments.class_id', '=', o.classId)
    .where('subjects.school_year_id', '=', o.yearId)
    .where('subjects.assessment_kind', '=', 'primaryLevel')
    .orderBy('subjects.sort_order')
    .execute();
  // Which points each subject's grade book tests at (gradebook-columns.ts).
  const sheets = subjects.map((s) => {
    const columns = (t: 1 | 2) => new Set(gradebookColumns(subjectAssessment(s), t).map((c) => c.key));
    const testAt = new Set(PRIMARY_POINTS.filter((pt) => columns(pointColumns(pt).termNo).has(pointColumns(pt).test)));
    return { subject: s, code: s.code, testAt };
  });

  // The same abilities as the students' lớp 1 and lớp 2 years (seed-demo-primary-transcripts.ts
  // draws them first from its generator, in list order).
  const past = createRandom(20250528);
  const abilities = students.map(() => past.next());
  const weakest = [...abilities.keys()].sort((a, b) => abilities[a] - abilities[b]).slice(0, 2);
  const pupils: Pupil[] = students.map((s, si) => ({
    studentId: s.studentId,
    kind: si % 9 === 0 ? 'excellent' : si % 9 === 4 ? 'nominated' : abilities[si] > 0.75 ? 'good' : 'other',
    ability: Math.min(1, abilities[si] + 0.1),
    weak: (weakest.indexOf(si) + 1) as 0 | 1 | 2,
  }));

  const ctx = (now: string): AuditContext => ({
    actorUserId: o.homeroomUserId,
    actorRole: 'teacher',
    ip: '127.0.0.1',
    userAgent: 'sodiem seed-demo',
    requestId: `seed-${randomUUID()}`,
    now,
  });
  // Entries are made on the point's usual days or — for the point being assessed now — in the
  // last days before today (tests, then levels, then qualities: `step` 0, 1, 2); never before
  // the term starts, never on a Sunday, never out of order.
  let last = '';
  const dayOf = (point: PrimaryPoint, usual: string, step: 0 | 1 | 2): string => {
    const term = cal.year.terms[pointColumns(point).termNo - 1];
    const latest = addDays(cal.today, step - 3);
    let day = usual < latest ? usual : latest;
    if (day < term.startsOn && term.startsOn < cal.today) day = term.startsOn;
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 0 && addDays(day, -1) >= term.startsOn) day = addDays(day, -1);
    if (day < last && last < cal.today) day = last;
    last = day;
    return day;
  };
  /** An instant on `day` in the afternoon or evening (Vietnam time), `k` minutes apart. */
  const at = (day: string, hour: number, k: number) => vietnamInstant(day, hour, 0).getTime() + k * 4 * 60_000;

  const lastPointOfTerm = (t: 1 | 2) => [...points].reverse().find((pt) => pointColumns(pt).termNo === t);

  for (const point of points) {
    const { termNo, level: levelKey, test: testKey } = pointColumns(point);
    const values = drawPoint(point, pupils, sheets);
    const usual = usualDays(cal, point);
    const writeComment = lastPointOfTerm(termNo) === point;

    // Subjects: the test scores on one day, the levels (and the term's comment) a few days later.
    const testsDay = dayOf(point, usual.tests, 0);
    const levelsDay = dayOf(point, usual.levels, 1);
    for (const [si, sheet] of sheets.entries()) {
      const tested = sheet.testAt.has(point);
      const comment = createRandom(279_000 + POINT_SEED[point] * 100 + si);
      const changes = pupils.flatMap((pupil) => {
        const key = `${pupil.studentId}|${sheet.code}`;
        const level = values.levels.get(key)!;
        return [
          { studentId: pupil.studentId, columnKey: levelKey, value: level, baseVersion: 0 },
          ...(tested && testsDay === levelsDay ? [{ studentId: pupil.studentId, columnKey: testKey, value: String(values.tests.get(key)), baseVersion: 0 }] : []),
          ...(writeComment ? [{ studentId: pupil.studentId, columnKey: 'NX', value: level === 'C' ? NOT_YET : comment.pick(SUBJECT_COMMENTS[sheet.code]?.[level] ?? SUBJECT_COMMENTS.HDTN[level]), baseVersion: 0 }] : []),
        ];
      });
      if (tested && testsDay !== levelsDay) {
        const tests = pupils.map((pupil) => ({ studentId: pupil.studentId, columnKey: testKey, value: String(values.tests.get(`${pupil.studentId}|${sheet.code}`)), baseVersion: 0 }));
        await saveCells({ db, cls, classId: o.classId, subjectId: sheet.subject.id, termNo, input: { changes: tests, source: 'typed', reason: '' }, audit: ctx(new Date(at(testsDay, 15, si)).toISOString()) });
      }
      await saveCells({ db, cls, classId: o.classId, subjectId: sheet.subject.id, termNo, input: { changes, source: 'typed', reason: '' }, audit: ctx(new Date(at(levelsDay, 16, si)).toISOString()) });
    }

    // Qualities and competences, the homeroom teacher's comment, and at year end the nominations.
    const traitsDay = dayOf(point, usual.traits, 2);
    const pick = createRandom(278_000 + POINT_SEED[point]);
    let nominations = 0;
    const entries = pupils.map((pupil) => {
      const qualities = values.qualities.get(pupil.studentId)!;
      const competences = values.competences.get(pupil.studentId)!;
      let comment: string;
      let nominated = false;
      let nominationNote = '';
      if (point === 'CN') {
        const result = evaluateTt27({
          id: pupil.studentId,
          subjects: sheets.map((s) => ({ subject: s.code, level: values.levels.get(`${pupil.studentId}|${s.code}`)!, test: values.tests.get(`${pupil.studentId}|${s.code}`) ?? null })),
          qualities,
          competences,
          nominated: false,
        });
        comment = pick.pick(YEAR_COMMENTS[result.level]);
        if (pupil.kind === 'nominated' && result.level === 'HTT') {
          nominated = true;
          nominationNote = NOMINATION_NOTES[nominations++ % NOMINATION_NOTES.length];
        }
      } else {
        const traits = [...qualities, ...competences];
        comment = pick.pick(POINT_COMMENTS[traits.includes('C') ? 'effort' : traits.filter((t) => t === 'T').length >= 12 ? 'good' : 'fair']);
      }
      return { studentId: pupil.studentId, qualities, competences, comment, nominated, nominationNote };
    });
    await savePrimaryAssessments({ db, cls, point, entries: entries.map((e) => ({ ...e, baseVersion: 0 })), userId: o.homeroomUserId, audit: ctx(new Date(at(traitsDay, 20, 0)).toISOString()) });
  }
}
