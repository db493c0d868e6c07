/**
 * Splitting a Vietnamese full name ("Nguyễn Thị Minh Anh") into family name (họ), middle name
 * (tên đệm) and given name (tên), and joining the parts back.
 *
 * The rule is positional: the first word is the family name, the last word is the given name,
 * everything between is the middle name. A few compound family names are kept together (e.g.
 * "Tôn Nữ", "Âu Dương") when enough words are left for a given name. Splitting cannot be right
 * for every name (ethnic-minority names, unusual compound family names), so the parts are stored
 * separately and can be corrected by hand; the importer prefers separate Họ / Đệm / Tên columns
 * when a file has them.
 */

export interface FullNameParts {
  familyName: string;
  middleName: string;
  givenName: string;
}

export interface SplitFullNameOptions {
  /** Multi-word family names to keep together; default `DEFAULT_COMPOUND_FAMILY_NAMES`. */
  compoundFamilyNames?: readonly string[];
}

/** Compound family names that are unambiguous in practice (rare as "family + middle" pairs). */
export const DEFAULT_COMPOUND_FAMILY_NAMES: readonly string[] = [
  'Công Tằng Tôn Nữ',
  'Công Tôn Nữ',
  'Tôn Nữ',
  'Tôn Thất',
  'Âu Dương',
];

/** NFC, no leading/trailing space, one space between words. */
export function normalizeNameText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w.toLocaleLowerCase('vi') === b[i].toLocaleLowerCase('vi'));
}

export function splitFullName(fullName: string, options: SplitFullNameOptions = {}): FullNameParts {
  const text = normalizeNameText(fullName);
  if (text === '') return { familyName: '', middleName: '', givenName: '' };
  const words = text.split(' ');
  if (words.length === 1) return { familyName: '', middleName: '', givenName: words[0] };

  let familyWordCount = 1;
  const compounds = [...(options.compoundFamilyNames ?? DEFAULT_COMPOUND_FAMILY_NAMES)]
    .map((name) => normalizeNameText(name).split(' '))
    .sort((a, b) => b.length - a.length);
  for (const compound of compounds) {
    if (compound.length < words.length && sameWords(words.slice(0, compound.length), compound)) {
      familyWordCount = compound.length;
      break;
    }
  }

  return {
    familyName: words.slice(0, familyWordCount).join(' '),
    middleName: words.slice(familyWordCount, -1).join(' '),
    givenName: words[words.length - 1],
  };
}

/** "Nguyễn" + "Thị Minh" + "Anh" → "Nguyễn Thị Minh Anh"; empty parts are skipped. */
export function formatFullName(parts: FullNameParts): string {
  return [parts.familyName, parts.middleName, parts.givenName]
    .map(normalizeNameText)
    .filter((part) => part !== '')
    .join(' ');
}
