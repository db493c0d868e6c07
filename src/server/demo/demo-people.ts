/**
 * Deterministic generators of realistic Vietnamese people for the demo school (a school in
 * Thành phố Hà Nội). Same seed, same people: the generators use their own seeded PRNG
 * (mulberry32), never `Math.random`, and take no clock.
 *
 * - Family names follow the commonly cited frequencies (Nguyễn ≈ 38 %, Trần ≈ 12 %, Lê ≈ 9.5 %,
 *   Phạm ≈ 7 %, Hoàng/Huỳnh ≈ 5 %, …); minority pupils get family names usual for their group.
 * - Places of birth are provinces after the 1 July 2025 merger (EXCHANGE.md §3.1).
 * - Personal IDs follow the CCCD structure (EXCHANGE.md §1.6): 3-digit province of birth
 *   registration, 1 digit century + sex (0/1 = male/female born 1900–1999, 2/3 = 2000–2099),
 *   2 digits year of birth, 6 random digits. MOET codes are 10 digits, opaque.
 * - All text is NFC.
 */
import type { Sex, StudentInput, GuardianInput } from '../../shared/student.ts';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: small, fast, good enough for demo data; not for anything secret. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1][0];
    },
    chance: (probability) => next() < probability,
  };
  return random;
}

/** Mixes several integers into one 32-bit seed (so grade 6 and grade 7 with seed 1 differ). */
function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Name lists (NFC)

const nfc = <T extends string>(items: readonly T[]): T[] => items.map((s) => s.normalize('NFC') as T);
const nfcWeighted = (items: readonly (readonly [string, number])[]): [string, number][] =>
  items.map(([s, w]) => [s.normalize('NFC'), w]);

/** Kinh family names with approximate shares in per cent (Hoàng/Huỳnh and Vũ/Võ split). */
export const FAMILY_NAME_WEIGHTS: readonly (readonly [string, number])[] = nfcWeighted([
  ['Nguyễn', 38.4],
  ['Trần', 12.1],
  ['Lê', 9.5],
  ['Phạm', 7.0],
  ['Hoàng', 3.1],
  ['Huỳnh', 2.0],
  ['Phan', 4.5],
  ['Vũ', 2.4],
  ['Võ', 1.5],
  ['Đặng', 2.1],
  ['Bùi', 2.0],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1.0],
  ['Lý', 0.5],
  ['Đinh', 0.9],
  ['Trịnh', 0.7],
  ['Đào', 0.7],
  ['Mai', 0.6],
  ['Trương', 0.6],
  ['Lương', 0.5],
  ['Đoàn', 0.5],
  ['Cao', 0.4],
  ['Lưu', 0.4],
  ['Hà', 0.4],
  ['Tạ', 0.3],
  ['Lâm', 0.3],
  ['Kiều', 0.2],
  ['Chu', 0.2],
  ['Tô', 0.2],
  ['Quách', 0.1],
]);

const MIDDLE_NAMES: Record<Sex, readonly (readonly [string, number])[]> = {
  male: nfcWeighted([
    ['Văn', 18],
    ['Đức', 10],
    ['Minh', 12],
    ['Quang', 7],
    ['Gia', 8],
    ['Bảo', 6],
    ['Hoàng', 5],
    ['Tuấn', 4],
    ['Hữu', 5],
    ['Thành', 4],
    ['Công', 4],
    ['Trung', 3],
    ['Duy', 4],
    ['Nhật', 4],
    ['Đăng', 3],
    ['Anh', 3],
    ['Tiến', 3],
    ['Xuân', 2],
  ]),
  female: nfcWeighted([
    ['Thị', 18],
    ['Ngọc', 12],
    ['Thu', 7],
    ['Minh', 6],
    ['Bảo', 5],
    ['Gia', 4],
    ['Khánh', 5],
    ['Thanh', 6],
    ['Phương', 5],
    ['Hà', 3],
    ['Mai', 3],
    ['Thùy', 4],
    ['Kim', 3],
    ['Hoài', 2],
    ['Diệu', 2],
    ['Quỳnh', 3],
    ['Tuệ', 2],
    ['Hải', 2],
  ]),
};

/** Second middle words ("Nguyễn Thị Minh Anh", "Lê Ngọc Bảo Trâm"). */
const SECOND_MIDDLE: Record<Sex, readonly string[]> = {
  male: nfc(['Minh', 'Gia', 'Anh', 'Hoàng', 'Bảo', 'Đức']),
  female: nfc(['Minh', 'Bảo', 'Ngọc', 'Khánh', 'Thảo', 'Phương', 'Mai']),
};

