/**
 * Login throttling (issue 14 §4): slows a guesser down without letting anyone lock an account.
 *
 * Each check of a password or of a second-factor code first claims an attempt on its counters.
 * The claim counts as a failure until the check succeeds, and a success clears the counters it
 * was counted on. A counter lets its first failures through at once; after them each failure
 * makes the next attempt wait twice as long as the last (2 s, 4 s, 8 s … up to a cap). An attempt
 * before that instant is refused (429 with Retry-After) before anything is checked, with one
 * message whether the name exists or not. A counter forgets its failures after a quiet day.
 *
 * The counters:
 * - the name at the client's address (3 free, cap 15 min): one guesser at one address;
 * - the name from anywhere (10 free, cap 1 min): a softer brake on a guesser at many addresses,
 *   kept short so no stranger can keep the owner out for longer than a minute;
 * - a known device (5 free, cap 15 min): a browser that completed a login for the account holds
 *   a "known device" cookie (OWASP's device cookie: a random token, stored hashed in
 *   login_devices, known-devices.ts). Its attempts count on its own counter only, so strangers
 *   hammering the name, from anywhere or from the school's own address, never slow the owner
 *   at her own browser;
 * - the account's second factor (3 free, cap 1 h), or the known device's: TOTP and recovery
 *   codes; a guesser has to get the password right before each code.
 * Besides, 30 failed passwords in 15 minutes from one address stop that address's password
 * attempts (login_attempts, log-in.ts), except from a known device.
 *
 * The counters live in the database, so they hold across restarts and across servers sharing
 * one PostgreSQL. Of two claims on a counter at the same instant the second is refused, so
 * parallel requests cannot go around the wait.
 */
import { sql } from 'kysely';
import { type AuditEntry, schoolChain, systemChain } from '../platform/audit/audit-log.ts';
import type { Executor } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';

export interface ThrottlePolicy {
  /** Failures let through without a wait. */
  free: number;
  /** The longest wait, in seconds. */
  capSeconds: number;
}

export const THROTTLE_POLICIES = {
  nameAtAddress: { free: 3, capSeconds: 15 * 60 },
  name: { free: 10, capSeconds: 60 },
  device: { free: 5, capSeconds: 15 * 60 },
  secondFactor: { free: 3, capSeconds: 60 * 60 },
} as const satisfies Record<string, ThrottlePolicy>;

const FORGET_AFTER_MS = 24 * 3600_000;

export interface Counter {
  key: string;
  policy: ThrottlePolicy;
}

/** The counters a password attempt for `username` claims: its known device's alone, or the name's at the address and anywhere. */
export function passwordCounters(username: string, ip: string, deviceId: string | null): Counter[] {
  if (deviceId) return [{ key: `device:${deviceId}`, policy: THROTTLE_POLICIES.device }];
  return [
    { key: `name-at:${username}|${ip}`, policy: THROTTLE_POLICIES.nameAtAddress },
    { key: `name:${username}`, policy: THROTTLE_POLICIES.name },
  ];
}

/** The counter a second-factor attempt claims: the known device's, or the account's. */
export function secondFactorCounters(userId: string, deviceId: string | null): Counter[] {
  return [{ key: deviceId ? `second-factor-device:${deviceId}` : `second-factor:${userId}`, policy: THROTTLE_POLICIES.secondFactor }];
}

/** The wait after the n-th failure in a row, in seconds: none for the free ones, then 2, 4, 8 … up to the cap. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.capSeconds, 2 ** Math.min(30, failures - policy.free + 1));
}

export interface CounterRow {
  failures: number;
  retry_at: string | null;
  updated_at: string;
}

/** Refused (wait so long), or counted: the failures counted so far and when the next attempt may come, should this one fail. */
export type Claim = { ok: true; failures: number; retryAt: string | null } | { ok: false; retryAfterSeconds: number };

/** One counter's answer to an attempt at `now`: refused until its retry instant, else counted as one more failure. */
export function claimOn(row: CounterRow | undefined, now: Date, policy: ThrottlePolicy): Claim {
  const at = now.getTime();
  if (row?.retry_at && Date.parse(row.retry_at) > at) {
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(row.retry_at) - at) / 1000)) };
  }
  const before = row && at - Date.parse(row.updated_at) < FORGET_AFTER_MS ? row.failures : 0;
  const failures = before + 1;
  const delay = delayAfter(failures, policy);
  return { ok: true, failures, retryAt: delay ? new Date(at + delay * 1000).toISOString() : null };
}

