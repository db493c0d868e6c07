/**
 * Built-in template of the 2018 general-education programme (Chương trình giáo dục phổ thông
 * 2018, Thông tư 32/2018/TT-BGDĐT, as amended by Thông tư 13/2022/TT-BGDĐT): for every grade
 * 1–12, the subjects and educational activities with their periods per year (tiết/năm học, a
 * 35-week year) and how they are assessed.
 *
 * - Grades 1–5 follow TT 27/2020 (RULES.md §2): every subject gets a level (T/H/C); some have a
 *   scored periodic test (bài kiểm tra định kì) at the points of the §2.2 matrix.
 * - Grades 6–12 follow TT 22/2021 Điều 5 (RULES.md §1.1): comment-only for Giáo dục thể chất,
 *   Nghệ thuật / Âm nhạc / Mĩ thuật, Nội dung giáo dục của địa phương, Hoạt động trải nghiệm,
 *   hướng nghiệp; comments combined with scores for every other subject.
 * - Grades 10–12: compulsory subjects, the 9 choice subjects (môn học lựa chọn, pick 4), the
 *   learning-topic clusters (cụm chuyên đề học tập, pick 3, 35 periods each, no periodic
 *   assessment: they add one ĐĐGtx to the parent subject) and optional subjects (môn tự chọn).
 *
 * This is a template: a school configures `periodsPerYear` and the subjects it teaches per school
 * year (RULES.md §1.2 "do not hard-code them"). Codes for grades 6–12 and primary are the ones the
 * rules engine and its golden files use (NV, TOAN, NN1, GDCD, LSDL, KHTN, CN, TIN, GDTC, NT, HDTN,
 * GDDP, LS, LI, HOA, SINH, GDQPAN; TV, DAODUC, TNXH, KH, THCN).
 */
import { requiredRegularCount } from '../assessment/required-regular-count.ts';

export type ProgrammeRegime = 'TT27_2020' | 'TT22_2021';
export type SchoolLevel = 'primary' | 'lowerSecondary' | 'upperSecondary';

/** TT 27/2020 Đ7 k1 points in time: giữa HK I, cuối HK I, giữa HK II, cuối năm học. */
export type PrimaryTestPoint = 'term1Midterm' | 'term1End' | 'term2Midterm' | 'yearEnd';

/**
 * Non-compulsory groups:
 * - `thptChoice`: môn học lựa chọn at THPT (a student takes `THPT_CHOICE_SUBJECT_COUNT` of them);
 * - `learningTopicCluster`: cụm chuyên đề học tập at THPT (`THPT_LEARNING_TOPIC_CLUSTER_COUNT` of them);
 * - `optional`: môn học tự chọn (Tiếng dân tộc thiểu số, Ngoại ngữ 2; Ngoại ngữ 1 in grades 1–2).
 */
export type ElectiveGroup = 'thptChoice' | 'learningTopicCluster' | 'optional';

interface ProgrammeSubjectBase {
  /** Short ASCII upper-case code, unique within a grade. */
  code: string;
  /** Vietnamese name as the Ministry writes it in the programme. */
  name: string;
  periodsPerYear: number;
  compulsory: boolean;
  /** `null` for compulsory subjects. */
  elective: ElectiveGroup | null;
  /** Hoạt động giáo dục rather than môn học (Hoạt động trải nghiệm[, hướng nghiệp]). */
  isActivity: boolean;
}

export interface PrimaryProgrammeSubject extends ProgrammeSubjectBase {
  assessmentKind: 'primaryLevel';
  hasPeriodicTest: boolean;
  /** Empty when `hasPeriodicTest` is false. */
  periodicTestPoints: readonly PrimaryTestPoint[];
}

export interface SecondaryProgrammeSubject extends ProgrammeSubjectBase {
  assessmentKind: 'scored' | 'comment';
  /** For a learning-topic cluster: the code of the subject it belongs to. */
  learningTopicClusterOf: string | null;
}

export type ProgrammeSubject = PrimaryProgrammeSubject | SecondaryProgrammeSubject;

export interface ProgrammeGrade {
  grade: number;
  level: SchoolLevel;
  regime: ProgrammeRegime;
  subjects: readonly ProgrammeSubject[];
}

export const THPT_CHOICE_SUBJECT_COUNT = 4;
export const THPT_LEARNING_TOPIC_CLUSTER_COUNT = 3;
export const LEARNING_TOPIC_CLUSTER_PERIODS = 35;

// ---------------------------------------------------------------------------------------------
// Primary (grades 1–5), TT 27/2020

const END_OF_TERMS: readonly PrimaryTestPoint[] = ['term1End', 'yearEnd'];
const ALL_POINTS: readonly PrimaryTestPoint[] = ['term1Midterm', 'term1End', 'term2Midterm', 'yearEnd'];