const GIVEN_NAMES: Record<Sex, readonly string[]> = {
  male: nfc([
    'An', 'Bảo', 'Bình', 'Cường', 'Duy', 'Dũng', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khang', 'Khánh',
    'Khôi', 'Kiên', 'Lâm', 'Long', 'Minh', 'Nam', 'Nghĩa', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài',
    'Thành', 'Thắng', 'Thịnh', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Lộc', 'Nhân', 'Hưng',
  ]),
  female: nfc([
    'An', 'Anh', 'Ánh', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hân', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Huyền', 'Lan',
    'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thư',
    'Trang', 'Trâm', 'Uyên', 'Vân', 'Vy', 'Yến', 'Thủy', 'Nga', 'Khuê',
  ]),
};

/** Ethnic groups of the demo school's pupils (mostly Kinh), with family names usual for each. */
const ETHNICITIES: readonly { name: string; weight: number; familyNames?: readonly string[] }[] = [
  { name: 'Kinh', weight: 86 },
  { name: 'Tày', weight: 3, familyNames: nfc(['Hoàng', 'Nông', 'Lương', 'Ma', 'Triệu', 'Đàm']) },
  { name: 'Mường', weight: 2.5, familyNames: nfc(['Bùi', 'Đinh', 'Quách', 'Hà', 'Xa']) },
  { name: 'Thái', weight: 2, familyNames: nfc(['Lò', 'Lường', 'Cầm', 'Quàng', 'Vi', 'Hà']) },
  { name: 'Hoa', weight: 2, familyNames: nfc(['Lý', 'Lâm', 'Trương', 'Quách', 'Châu', 'Mã']) },
  { name: 'Nùng', weight: 1.5, familyNames: nfc(['Nông', 'Hoàng', 'Lăng', 'Vi', 'Lục']) },
  { name: 'HMông', weight: 1, familyNames: nfc(['Giàng', 'Sùng', 'Vàng', 'Thào', 'Lý', 'Hầu']) },
  { name: 'Khơ-me', weight: 1, familyNames: nfc(['Thạch', 'Sơn', 'Danh', 'Kim', 'Lâm']) },
  { name: 'Dao', weight: 1, familyNames: nfc(['Triệu', 'Bàn', 'Đặng', 'Lý', 'Phùng']) },
].map((e) => ({ ...e, name: e.name.normalize('NFC') }));

const RELIGIONS: readonly (readonly [string, number])[] = nfcWeighted([
  ['', 85],
  ['Phật giáo', 8],
  ['Công giáo', 6],
  ['Tin lành', 1],
]);

/** The 34 provinces after 1 July 2025 (QĐ 19/2025/QĐ-TTg, EXCHANGE.md §3.1): code → name. */
export const PROVINCES_2025: readonly (readonly [string, string])[] = [
  ['01', 'Thành phố Hà Nội'],
  ['04', 'Tỉnh Cao Bằng'],
  ['08', 'Tỉnh Tuyên Quang'],
  ['11', 'Tỉnh Điện Biên'],
  ['12', 'Tỉnh Lai Châu'],
  ['14', 'Tỉnh Sơn La'],
  ['15', 'Tỉnh Lào Cai'],
  ['19', 'Tỉnh Thái Nguyên'],
  ['20', 'Tỉnh Lạng Sơn'],
  ['22', 'Tỉnh Quảng Ninh'],
  ['24', 'Tỉnh Bắc Ninh'],
  ['25', 'Tỉnh Phú Thọ'],
  ['31', 'Thành phố Hải Phòng'],
  ['33', 'Tỉnh Hưng Yên'],
  ['37', 'Tỉnh Ninh Bình'],
  ['38', 'Tỉnh Thanh Hóa'],
  ['40', 'Tỉnh Nghệ An'],
  ['42', 'Tỉnh Hà Tĩnh'],
  ['44', 'Tỉnh Quảng Trị'],
  ['46', 'Thành phố Huế'],
  ['48', 'Thành phố Đà Nẵng'],
  ['51', 'Tỉnh Quảng Ngãi'],
  ['52', 'Tỉnh Gia Lai'],
  ['56', 'Tỉnh Khánh Hòa'],
  ['66', 'Tỉnh Đắk Lắk'],
  ['68', 'Tỉnh Lâm Đồng'],
  ['75', 'Tỉnh Đồng Nai'],
  ['79', 'Thành phố Hồ Chí Minh'],
  ['80', 'Tỉnh Tây Ninh'],
  ['82', 'Tỉnh Đồng Tháp'],
  ['86', 'Tỉnh Vĩnh Long'],
  ['91', 'Tỉnh An Giang'],
  ['92', 'Thành phố Cần Thơ'],
  ['96', 'Tỉnh Cà Mau'],
].map(([code, name]) => [code, name.normalize('NFC')] as const);

