/**
 * Per-client rate limits in memory (one process), for routes anyone can call (issue 14): a token
 * bucket per key holds up to `perMinute` tokens, refilled evenly over a minute; each request takes
 * one. Time is the app's clock (`request.now`). Memory is bounded by `maxKeys`: beyond it the key
 * seen least recently is forgotten (an attacker with that many addresses is not slowed by a
 * per-address limit anyway).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token for `key` at `now`: 0 when there was one, else the whole seconds until the next. */
  take(key: string, now: Date): number {
    const at = now.getTime();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + Math.max(0, at - bucket.at) * perMs) : this.perMinute;
    // Delete and set again: the Map's order is then the order keys were last seen.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at });
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    }
    this.buckets.set(key, { tokens: tokens - 1, at });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.buckets.size;
  }
}

/**
 * An onRequest hook taking a token per request by client address; when there is none it sets
 * Retry-After and answers with `refuse` (which throws a RATE_LIMITED AppError or sends a 429 page).
 */
export function limitByIp(buckets: TokenBuckets, refuse: (reply: FastifyReply, retryAfterSeconds: number) => FastifyReply) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = buckets.take(request.ip, request.now);
    if (wait === 0) return;
    reply.header('Retry-After', String(wait));
    return refuse(reply, wait);
  };
}