function primary(
  code: string,
  name: string,
  periodsPerYear: number,
  testPoints: readonly PrimaryTestPoint[],
  extra: Partial<Pick<ProgrammeSubjectBase, 'compulsory' | 'elective' | 'isActivity'>> = {},
): PrimaryProgrammeSubject {
  return {
    code,
    name,
    periodsPerYear,
    compulsory: extra.compulsory ?? true,
    elective: extra.elective ?? null,
    isActivity: extra.isActivity ?? false,
    assessmentKind: 'primaryLevel',
    hasPeriodicTest: testPoints.length > 0,
    periodicTestPoints: testPoints,
  };
}

/** Tiếng Việt periods: 420, 350, 245, 245, 245; Toán: 105, 175, 175, 175, 175. */
const TV_PERIODS = [420, 350, 245, 245, 245];
const TOAN_PERIODS = [105, 175, 175, 175, 175];

function primaryGrade(grade: 1 | 2 | 3 | 4 | 5): ProgrammeGrade {
  const i = grade - 1;
  const upper = grade >= 4;
  // RULES.md §2.2: grades 4–5 also test Tiếng Việt and Toán at mid-term (UNCONFIRMED for TT 27).
  const coreTests = upper ? ALL_POINTS : END_OF_TERMS;
  const subjects: PrimaryProgrammeSubject[] = [
    primary('TV', 'Tiếng Việt', TV_PERIODS[i], coreTests),
    primary('TOAN', 'Toán', TOAN_PERIODS[i], coreTests),
    grade >= 3
      ? primary('NN1', 'Ngoại ngữ 1', 140, END_OF_TERMS)
      : // Elective in grades 1–2; whether it has a scored test is UNCONFIRMED (RULES.md §2.2): none by default.
        primary('NN1', 'Ngoại ngữ 1', 70, [], { compulsory: false, elective: 'optional' }),
    primary('DAODUC', 'Đạo đức', 35, []),
  ];
  if (grade <= 3) subjects.push(primary('TNXH', 'Tự nhiên và Xã hội', 70, []));
  if (upper) {
    subjects.push(primary('LSDL', 'Lịch sử và Địa lí', 70, END_OF_TERMS));
    subjects.push(primary('KH', 'Khoa học', 70, END_OF_TERMS));
  }
  if (grade >= 3) subjects.push(primary('THCN', 'Tin học và Công nghệ', 70, END_OF_TERMS));
  subjects.push(
    primary('GDTC', 'Giáo dục thể chất', 70, []),
    primary('NT', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 70, []),
    primary('HDTN', 'Hoạt động trải nghiệm', 105, [], { isActivity: true }),
    primary('TDTTS', 'Tiếng dân tộc thiểu số', 70, [], { compulsory: false, elective: 'optional' }),
  );
  return { grade, level: 'primary', regime: 'TT27_2020', subjects };
}

// ---------------------------------------------------------------------------------------------
// Secondary (grades 6–12), TT 22/2021

function secondary(
  code: string,
  name: string,
  periodsPerYear: number,
  assessmentKind: 'scored' | 'comment',
  extra: Partial<Pick<SecondaryProgrammeSubject, 'compulsory' | 'elective' | 'isActivity' | 'learningTopicClusterOf'>> = {},
): SecondaryProgrammeSubject {
  return {
    code,
    name,
    periodsPerYear,
    compulsory: extra.compulsory ?? true,
    elective: extra.elective ?? null,
    isActivity: extra.isActivity ?? false,
    assessmentKind,
    learningTopicClusterOf: extra.learningTopicClusterOf ?? null,
  };
}

const OPTIONAL = { compulsory: false, elective: 'optional' } as const;

function lowerSecondaryGrade(grade: 6 | 7 | 8 | 9): ProgrammeGrade {
  const subjects: SecondaryProgrammeSubject[] = [
    secondary('NV', 'Ngữ văn', 140, 'scored'),
    secondary('TOAN', 'Toán', 140, 'scored'),
    secondary('NN1', 'Ngoại ngữ 1', 105, 'scored'),
    secondary('GDCD', 'Giáo dục công dân', 35, 'scored'),
    secondary('LSDL', 'Lịch sử và Địa lí', 105, 'scored'),
    secondary('KHTN', 'Khoa học tự nhiên', 140, 'scored'),
    // Công nghệ: 35 periods in grades 6–7, 52 in grades 8–9.
    secondary('CN', 'Công nghệ', grade <= 7 ? 35 : 52, 'scored'),
    secondary('TIN', 'Tin học', 35, 'scored'),
    secondary('GDTC', 'Giáo dục thể chất', 70, 'comment'),
    secondary('NT', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 70, 'comment'),
    secondary('HDTN', 'Hoạt động trải nghiệm, hướng nghiệp', 105, 'comment', { isActivity: true }),
    secondary('GDDP', 'Nội dung giáo dục của địa phương', 35, 'comment'),
    secondary('TDTTS', 'Tiếng dân tộc thiểu số', 105, 'scored', OPTIONAL),
    secondary('NN2', 'Ngoại ngữ 2', 105, 'scored', OPTIONAL),
  ];
  return { grade, level: 'lowerSecondary', regime: 'TT22_2021', subjects };
}

const CHOICE = { compulsory: false, elective: 'thptChoice' } as const;