const SCHOOL_PROVINCE_CODE = '01';

/** Places of birth: most pupils of a Hà Nội school were born there, the rest all over the country. */
const BIRTH_PROVINCE_WEIGHTS: readonly (readonly [readonly [string, string], number])[] = PROVINCES_2025.map(
  (p) => [p, p[0] === SCHOOL_PROVINCE_CODE ? 66 : 1] as const,
);

/** Streets and wards (phường, post-2025 two-level addresses) near the demo school. */
const STREETS = nfc([
  'Láng Hạ', 'Nguyễn Chí Thanh', 'Kim Mã', 'Giảng Võ', 'Trần Duy Hưng', 'Hoàng Quốc Việt', 'Xuân Thủy', 'Tây Sơn',
  'Chùa Bộc', 'Thái Hà', 'Đội Cấn', 'Hoàng Hoa Thám', 'Lạc Long Quân', 'Nguyễn Trãi', 'Cầu Giấy', 'Đê La Thành',
]);
const WARDS = nfc(['Láng', 'Giảng Võ', 'Đống Đa', 'Ba Đình', 'Cầu Giấy', 'Ngọc Hà', 'Ô Chợ Dừa', 'Kim Liên', 'Tây Hồ', 'Yên Hòa']);

const OCCUPATIONS = nfc([
  'Công nhân', 'Nông dân', 'Kinh doanh', 'Giáo viên', 'Kỹ sư', 'Bác sĩ', 'Nhân viên văn phòng', 'Lao động tự do',
  'Công chức', 'Bộ đội', 'Công an', 'Nội trợ', 'Lái xe', 'Buôn bán', 'Điều dưỡng', 'Kế toán',
]);

