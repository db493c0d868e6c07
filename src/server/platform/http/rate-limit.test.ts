import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limit.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 3, 0, 0) + seconds * 1000);

describe('TokenBuckets', () => {
  it('lets `perMinute` requests through at once, then says how long to wait for the next token', () => {
    const buckets = new TokenBuckets(30);
    for (let i = 0; i < 30; i++) expect(buckets.take('203.0.113.1', at(0))).toBe(0);
    expect(buckets.take('203.0.113.1', at(0))).toBe(2); // 30 a minute: one token every 2 s
    expect(buckets.take('203.0.113.1', at(1))).toBe(1);
    expect(buckets.take('203.0.113.1', at(2))).toBe(0);
    expect(buckets.take('203.0.113.1', at(2))).toBe(2);
  });

  it('keeps one bucket per key: another address is not slowed', () => {
    const buckets = new TokenBuckets(2);
    buckets.take('203.0.113.1', at(0));
    buckets.take('203.0.113.1', at(0));
    expect(buckets.take('203.0.113.1', at(0))).toBeGreaterThan(0);
    expect(buckets.take('198.51.100.7', at(0))).toBe(0);
  });

  it('refills to full and no further after a quiet spell', () => {
    const buckets = new TokenBuckets(3);
    for (let i = 0; i < 3; i++) buckets.take('a', at(0));
    for (let i = 0; i < 3; i++) expect(buckets.take('a', at(3600))).toBe(0);
    expect(buckets.take('a', at(3600))).toBeGreaterThan(0);
  });

  it('does not refill when the clock goes back', () => {
    const buckets = new TokenBuckets(1);
    buckets.take('a', at(60));
    expect(buckets.take('a', at(0))).toBeGreaterThan(0);
  });

  it('remembers at most maxKeys keys, forgetting the one seen least recently', () => {
    const buckets = new TokenBuckets(1, 3);
    for (const key of ['a', 'b', 'c']) buckets.take(key, at(0));
    expect(buckets.take('a', at(0))).toBeGreaterThan(0); // seen again: now the most recent
    for (let i = 0; i < 1000; i++) buckets.take(`x${i}`, at(0));
    expect(buckets.size).toBe(3);
    expect(buckets.take('b', at(0))).toBe(0); // forgotten: a fresh bucket
  });
});
