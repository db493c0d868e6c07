/**
 * The issuing body and the cover's locality a printed record shows for ITS school year (issue 15
 * §9), one look-up for every print — class books, confirmation sheets, the primary summary, the
 * học bạ, the sổ liên lạc, the monthly edit log, the correction request. The rule itself is
 * pure (src/domain/calendar/local-government.ts): from 1/7/2025 "UBND <xã/phường>" or the Sở, a
 * year begun before prints the stored office (the Phòng) as it did then.
 */
import { communeAndProvinceOf, coverLocalityLabel, governingBody } from '../../domain/calendar/local-government.ts';
import type { Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';

export type PrintLevel = 'primary' | 'lower_secondary' | 'upper_secondary';

/** Which school year a print belongs to: a recorded year, a year by its first calendar year, or the year that contains a date. */
export type PrintYearRef = { schoolYearId: string } | { startYear: number } | { date: string };

export interface PrintAuthority {
  /** The body printed over the school's name for the year ("UBND Phường Mỹ Hào", "Sở Giáo dục và Đào tạo Hưng Yên", or the stored "Phòng Giáo dục và Đào tạo thị xã Mỹ Hào"). */
  authority: string;
  /** The first day of the year the rule was applied to (yyyy-mm-dd). */
  yearStartsOn: string;
  /** "Mỹ Hào" (district-level office) and "Hưng Yên" (province), as far as the office names and the address tell. */
  district: string | null;
  province: string | null;
  /** The school's commune from its address ("Phường Bần Yên Nhân"), or null. */
  commune: string | null;
  /** The cover's locality line: "Xã/Phường/Đặc khu" and the commune from 1/7/2025, else "Huyện/Quận/Thị xã/Thành phố" and the district. */
  localityLabel: ReturnType<typeof coverLocalityLabel>;
  locality: string | null;
}

/**
 * The locality for the place-and-date line, taken from the governing office's name
 * ("Phòng Giáo dục và Đào tạo thị xã Mỹ Hào" → "Mỹ Hào"); null (a blank to fill) when the name
 * does not have that shape. A school setting for it would be better (see docs/printing.md).
 */
export function placeFromOfficeName(name: string): string | null {
  const m = /^(?:Phòng|Sở)\s+Giáo dục và Đào tạo\s+(?:(?:huyện|quận|thị xã|thành phố|tỉnh|thị trấn)\s+)?(.+?)\s*(?:\(.*\))?$/iu.exec(name.trim());
  return m?.[1] ? m[1] : null;
}

/** A class's level by its grade (1–5, 6–9, 10–12). */
export function printLevelOfGrade(grade: number): PrintLevel {
  return grade <= 5 ? 'primary' : grade <= 9 ? 'lower_secondary' : 'upper_secondary';
}

/** The first day of the referenced year: the school's record, else by the calendar (a year runs from 5 September). */
export async function printYearStartsOn(db: Executor, schoolId: string, ref: PrintYearRef): Promise<string> {
  if ('schoolYearId' in ref) {
    const row = await db.selectFrom('school_years').select('starts_on').where('id', '=', ref.schoolYearId).executeTakeFirst();
    if (!row) throw notFound('năm học');
    return row.starts_on;
  }
  if ('startYear' in ref) {
    const row = await db.selectFrom('school_years').select('starts_on').where('school_id', '=', schoolId).where('start_year', '=', ref.startYear).executeTakeFirst();
    return row?.starts_on ?? `${ref.startYear}-09-05`;
  }
  const row = await db
    .selectFrom('school_years')
    .select('starts_on')
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', ref.date)
    .where('ends_on', '>=', ref.date)
    .executeTakeFirst();
  if (row) return row.starts_on;
  const [y, m] = ref.date.split('-').map(Number);
  return `${m >= 8 ? y : y - 1}-09-05`;
}

/**
 * The issuing body and locality of a school's prints for a year. `level`: the printed class's or
 * student's level; without it the school's (a multi-level school filed under the province's Sở
 * counts as upper-secondary, else as lower-secondary).
 */
export async function loadPrintAuthority(db: Executor, input: { schoolId: string; year: PrintYearRef; level?: PrintLevel }): Promise<PrintAuthority> {
  const office = async () => {
    const school = await db.selectFrom('schools').select(['org_unit_id', 'level', 'address']).where('id', '=', input.schoolId).executeTakeFirst();
    if (!school) throw notFound('trường');
    const unit = await db.selectFrom('org_units').select(['name', 'kind', 'parent_id']).where('id', '=', school.org_unit_id).executeTakeFirst();
    const parent = unit?.parent_id ? await db.selectFrom('org_units').select(['name']).where('id', '=', unit.parent_id).executeTakeFirst() : undefined;
    return { school, unit, parent };
  };
  const [yearStartsOn, { school, unit, parent }] = await Promise.all([printYearStartsOn(db, input.schoolId, input.year), office()]);
  const address = communeAndProvinceOf(school.address ?? '');
  const district = unit?.kind === 'district' ? placeFromOfficeName(unit.name) : null;
  const province = unit?.kind === 'province' ? placeFromOfficeName(unit.name) : parent ? placeFromOfficeName(parent.name) : address.province;
  const schoolLevel = school.level === 'primary' || school.level === 'lower_secondary' || school.level === 'upper_secondary' ? school.level : null;
  const level = input.level ?? schoolLevel ?? (unit?.kind === 'province' ? 'upper_secondary' : 'lower_secondary');
  const authority = governingBody({ yearStartsOn, level, officeName: unit?.name ?? '', officeKind: unit?.kind ?? null, province, commune: address.commune });
  const localityLabel = coverLocalityLabel(yearStartsOn);
  return {
    authority,
    yearStartsOn,
    district,
    province,
    commune: address.commune,
    localityLabel,
    locality: localityLabel === 'Xã/Phường/Đặc khu' ? address.commune : district,
  };
}
