/** Dates as Vietnamese users write them: dd/mm/yyyy. The API speaks ISO (yyyy-mm-dd). */
import { formatDay, vietnamDay, vietnamLocalIso } from '../../domain/calendar/vietnam-time.ts';

/** "2026-09-05" → "05/09/2026"; anything else is returned as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO timestamp in Vietnam time (whatever the device's zone): "05/09/2026 07:30". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const local = vietnamLocalIso(d);
  return `${formatDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/**
 * "5/9/2026", "05/09/2026", "05-09-2026", "05.09.2026" or ISO → "2026-09-05"; null when the text is
 * not a real calendar date.
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today as ISO in local time. */
/** How far the server's clock is from this device's (set from /auth/me): the app has one clock, the server's. */
let serverOffsetMs = 0;
let anchoredAt: string | null = null;

/**
 * Anchors the app's clock on an answer's server time — once per answer: a cached answer seen
 * again later (a re-render) must not pull the clock back to when it was sent.
 */
export function followServerClock(serverNowIso: string): void {
  if (serverNowIso === anchoredAt) return;
  const at = Date.parse(serverNowIso);
  if (Number.isNaN(at)) return;
  anchoredAt = serverNowIso;
  serverOffsetMs = at - Date.now();
}

/** Now by the server's clock. */
export function serverNow(): Date {
  return new Date(Date.now() + serverOffsetMs);
}

/** Today (yyyy-mm-dd) in Vietnam by the server's clock. */
export function todayIso(): string {
  return vietnamDay(serverNow());
}
