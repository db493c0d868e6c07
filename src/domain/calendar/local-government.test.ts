import { describe, expect, it } from 'vitest';
import { communeAndProvinceOf, coverLocalityLabel, governingBody, localGovernmentOf } from './local-government.ts';

describe('local government on printed records — two levels from 1/7/2025 (Nghị quyết 202/2025/QH15; Luật Tổ chức chính quyền địa phương 2025; FORMS.md §1, §8)', () => {
  it.each([
    ['2024-09-05', 'threeLevel', 'Huyện/Quận/Thị xã/Thành phố'],
    ['2025-06-30', 'threeLevel', 'Huyện/Quận/Thị xã/Thành phố'],
    ['2025-07-01', 'twoLevel', 'Xã/Phường/Đặc khu'],
    ['2025-09-05', 'twoLevel', 'Xã/Phường/Đặc khu'],
    ['2026-09-05', 'twoLevel', 'Xã/Phường/Đặc khu'],
  ] as const)('a year starting %s prints %s units: "%s"', (startsOn, lg, label) => {
    expect(localGovernmentOf(startsOn)).toBe(lg);
    expect(coverLocalityLabel(startsOn)).toBe(label);
  });

  const district = { officeName: 'Phòng Giáo dục và Đào tạo thị xã Mỹ Hào', officeKind: 'district', province: 'Hưng Yên' };
  it.each([
    ['2024-25 THCS: its Phòng GDĐT, as printed then', { ...district, yearStartsOn: '2024-09-05', level: 'lower_secondary', commune: 'Phường Bần Yên Nhân' }, 'Phòng Giáo dục và Đào tạo thị xã Mỹ Hào'],
    ['2026-27 THCS: the commune’s People’s Committee', { ...district, yearStartsOn: '2026-09-05', level: 'lower_secondary', commune: 'Phường Bần Yên Nhân' }, 'UBND Phường Bần Yên Nhân'],
    ['2026-27 tiểu học: the commune’s People’s Committee', { ...district, yearStartsOn: '2026-09-05', level: 'primary', commune: 'Xã Tân Lập' }, 'UBND Xã Tân Lập'],
    ['2026-27 THCS, commune unknown: the province’s Sở GDĐT', { ...district, yearStartsOn: '2026-09-05', level: 'lower_secondary', commune: null }, 'Sở Giáo dục và Đào tạo Hưng Yên'],
    ['2026-27 THPT: the Sở GDĐT', { ...district, yearStartsOn: '2026-09-05', level: 'upper_secondary', commune: 'Phường Bần Yên Nhân' }, 'Sở Giáo dục và Đào tạo Hưng Yên'],
    ['2026-27 THPT filed under the Sở: its name as recorded', { officeName: 'Sở Giáo dục và Đào tạo tỉnh Hưng Yên', officeKind: 'province', province: null, yearStartsOn: '2026-09-05', level: 'upper_secondary', commune: null }, 'Sở Giáo dục và Đào tạo tỉnh Hưng Yên'],
    ['2026-27, nothing known but the office: the office', { officeName: 'Phòng Giáo dục và Đào tạo X', officeKind: 'district', province: null, yearStartsOn: '2026-09-05', level: 'primary', commune: null }, 'Phòng Giáo dục và Đào tạo X'],
  ] as const)('%s', (_name, input, expected) => {
    expect(governingBody(input)).toBe(expected);
  });
});

describe('communeAndProvinceOf — the school address’s commune and province', () => {
  it.each([
    ['Phường Bần Yên Nhân, tỉnh Hưng Yên', 'Phường Bần Yên Nhân', 'Hưng Yên'],
    ['Số 1 Lê Lợi, Xã Tân Lập, thành phố Hà Nội', 'Xã Tân Lập', 'Hà Nội'],
    ['Đặc khu Phú Quốc, tỉnh An Giang', 'Đặc khu Phú Quốc', 'An Giang'],
    ['', null, null],
  ])('"%s"', (address, commune, province) => {
    expect(communeAndProvinceOf(address)).toEqual({ commune, province });
  });
});
