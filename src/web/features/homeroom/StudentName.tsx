/**
 * A pupil's full name in a grid's name column, never cut off (issue 15 §4): on a desktop it wraps
 * inside the sticky column; on a phone the given name (tên) comes first in bold and the family and
 * middle names (họ, tên đệm) under it, so two "Nguyễn Minh …" rows never look alike. The text
 * stays "Họ tên đệm Tên" in order for screen readers, search and copy.
 */
import { splitFullName } from '../../../domain/names/split-full-name.ts';

export function StudentName({ fullName }: { fullName: string }) {
  const { familyName, middleName, givenName } = splitFullName(fullName);
  const rest = [familyName, middleName].filter(Boolean).join(' ');
  return (
    <span className="st-name" data-testid="student-name">
      {rest && <span className="st-rest">{rest} </span>}
      <span className="st-given">{givenName}</span>
    </span>
  );
}
