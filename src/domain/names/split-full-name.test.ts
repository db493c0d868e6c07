import { describe, expect, it } from 'vitest';
import { formatFullName, normalizeNameText, splitFullName } from './split-full-name.ts';

describe('splitFullName', () => {
  it.each([
    ['four words', 'Nguyễn Thị Minh Anh', { familyName: 'Nguyễn', middleName: 'Thị Minh', givenName: 'Anh' }],
    ['three words', 'Trần Văn Đức', { familyName: 'Trần', middleName: 'Văn', givenName: 'Đức' }],
    ['two words', 'Lê Na', { familyName: 'Lê', middleName: '', givenName: 'Na' }],
    ['one word: only a given name', 'Hùng', { familyName: '', middleName: '', givenName: 'Hùng' }],
    ['empty', '   ', { familyName: '', middleName: '', givenName: '' }],
    ['spaces, tabs and line breaks collapsed', '  Phạm \t Thu\n Hà ', { familyName: 'Phạm', middleName: 'Thu', givenName: 'Hà' }],
    ['compound family name kept together', 'Tôn Nữ Thị Ngọc Hân', { familyName: 'Tôn Nữ', middleName: 'Thị Ngọc', givenName: 'Hân' }],
    ['Âu Dương', 'Âu Dương Minh Khang', { familyName: 'Âu Dương', middleName: 'Minh', givenName: 'Khang' }],
    ['longest compound wins', 'Công Tằng Tôn Nữ Thị Hoa', { familyName: 'Công Tằng Tôn Nữ', middleName: 'Thị', givenName: 'Hoa' }],
    ['compound needs a word left for the given name', 'Tôn Nữ', { familyName: 'Tôn', middleName: '', givenName: 'Nữ' }],
    ['case-insensitive compound match', 'TÔN THẤT BÁCH', { familyName: 'TÔN THẤT', middleName: '', givenName: 'BÁCH' }],
    ['"Nguyễn Phúc" is an ordinary family + middle', 'Nguyễn Phúc Thịnh', { familyName: 'Nguyễn', middleName: 'Phúc', givenName: 'Thịnh' }],
    ['ethnic-minority name split positionally', 'Hờ A Sử', { familyName: 'Hờ', middleName: 'A', givenName: 'Sử' }],
  ])('%s: %j', (_label, input, expected) => {
    expect(splitFullName(input)).toEqual(expected);
  });

  it('turns decomposed (NFD) input into NFC', () => {
    const parts = splitFullName('Nguyễn Thị Ánh'.normalize('NFD'));
    expect(parts.familyName).toBe('Nguyễn'.normalize('NFC'));
    expect(parts.givenName).toBe('Ánh');
    expect(parts.givenName.length).toBe(3);
  });

  it('accepts a custom compound list', () => {
    expect(splitFullName('Nguyễn Phước Bửu Lộc', { compoundFamilyNames: ['Nguyễn Phước'] })).toEqual({
      familyName: 'Nguyễn Phước',
      middleName: 'Bửu',
      givenName: 'Lộc',
    });
  });
});

describe('formatFullName', () => {
  it.each([
    [{ familyName: 'Nguyễn', middleName: 'Thị Minh', givenName: 'Anh' }, 'Nguyễn Thị Minh Anh'],
    [{ familyName: 'Lê', middleName: '', givenName: 'Na' }, 'Lê Na'],
    [{ familyName: '', middleName: '', givenName: 'Hùng' }, 'Hùng'],
    [{ familyName: ' Phạm ', middleName: 'Thu  Hà'.normalize('NFD'), givenName: 'Trang' }, 'Phạm Thu Hà Trang'],
  ])('%j → %s', (parts, expected) => {
    expect(formatFullName(parts)).toBe(expected);
  });

  it('round-trips with splitFullName', () => {
    for (const name of ['Nguyễn Thị Minh Anh', 'Lê Na', 'Tôn Nữ Thị Ngọc Hân']) {
      expect(formatFullName(splitFullName(name))).toBe(name);
    }
  });
});

describe('normalizeNameText', () => {
  it('NFC and single spaces', () => {
    expect(normalizeNameText(' Đặng\u00a0 Văn  Lâm '.normalize('NFD'))).toBe('Đặng Văn Lâm');
  });
});
