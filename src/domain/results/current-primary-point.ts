/**
 * The primary assessment point running on a day (TT 27/2020 Điều 6: periodic assessment at
 * giữa HK I, cuối HK I, giữa HK II and cuối năm): in each term the mid-term point runs until
 * halfway from the term's first day to its end-of-term test (its end when no test date is set),
 * then the end-of-term point. Before the year, giữa HK I; after term II, cuối năm. Screens open
 * on it, and the demo is seeded up to it.
 */
import { addDays, daysBetween } from '../calendar/vietnam-time.ts';
import type { PrimaryPoint } from './primary-traits.ts';

export interface TermDates {
  termNo: number;
  startsOn: string;
  endsOn: string;
  endTestOn?: string | null;
}

/** The first day of the end-of-term point of a term: halfway from its start to its test. */
export function endOfTermPointStarts(term: TermDates): string {
  return addDays(term.startsOn, Math.ceil(daysBetween(term.startsOn, term.endTestOn || term.endsOn) / 2));
}

export function primaryPointOn(today: string, terms: readonly TermDates[]): PrimaryPoint {
  const t1 = terms.find((t) => t.termNo === 1);
  const t2 = terms.find((t) => t.termNo === 2);
  if (!t1 || !t2) return 'CN';
  if (today < t2.startsOn) return today < endOfTermPointStarts(t1) ? 'GK1' : 'CK1';
  return today < endOfTermPointStarts(t2) ? 'GK2' : 'CN';
}