// ---------------------------------------------------------------------------------------------
// Building blocks

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function randomDateInYear(random: Random, year: number): string {
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const d = new Date(start + random.int(0, days - 1) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function phone(random: Random): string {
  return `09${pad(random.int(0, 99_999_999), 8)}`;
}

interface NameParts {
  familyName: string;
  middleName: string;
  givenName: string;
}

function personName(random: Random, sex: Sex, familyName: string, options: { modern: boolean }): NameParts {
  const traditional = sex === 'male' ? 'Văn' : 'Thị';
  let middleName = random.weighted(MIDDLE_NAMES[sex]);
  // Younger generations use "Văn"/"Thị" less and two-word middle names more; their parents'
  // generation uses "Văn"/"Thị" for about four in ten people.
  if (options.modern && middleName === traditional && random.chance(0.5)) {
    middleName = random.weighted(MIDDLE_NAMES[sex].filter(([m]) => m !== traditional));
  } else if (!options.modern && random.chance(0.3)) {
    middleName = traditional;
  }
  if (random.chance(options.modern ? 0.2 : 0.03)) {
    const second = random.pick(SECOND_MIDDLE[sex].filter((m) => m !== middleName));
    middleName = `${middleName} ${second}`;
  }
  let givenName = random.pick(GIVEN_NAMES[sex]);
  if (middleName.split(' ').includes(givenName)) givenName = random.pick(GIVEN_NAMES[sex].filter((g) => !middleName.includes(g)));
  return { familyName, middleName, givenName };
}

function fullName(parts: NameParts): string {
  return [parts.familyName, parts.middleName, parts.givenName].filter(Boolean).join(' ');
}

/** CCCD: province of birth registration (3), century + sex (1), year (2), serial (6). */
export function personalIdPrefix(provinceCode: string, sex: Sex, birthYear: number): string {
  const century = Math.floor(birthYear / 100) - 19; // 1900s → 0, 2000s → 1, 2100s → 2
  const centurySex = century * 2 + (sex === 'female' ? 1 : 0);
  return `0${provinceCode}${centurySex}${pad(birthYear % 100, 2)}`;
}

/** Identifiers already handed out; share one between calls so several classes never collide. */
export interface DemoIdRegistry {
  nationalIds: Set<string>;
  studentCodes: Set<string>;
}

export function createDemoIdRegistry(): DemoIdRegistry {
  return { nationalIds: new Set(), studentCodes: new Set() };
}

function uniqueId(used: Set<string>, make: () => string): string {
  for (;;) {
    const id = make();
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Students

export interface GenerateStudentsOptions {
  seed: number;
  birthYear: number;
  /** Identifiers to avoid (and to record new ones in); default: a fresh registry per call. */
  registry?: DemoIdRegistry;
}

export function generateStudents(count: number, options: GenerateStudentsOptions): StudentInput[] {
  const random = createRandom(mixSeed(options.seed, options.birthYear, 0x57));
  const registry = options.registry ?? createDemoIdRegistry();
  const students: StudentInput[] = [];
  for (let i = 0; i < count; i++) {
    const sex: Sex = random.chance(0.51) ? 'male' : 'female';
    const ethnicity = random.weighted(ETHNICITIES.map((e) => [e, e.weight] as const));
    const familyName = ethnicity.familyNames ? random.pick(ethnicity.familyNames) : random.weighted(FAMILY_NAME_WEIGHTS);
    const name = personName(random, sex, familyName, { modern: true });
    const [provinceCode, provinceName] = random.weighted(BIRTH_PROVINCE_WEIGHTS);
    const dateOfBirth = randomDateInYear(random, options.birthYear);

    const nationalId = uniqueId(registry.nationalIds, () => `${personalIdPrefix(provinceCode, sex, options.birthYear)}${pad(random.int(0, 999_999), 6)}`);
    const studentCode = uniqueId(registry.studentCodes, () => `${SCHOOL_PROVINCE_CODE}${pad(random.int(0, 99_999_999), 8)}`);

    const guardians: GuardianInput[] = [];
    const hasFather = random.chance(0.92);
    const hasMother = random.chance(0.96);
    if (hasFather) {
      guardians.push({
        relation: 'father',
        fullName: fullName(personName(random, 'male', familyName, { modern: false })),
        phone: phone(random),
        occupation: random.pick(OCCUPATIONS),
        birthYear: options.birthYear - random.int(24, 42),
      });
    }
    if (hasMother) {
      guardians.push({
        relation: 'mother',
        fullName: fullName(personName(random, 'female', random.weighted(FAMILY_NAME_WEIGHTS), { modern: false })),
        phone: random.chance(0.95) ? phone(random) : null,
        occupation: random.pick(OCCUPATIONS),
        birthYear: options.birthYear - random.int(22, 40),
      });
    }
    if (!hasFather && !hasMother) {
      // Raised by a grandparent.
      const grandSex: Sex = random.chance(0.6) ? 'female' : 'male';
      guardians.push({
        relation: 'guardian',
        fullName: fullName(personName(random, grandSex, grandSex === 'male' ? familyName : random.weighted(FAMILY_NAME_WEIGHTS), { modern: false })),
        phone: phone(random),
        occupation: random.chance(0.7) ? 'Hưu trí' : random.pick(OCCUPATIONS),
        birthYear: options.birthYear - random.int(45, 65),
      });
    }

    students.push({
      ...name,
      sex,
      dateOfBirth,
      placeOfBirth: provinceName,
      ethnicity: ethnicity.name,
      nationality: 'Việt Nam',
      religion: random.weighted(RELIGIONS),
      nationalId,
      studentCode,
      address: `Số ${random.int(1, 199)} ngõ ${random.int(1, 300)} phố ${random.pick(STREETS)}, phường ${random.pick(WARDS)}, Thành phố Hà Nội`,
      phone: random.chance(0.15) ? phone(random) : null,
      guardians,
    });
  }
  return students;
}

// ---------------------------------------------------------------------------------------------
// Teachers

export interface DemoTeacher {
  familyName: string;
  middleName: string;
  givenName: string;
  sex: Sex;
  /** ISO yyyy-mm-dd. */
  dateOfBirth: string;
  /** Subject code of the 2018 programme (grades 6–9) the teacher was trained for. */
  subjectSpeciality?: string;
}

/** Roughly how many teachers a THCS school has per subject (by weekly periods). */
const TEACHER_SUBJECTS: readonly (readonly [string, number])[] = [
  ['NV', 14],
  ['TOAN', 14],
  ['NN1', 10],
  ['KHTN', 14],
  ['LSDL', 10],
  ['GDCD', 4],
  ['CN', 4],
  ['TIN', 4],
  ['GDTC', 7],
  ['NT', 7],
];

export function generateTeachers(count: number, options: { seed: number }): DemoTeacher[] {
  const random = createRandom(mixSeed(options.seed, 0x7e));
  const teachers: DemoTeacher[] = [];
  for (let i = 0; i < count; i++) {
    // About seven in ten teachers are women.
    const sex: Sex = random.chance(0.7) ? 'female' : 'male';
    const birthYear = random.int(1968, 2001);
    const name = personName(random, sex, random.weighted(FAMILY_NAME_WEIGHTS), { modern: birthYear >= 1990 });
    teachers.push({
      ...name,
      sex,
      dateOfBirth: randomDateInYear(random, birthYear),
      subjectSpeciality: random.weighted(TEACHER_SUBJECTS),
    });
  }
  return teachers;
}