/** THPT subjects that have a learning-topic cluster (cụm chuyên đề học tập). */
const SUBJECTS_WITH_CLUSTERS = ['NV', 'TOAN', 'LS', 'DIA', 'GDKTPL', 'LI', 'HOA', 'SINH', 'CN', 'TIN', 'AMNHAC', 'MYTHUAT'];

function upperSecondaryGrade(grade: 10 | 11 | 12): ProgrammeGrade {
  const taught: SecondaryProgrammeSubject[] = [
    // Compulsory (môn học bắt buộc / hoạt động giáo dục bắt buộc)
    secondary('NV', 'Ngữ văn', 105, 'scored'),
    secondary('TOAN', 'Toán', 105, 'scored'),
    secondary('NN1', 'Ngoại ngữ 1', 105, 'scored'),
    // Lịch sử became compulsory with TT 13/2022.
    secondary('LS', 'Lịch sử', 52, 'scored'),
    secondary('GDTC', 'Giáo dục thể chất', 70, 'comment'),
    secondary('GDQPAN', 'Giáo dục quốc phòng và an ninh', 35, 'scored'),
    secondary('HDTN', 'Hoạt động trải nghiệm, hướng nghiệp', 105, 'comment', { isActivity: true }),
    secondary('GDDP', 'Nội dung giáo dục của địa phương', 35, 'comment'),
    // Choice subjects (môn học lựa chọn): 4 of these 9 (TT 13/2022).
    secondary('DIA', 'Địa lí', 70, 'scored', CHOICE),
    secondary('GDKTPL', 'Giáo dục kinh tế và pháp luật', 70, 'scored', CHOICE),
    secondary('LI', 'Vật lí', 70, 'scored', CHOICE),
    secondary('HOA', 'Hoá học', 70, 'scored', CHOICE),
    secondary('SINH', 'Sinh học', 70, 'scored', CHOICE),
    secondary('CN', 'Công nghệ', 70, 'scored', CHOICE),
    secondary('TIN', 'Tin học', 70, 'scored', CHOICE),
    secondary('AMNHAC', 'Âm nhạc', 70, 'comment', CHOICE),
    secondary('MYTHUAT', 'Mĩ thuật', 70, 'comment', CHOICE),
    // Optional subjects (môn học tự chọn)
    secondary('TDTTS', 'Tiếng dân tộc thiểu số', 105, 'scored', OPTIONAL),
    secondary('NN2', 'Ngoại ngữ 2', 105, 'scored', OPTIONAL),
  ];
  const clusters = SUBJECTS_WITH_CLUSTERS.map((parentCode) => {
    const parent = taught.find((s) => s.code === parentCode);
    if (!parent) throw new Error(`programme-2018: no subject ${parentCode}`);
    return secondary(
      `CDHT_${parentCode}`,
      `Cụm chuyên đề học tập môn ${parent.name}`,
      LEARNING_TOPIC_CLUSTER_PERIODS,
      parent.assessmentKind,
      { compulsory: false, elective: 'learningTopicCluster', learningTopicClusterOf: parentCode },
    );
  });
  return { grade, level: 'upperSecondary', regime: 'TT22_2021', subjects: [...taught, ...clusters] };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The whole template, grades 1–12 in order. */
export const programme2018: readonly ProgrammeGrade[] = deepFreeze([
  primaryGrade(1),
  primaryGrade(2),
  primaryGrade(3),
  primaryGrade(4),
  primaryGrade(5),
  lowerSecondaryGrade(6),
  lowerSecondaryGrade(7),
  lowerSecondaryGrade(8),
  lowerSecondaryGrade(9),
  upperSecondaryGrade(10),
  upperSecondaryGrade(11),
  upperSecondaryGrade(12),
]);

/** The grade's entry of the template; throws for a grade outside 1–12 (a programming error). */
export function programmeGrade(grade: number): ProgrammeGrade {
  const entry = programme2018.find((g) => g.grade === grade);
  if (!entry) throw new RangeError(`grade must be an integer 1–12, got ${grade}`);
  return entry;
}

/** Every subject and activity of the grade, including optional ones and THPT clusters. */
export function subjectsForGrade(grade: number): readonly ProgrammeSubject[] {
  return programmeGrade(grade).subjects;
}

/** One subject of a grade by code, or `undefined`. */
export function findProgrammeSubject(grade: number, code: string): ProgrammeSubject | undefined {
  return subjectsForGrade(grade).find((s) => s.code === code);
}

/**
 * TT 22/2021 ĐĐGtx per term for a grade 6–12 subject of the template (via the rules engine's
 * `requiredRegularCount`); `null` for primary subjects and for clusters (they have no own
 * gradebook column: they add one ĐĐGtx to the parent when `learningTopicCluster` is true).
 */
export function templateRegularCount(
  grade: number,
  code: string,
  options: { learningTopicCluster?: boolean } = {},
): number | null {
  const subject = findProgrammeSubject(grade, code);
  if (!subject || subject.assessmentKind === 'primaryLevel' || subject.learningTopicClusterOf !== null) return null;
  return requiredRegularCount({
    periodsPerYear: subject.periodsPerYear,
    learningTopicCluster: options.learningTopicCluster ?? false,
  });
}
