import { describe, expect, it } from 'vitest';
import {
  compareNamePart,
  compareStudentNames,
  sortStudentsVietnamese,
  type StudentNameKey,
} from './compare-student-names.ts';

const s = (
  familyName: string,
  middleName: string,
  givenName: string,
  dateOfBirth = '2012-01-01',
  id?: string | number,
): StudentNameKey => ({ familyName, middleName, givenName, dateOfBirth, ...(id === undefined ? {} : { id }) });

/** Sorting a shuffled copy must give the listed order (verified against Node 20 full-ICU `Intl.Collator('vi')`). */
function expectOrder(names: string[]) {
  const shuffled = [...names].reverse();
  const rotated = [...names.slice(1), names[0]];
  for (const input of [shuffled, rotated]) {
    expect([...input].sort(compareNamePart)).toEqual(names);
  }
}

describe('compareNamePart: letters and tones (RULES.md §5)', () => {
  it.each([
    ['base letter decides before tone: An < Anh', ['An', 'Anh']],
    ['tones on the same word: ngang < huyền < hỏi < ngã < sắc < nặng', ['Anh', 'Ành', 'Ảnh', 'Ãnh', 'Ánh', 'Ạnh']],
    ['so "Anh" < "Ánh" < ... and "Ảnh" comes BEFORE "Ánh" (hỏi < sắc)', ['Anh', 'Ảnh', 'Ánh']],
    ['a < ă < â are separate letters', ['Ạnh', 'Ăn', 'Ân']],
    ['d < đ: "Dũng" < "Đạt" < "Đức"', ['Dung', 'Dũng', 'Đạt', 'Đức']],
    ['e < ê', ['E', 'Em', 'Ê']],
    ['o < ô < ơ', ['On', 'Ôn', 'Ơn']],
    ['u < ư (Uyên before Ưng)', ['Ung', 'Uyên', 'Ưng']],
    ['i < y: Vi < Vy', ['Vi', 'Vy']],
    ['Giang < Hà < Hải < Hạnh', ['Giang', 'Hà', 'Hải', 'Hạnh']],
    ['Hoa < Hòa < Hỏa < Hóa', ['Hoa', 'Hòa', 'Hỏa', 'Hóa']],
    ['digraphs sort letter by letter (ch is c + h): Chi < Cúc; Nga < Ngân < Ngọc < Nhung', ['Chi', 'Cúc', 'Nga', 'Ngân', 'Ngọc', 'Nhung']],
    ['Thu < Thư < Thương < Thy', ['Thu', 'Thư', 'Thương', 'Thy']],
  ])('%s', (_label, names) => {
    expectOrder(names);
  });

  it.each([
    ['NFD input equals NFC input', 'Ánh'.normalize('NFD'), 'Ánh', 0],
    ['extra spaces are ignored', '  Thị   Minh ', 'Thị Minh', 0],
    ['old/new tone placement is the same spelling: Thuỷ = Thủy', 'Thuỷ', 'Thủy', 0],
    ['Hoà = Hòa', 'Hoà', 'Hòa', 0],
    ['Khoẻ = Khỏe', 'Khoẻ', 'Khỏe', 0],
    ['qu + y is not moved: Quý ≠ Qúy', 'Quý', 'Qúy', -1],
    ['a prefix word list comes first: "Thị" < "Thị Minh"', 'Thị', 'Thị Minh', -1],
    ['empty middle name first', '', 'Văn', -1],
    ['word by word: a tone in the first word outranks letters in the second', 'Thi Minh', 'Thị Anh', -1],
  ])('%s', (_label, a, b, expected) => {
    expect(compareNamePart(a, b)).toBe(expected);
    expect(compareNamePart(b, a)).toBe(-expected || 0);
  });
});

describe('compareStudentNames: key order given → middle → family → date of birth → id', () => {
  it.each([
    ['given name dominates family name', s('Bùi', 'Văn', 'An'), s('An', 'Văn', 'Bình'), -1],
    ['given name dominates middle name', s('Lê', 'Xuân', 'An'), s('Lê', 'An', 'Bình'), -1],
    ['then middle name', s('Trần', 'Minh', 'Anh'), s('Nguyễn', 'Ngọc', 'Anh'), -1],
    ['then family name', s('Lê', 'Thị', 'Hoa'), s('Nguyễn', 'Thị', 'Hoa'), -1],
    ['"Đức" after "Dũng" even with an earlier family name', s('An', 'Minh', 'Đức'), s('Vũ', 'Tiến', 'Dũng'), 1],
    ['same full name: older date of birth first', s('Nguyễn', 'Văn', 'An', '2012-03-04'), s('Nguyễn', 'Văn', 'An', '2012-11-30'), -1],
    ['same name and date: id breaks the tie', s('Nguyễn', 'Văn', 'An', '2012-03-04', 'b'), s('Nguyễn', 'Văn', 'An', '2012-03-04', 'a'), 1],
    ['numeric ids compare as numbers', s('Lê', '', 'Na', '2012-01-01', 9), s('Lê', '', 'Na', '2012-01-01', 10), -1],
    ['a record without id comes after one with id', s('Lê', '', 'Na'), s('Lê', '', 'Na', '2012-01-01', 'x'), 1],
    ['identical records are equal', s('Lê', '', 'Na'), s('Lê', '', 'Na'), 0],
  ])('%s', (_label, a, b, expected) => {
    expect(compareStudentNames(a, b)).toBe(expected);
    expect(compareStudentNames(b, a)).toBe(-expected || 0);
  });
});

describe('sortStudentsVietnamese', () => {
  const list = [
    s('Nguyễn', 'Thị Minh', 'Ánh', '2012-05-01', 1),
    s('Trần', 'Văn', 'Đức', '2012-02-02', 2),
    s('Lê', 'Ngọc', 'Anh', '2012-07-07', 3),
    s('Phạm', 'Tiến', 'Dũng', '2012-01-01', 4),
    s('Nguyễn', 'Thị Minh', 'Ánh', '2012-01-15', 5),
    s('Bùi', 'Gia', 'Ảnh', '2012-09-09', 6),
    s('Đỗ', 'Thu', 'Ạnh', '2012-09-09', 7),
    s('Võ', '', 'Ân', '2012-09-09', 8),
  ];

  it('orders a class list and leaves the input untouched', () => {
    const before = [...list];
    const sorted = sortStudentsVietnamese(list);
    expect(sorted.map((x) => x.id)).toEqual([3, 6, 5, 1, 7, 8, 4, 2]);
    expect(list).toEqual(before);
    expect(sorted).not.toBe(list);
  });

  it('is independent of input order', () => {
    const a = sortStudentsVietnamese(list).map((x) => x.id);
    const b = sortStudentsVietnamese([...list].reverse()).map((x) => x.id);
    expect(b).toEqual(a);
  });
});
