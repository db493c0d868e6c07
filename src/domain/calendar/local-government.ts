/**
 * Administrative units on printed school records, by school year (issue 15 §9). From 1 July 2025
 * Vietnam's local government has two levels, province and commune: the districts (huyện, quận,
 * thị xã, thành phố thuộc tỉnh) and their Phòng Giáo dục và Đào tạo were abolished (Nghị quyết
 * 202/2025/QH15; Luật Tổ chức chính quyền địa phương 2025, in force 1/7/2025). FORMS.md §1: the
 * covers print "Huyện/Quận/Thị xã/Thành phố: …" before, "Xã/Phường/Đặc khu: …" after (observed on
 * exported học bạ); the issuing body over the school in a heading is "UBND …", "SỞ GIÁO DỤC VÀ ĐÀO
 * TẠO …" or "PHÒNG GD&ĐT …" (FORMS.md §8). After the change a primary or lower-secondary school is
 * run by its commune's People's Committee (UBND xã/phường/đặc khu), an upper-secondary school by
 * the province's Sở GDĐT. A year keeps the units it had: a school year starting before 1 July 2025
 * prints the three-level units and its Phòng GDĐT, as its books were printed then.
 */

export const TWO_LEVEL_LOCAL_GOVERNMENT_FROM = '2025-07-01';

export type LocalGovernment = 'threeLevel' | 'twoLevel';

/** The local government a school year's records print: by the year's first day (yyyy-mm-dd). */
export function localGovernmentOf(yearStartsOn: string): LocalGovernment {
  return yearStartsOn >= TWO_LEVEL_LOCAL_GOVERNMENT_FROM ? 'twoLevel' : 'threeLevel';
}

/** The cover's locality line between the school and the province. */
export function coverLocalityLabel(yearStartsOn: string): 'Xã/Phường/Đặc khu' | 'Huyện/Quận/Thị xã/Thành phố' {
  return localGovernmentOf(yearStartsOn) === 'twoLevel' ? 'Xã/Phường/Đặc khu' : 'Huyện/Quận/Thị xã/Thành phố';
}

export interface GoverningBodyInput {
  yearStartsOn: string;
  level: 'primary' | 'lower_secondary' | 'upper_secondary';
  /** The office the school is filed under ("Phòng Giáo dục và Đào tạo thị xã Mỹ Hào"), or ''. */
  officeName: string;
  officeKind: 'district' | 'province' | string | null;
  /** "Hưng Yên", "Hà Nội" (without "tỉnh" / "thành phố"), or null. */
  province: string | null;
  /** "Phường Bần Yên Nhân", "Xã Tân Lập", "Đặc khu Phú Quốc", or null. */
  commune: string | null;
}

/** The issuing body printed over the school's name in a heading (the layout prints it in capitals). */
export function governingBody(input: GoverningBodyInput): string {
  if (localGovernmentOf(input.yearStartsOn) === 'threeLevel') return input.officeName;
  const provinceOffice = input.officeKind === 'province' ? input.officeName : input.province ? `Sở Giáo dục và Đào tạo ${input.province}` : '';
  if (input.level === 'upper_secondary') return provinceOffice || input.officeName;
  if (input.commune) return `UBND ${input.commune}`;
  return provinceOffice || input.officeName;
}

/** "Phường Bần Yên Nhân, tỉnh Hưng Yên" → commune "Phường Bần Yên Nhân", province "Hưng Yên" (as transcripts' localityOf). */
export function communeAndProvinceOf(address: string): { commune: string | null; province: string | null } {
  const parts = address.split(',').map((p) => p.trim());
  const commune = parts.find((p) => /^(xã|phường|đặc khu|thị trấn)\s/iu.test(p)) ?? null;
  const prov = parts.find((p) => /^(tỉnh|thành phố)\s/iu.test(p));
  return { commune, province: prov ? prov.replace(/^(tỉnh|thành phố)\s+/iu, '') : null };
}
