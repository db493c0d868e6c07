/**
 * A login name from a Vietnamese full name, the way schools usually hand them out:
 * "Nguyễn Thị Thu Hà" → "ha.ntt" (given name, then the initials of family and middle names),
 * ASCII only (đ → d), with a number appended when taken.
 */
export function stripVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function suggestUsername(fullName: string, taken: ReadonlySet<string>): string {
  const words = stripVietnamese(fullName).toLowerCase().replace(/[^a-z\s]/g, '').split(/\s+/).filter(Boolean);
  const given = words.at(-1) ?? 'user';
  const initials = words.slice(0, -1).map((w) => w[0]).join('');
  const base = initials ? `${given}.${initials}` : given;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
