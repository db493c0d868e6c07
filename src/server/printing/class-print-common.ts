/**
 * What the class-level printed books share (class book, confirmation sheets, primary summary):
 * the class heading as printed (school, locality lines, class, homeroom teacher, principal, school
 * year), the version of the printed data (a hash of exactly what is printed) and the date the
 * data last changed (the PDF's creation date, never the clock).
 */
import { canonicalJson } from '../platform/canonical-json.ts';
import { sha256Hex } from '../platform/sha256.ts';
import type { Executor } from '../platform/db/database.ts';
import { formatStaffName, loadPrintAuthority, printLevelOfGrade } from '../school/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadSchoolPrintInfo, principalName, schoolYearLabel, type SchoolPrintInfo } from './print-data.ts';

export interface ClassPrintHeader {
  school: SchoolPrintInfo;
  /** "Mỹ Hào" (district-level office) and "Hưng Yên" (province), as far as the office names tell. */
  district: string | null;
  province: string | null;
  /** The cover's locality line for the year (issue 15 §9): "Xã/Phường/Đặc khu" and the school's commune from 1/7/2025, else "Huyện/Quận/Thị xã/Thành phố" and the district. */
  localityLabel: string;
  locality: string | null;
  className: string;
  grade: number;
  /** "TRUNG HỌC CƠ SỞ" | "TRUNG HỌC PHỔ THÔNG" | "TIỂU HỌC" */
  levelName: string;
  schoolYear: string;
  homeroomName: string | null;
  principalName: string | null;
}

export function levelNameOf(grade: number): string {
  if (grade <= 5) return 'TIỂU HỌC';
  if (grade <= 9) return 'TRUNG HỌC CƠ SỞ';
  return 'TRUNG HỌC PHỔ THÔNG';
}

export async function loadClassPrintHeader(db: Executor, cls: Row<'classes'>): Promise<ClassPrintHeader> {
  // Independent look-ups, run together (fewer round trips' wait on PostgreSQL).
  const [school, printed, homeroom, schoolYear, principal] = await Promise.all([
    loadSchoolPrintInfo(db, cls.school_id),
    loadPrintAuthority(db, { schoolId: cls.school_id, year: { schoolYearId: cls.school_year_id }, level: printLevelOfGrade(Number(cls.grade)) }),
    cls.homeroom_staff_id ? db.selectFrom('staff').select(['family_name', 'middle_name', 'given_name']).where('id', '=', cls.homeroom_staff_id).executeTakeFirst() : undefined,
    schoolYearLabel(db, cls.school_year_id),
    principalName(db, cls.school_id),
  ]);
  return {
    school: { ...school, heading: { ...school.heading, authority: printed.authority } },
    district: printed.district,
    province: printed.province,
    localityLabel: printed.localityLabel,
    locality: printed.locality,
    className: cls.name,
    grade: Number(cls.grade),
    levelName: levelNameOf(Number(cls.grade)),
    schoolYear,
    homeroomName: homeroom ? formatStaffName(homeroom) : null,
    principalName: principal,
  };
}

/** The version of what is printed: SHA-256 of its canonical JSON (same data, same version). */
export function printedDataVersion(data: unknown): string {
  return sha256Hex(canonicalJson(data));
}

/** The latest of the given instants (ISO strings), else the fallback: the data's "last changed". */
export function latestInstant(isos: readonly (string | null | undefined)[], fallback: string): Date {
  const latest = isos.filter((x): x is string => Boolean(x)).sort().at(-1);
  return new Date(latest ?? fallback);
}

/** The last change of anything a class-level book prints: scores, conduct, primary assessments. */
export async function classDataChangedAt(db: Executor, cls: Row<'classes'>): Promise<Date> {
  const [cells, conduct, primary, snaps] = await Promise.all([
    db.selectFrom('gradebook_cells').select((eb) => eb.fn.max('updated_at').as('at')).where('class_id', '=', cls.id).executeTakeFirst(),
    db.selectFrom('conduct_assessments').select((eb) => eb.fn.max('updated_at').as('at')).where('class_id', '=', cls.id).executeTakeFirst(),
    db.selectFrom('primary_assessments').select((eb) => eb.fn.max('updated_at').as('at')).where('class_id', '=', cls.id).executeTakeFirst(),
    db.selectFrom('result_snapshots').select((eb) => eb.fn.max('approved_at').as('at')).where('class_id', '=', cls.id).executeTakeFirst(),
  ]);
  return latestInstant([cells?.at, conduct?.at, primary?.at, snaps?.at].map((x) => (x ? String(x) : null)), cls.created_at);
}

/** "dd/mm/yyyy" of an ISO calendar date (no time zone involved). */
export function isoDateToPrinted(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ASCII-safe slug for file names ("6A1", "Toán" → "toan"). */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
