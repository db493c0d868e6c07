/**
 * Vietnam's civil time (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving. Every rule that
 * turns an instant into a day ("today", a window's last day, a certificate's last valid day)
 * goes through here, so the day changes at midnight in Vietnam, not in UTC.
 */
export const VIETNAM_OFFSET_MS = 7 * 3600_000;

const toMs = (instant: Date | string) => (typeof instant === 'string' ? Date.parse(instant) : instant.getTime());

/** The day (yyyy-mm-dd) in Vietnam at an instant. */
export function vietnamDay(instant: Date | string): string {
  return new Date(toMs(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time in Vietnam at an instant, as an ISO-like string without a zone: "2026-12-07T18:30:00.000". */
export function vietnamLocalIso(instant: Date | string): string {
  return new Date(toMs(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 23);
}

/** The parts of the wall-clock time in Vietnam at an instant. */
export function vietnamParts(instant: Date | string): { year: number; month: number; day: number; hour: number; minute: number } {
  const t = new Date(toMs(instant) + VIETNAM_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

/** "20261207-1830": the Vietnam wall-clock time of an instant, for file names. */
export function vietnamStamp(instant: Date | string): string {
  const l = vietnamLocalIso(instant);
  return `${l.slice(0, 4)}${l.slice(5, 7)}${l.slice(8, 10)}-${l.slice(11, 13)}${l.slice(14, 16)}`;
}

/** dd/mm/yyyy of a yyyy-mm-dd day (the Ministry's way of writing dates). */
export function formatDay(day: string): string {
  return day.slice(0, 10).split('-').reverse().join('/');
}

/** dd/mm/yyyy of the day in Vietnam at an instant. */
export function formatVietnamDay(instant: Date | string): string {
  return formatDay(vietnamDay(instant));
}

/** "HH:MM ngày dd/mm/yyyy" in Vietnam at an instant. */
export function formatVietnamDateTime(instant: Date | string): string {
  const local = new Date(toMs(instant) + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(11, 16)} ngày ${formatDay(local.slice(0, 10))}`;
}

/** The instant of a wall-clock time in Vietnam (day yyyy-mm-dd, hour, minute). */
export function vietnamInstant(day: string, hour = 0, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hour, minute) - VIETNAM_OFFSET_MS);
}

/** Whole days from one yyyy-mm-dd day to another (negative when `to` is earlier); exact integers. */
export function daysBetween(from: string, to: string): number {
  const dayNo = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  return dayNo(to) - dayNo(from);
}

/** The day `n` days after (or before, n < 0) a yyyy-mm-dd day. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
