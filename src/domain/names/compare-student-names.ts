/**
 * Vietnamese alphabetical order of class lists (xếp danh sách theo ABC), RULES.md §5:
 * given name (tên), then middle name (tên đệm), then family name (họ), each compared with the
 * CLDR Vietnamese collation (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; tones are a secondary
 * difference: ngang < huyền < hỏi < ngã < sắc < nặng), then date of birth, then an optional id
 * so equal names sort stably.
 *
 * Name parts are compared separately (never as one joined string), otherwise a tone difference in
 * the given name would be outranked by a letter difference in the middle name. Input is compared
 * in NFC, and old/new tone placement ("Thuỷ" / "Thủy") counts as the same spelling.
 */

export interface StudentNameKey {
  familyName: string;
  middleName: string;
  givenName: string;
  /** ISO date yyyy-mm-dd. */
  dateOfBirth: string;
  id?: string | number;
}

const collator = new Intl.Collator('vi', { usage: 'sort', sensitivity: 'variant' });

/**
 * Old-style tone placement on an open syllable ending in oa / oe / uy ("Hoà", "Khoẻ", "Thuỷ")
 * versus new style ("Hòa", "Khỏe", "Thủy"): both spellings occur in the same school's data, and
 * the collation would otherwise put "Thuỷ" before "Thùy". Works on NFD text: the vowel pair, then
 * a tone mark, at the end of the word; not after q ("Quý" is qu + ý).
 */
const OLD_STYLE_TONE = /(^|[^qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])$/;

/** One comparison form per word: NFC, spaces collapsed, tone placement unified. */
function normalizeNameWord(word: string): string {
  return word.normalize('NFD').replace(OLD_STYLE_TONE, '$1$2$4$3').normalize('NFC');
}

function words(part: string): string[] {
  const trimmed = part.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/).map(normalizeNameWord);
}

/**
 * Compares two name parts with the Vietnamese collation, word by word from left to right (a
 * middle name "Thị Minh" is two words); when one is a prefix of the other, the shorter comes first.
 */
export function compareNamePart(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  const n = Math.min(wa.length, wb.length);
  for (let i = 0; i < n; i++) {
    const c = collator.compare(wa[i], wb[i]);
    if (c !== 0) return Math.sign(c);
  }
  return Math.sign(wa.length - wb.length);
}

function compareIds(a: string | number | undefined, b: string | number | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Comparator for `Array.prototype.sort`: negative when `a` comes first. */
export function compareStudentNames(a: StudentNameKey, b: StudentNameKey): number {
  return (
    compareNamePart(a.givenName, b.givenName) ||
    compareNamePart(a.middleName, b.middleName) ||
    compareNamePart(a.familyName, b.familyName) ||
    (a.dateOfBirth < b.dateOfBirth ? -1 : a.dateOfBirth > b.dateOfBirth ? 1 : 0) ||
    compareIds(a.id, b.id)
  );
}

/** Returns a new array in Vietnamese class-list order; the input is not changed. */
export function sortStudentsVietnamese<T extends StudentNameKey>(list: readonly T[]): T[] {
  return [...list].sort(compareStudentNames);
}