/**
 * Claims an attempt on every counter, or none when one of them refuses it. The answer carries
 * the most failures counted and the latest retry instant the attempt sets, should it fail.
 */
export async function claimAttempt(db: Executor, counters: Counter[], now: Date): Promise<Claim> {
  const keys = counters.map((c) => c.key);
  const rows = new Map((await db.selectFrom('login_throttles').selectAll().where('key', 'in', keys).execute()).map((r) => [r.key, r]));
  const claims = counters.map((c) => ({ counter: c, row: rows.get(c.key), claim: claimOn(rows.get(c.key), now, c.policy) }));
  const refusals = claims.flatMap(({ claim }) => (claim.ok ? [] : [claim.retryAfterSeconds]));
  if (refusals.length) return { ok: false, retryAfterSeconds: Math.max(...refusals) };

  let failures = 0;
  let retryAt: string | null = null;
  for (const { counter, row, claim } of claims) {
    if (!claim.ok) continue;
    const values = { failures: claim.failures, retry_at: claim.retryAt, updated_at: now.toISOString() };
    const written = row
      ? (
          await db
            .updateTable('login_throttles')
            .set(values)
            .where('key', '=', counter.key)
            .where('failures', '=', row.failures)
            .where('updated_at', '=', row.updated_at)
            .executeTakeFirst()
        ).numUpdatedRows
      : (await db.insertInto('login_throttles').values({ key: counter.key, ...values }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst())
          .numInsertedOrUpdatedRows;
    // Another attempt claimed this counter between our read and our write: it goes first.
    if (!Number(written ?? 0)) return { ok: false, retryAfterSeconds: 1 };
    if (!row) await forgetQuietCounters(db, now);
    failures = Math.max(failures, claim.failures);
    if (claim.retryAt && (!retryAt || claim.retryAt > retryAt)) retryAt = claim.retryAt;
  }
  return { ok: true, failures, retryAt };
}

/** A success clears the counters its attempt was counted on. */
export async function clearCounters(db: Executor, counters: Counter[]): Promise<void> {
  await db.deleteFrom('login_throttles').where('key', 'in', counters.map((c) => c.key)).execute();
}

/**
 * An account's own counters (its name, at every address and anywhere, and its second factor)
 * start again: a password reset by the principal or the admin board releases the account.
 */
export async function releaseAccountCounters(db: Executor, username: string, userId: string): Promise<void> {
  const atAddresses = `name-at:${username}|`;
  await db
    .deleteFrom('login_throttles')
    .where((eb) =>
      eb.or([eb('key', 'in', [`name:${username}`, `second-factor:${userId}`]), eb(sql<string>`substr(${sql.ref('key')}, 1, ${atAddresses.length})`, '=', atAddresses)]),
    )
    .execute();
}

/** When each name's counter (from anywhere) lets its next attempt through, for the names it holds back or last held back. */
export async function nameRetryTimes(db: Executor, usernames: string[]): Promise<Map<string, string>> {
  if (!usernames.length) return new Map();
  const rows = await db
    .selectFrom('login_throttles')
    .select(['key', 'retry_at'])
    .where('key', 'in', usernames.map((u) => `name:${u}`))
    .where('retry_at', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.key.slice('name:'.length), r.retry_at as string]));
}

/** Counters quiet for a day start again from nothing anyway: their rows go (names that do not exist would pile up). */
async function forgetQuietCounters(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('login_throttles').where('updated_at', '<', new Date(now.getTime() - FORGET_AFTER_MS).toISOString()).execute();
}

/** "30 giây", "15 phút". */
function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

/** The refusal of a throttled password attempt: the same for every name, existing or not. */
export function passwordThrottled(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${waitText(retryAfterSeconds)}.`, { retryAfterSeconds });
}

/** The refusal of a throttled second-factor attempt (the half-open login stays: the user tries again after the wait). */
export function secondFactorThrottled(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', `Nhập sai mã xác thực quá nhiều lần. Vui lòng thử lại sau ${waitText(retryAfterSeconds)}.`, { retryAfterSeconds });
}

/** The audit entry of a wrong password on a claimed attempt (a login, or the password typed again in a session). */
export function passwordFailureEntry(user: { id: string; school_id: string | null }, claim: { failures: number; retryAt: string | null }): AuditEntry {
  return {
    chainKey: user.school_id ? schoolChain(user.school_id) : systemChain,
    schoolId: user.school_id,
    action: claim.retryAt ? 'login.locked' : 'login.failed',
    entityType: 'user',
    entityId: user.id,
    before: null,
    after: { failedLogins: claim.failures, lockedUntil: claim.retryAt },
    source: 'login',
  };
}
