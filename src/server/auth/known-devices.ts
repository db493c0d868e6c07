/**
 * Known devices (OWASP "device cookies"): a browser that completes a login for an account gets a
 * long-lived cookie holding a random token; the server keeps sha256(user id ‖ token) per account
 * it logged in (login_devices). Presented again with that account's name, it puts the attempt
 * on the device's own throttle counter (login-throttle.ts). It proves nothing by itself: the
 * password and the second factor are still checked. One token per browser, known for every
 * account that logged in on it; forgotten after 180 days unused.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../platform/db/database.ts';
import { newToken } from '../platform/http/context.ts';
import { sha256Hex } from '../platform/sha256.ts';

export const DEVICE_COOKIE = 'sodiem_device';
const KEEP_DAYS = 180;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const deviceId = (userId: string, token: string) => sha256Hex(userId, ':', token);
const cutoff = (now: Date) => new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();

/** The browser's device token, when it sent a well-formed one. */
export function deviceTokenOf(request: FastifyRequest): string | null {
  const token = request.cookies[DEVICE_COOKIE];
  return token && TOKEN.test(token) ? token : null;
}

/** The id of the known device `token` is for this user, or null. */
export async function findKnownDevice(db: Executor, userId: string, token: string | null, now: Date): Promise<string | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('login_devices')
    .select('id')
    .where('id', '=', deviceId(userId, token))
    .where('last_used_at', '>', cutoff(now))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Records that this browser (its token, or a new one) completed a login for the user; the token to set in the cookie. */
export async function rememberDevice(db: Executor, userId: string, token: string | null, now: Date): Promise<string> {
  const value = token ?? newToken();
  const at = now.toISOString();
  await db
    .insertInto('login_devices')
    .values({ id: deviceId(userId, value), user_id: userId, created_at: at, last_used_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_used_at: at }))
    .execute();
  await db.deleteFrom('login_devices').where('user_id', '=', userId).where('last_used_at', '<=', cutoff(now)).execute();
  return value;
}

/** The cookie goes only to the login routes; `Secure` like the session cookie. */
export function setDeviceCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    path: '/api/v1/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure: secure || reply.request.protocol === 'https',
    maxAge: KEEP_DAYS * 86_400,
  });
}
