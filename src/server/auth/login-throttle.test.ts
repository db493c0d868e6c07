import { describe, expect, it } from 'vitest';
import { THROTTLE_POLICIES, claimOn, delayAfter, passwordCounters, secondFactorCounters } from './login-throttle.ts';

const now = new Date('2026-11-23T03:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('delayAfter: the free failures, then a wait that doubles up to the cap', () => {
  it.each([
    ['nameAtAddress', [0, 0, 2, 4, 8, 16], 900],
    ['name', [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 4], 60],
    ['device', [0, 0, 0, 0, 2, 4], 900],
    ['secondFactor', [0, 0, 2, 4, 8], 3600],
  ] as const)('%s: %j, never more than %i s', (name, waits, cap) => {
    const policy = THROTTLE_POLICIES[name];
    expect(waits.map((_, i) => delayAfter(i + 1, policy))).toEqual(waits);
    expect(delayAfter(60, policy)).toBe(cap);
    expect(delayAfter(10_000, policy)).toBe(cap);
  });
});

describe('claimOn: one counter at one attempt', () => {
  const policy = THROTTLE_POLICIES.secondFactor;
  it('a first attempt is counted as one failure, with no wait', () => {
    expect(claimOn(undefined, now, policy)).toEqual({ ok: true, failures: 1, retryAt: null });
  });
  it('the third failure in a row sets a wait of 2 s for the next attempt', () => {
    expect(claimOn({ failures: 2, retry_at: null, updated_at: ago(1000) }, now, policy)).toEqual({ ok: true, failures: 3, retryAt: later(2000) });
  });
  it('an attempt before the retry instant is refused, saying how many seconds are left (rounded up)', () => {
    expect(claimOn({ failures: 3, retry_at: later(1500), updated_at: ago(500) }, now, policy)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });
  it('after the wait the next attempt is counted, and its failure doubles the wait', () => {
    expect(claimOn({ failures: 3, retry_at: ago(1), updated_at: ago(2001) }, now, policy)).toEqual({ ok: true, failures: 4, retryAt: later(4000) });
  });
  it('a counter quiet for a day starts again from nothing', () => {
    expect(claimOn({ failures: 40, retry_at: ago(3600_000), updated_at: ago(24 * 3600_000) }, now, policy)).toEqual({ ok: true, failures: 1, retryAt: null });
  });
});

describe('the counters an attempt claims', () => {
  it('a password: the name at the address and the name anywhere; from a known device, that device only', () => {
    expect(passwordCounters('hieutruong', '203.0.113.5', null).map((c) => c.key)).toEqual(['name-at:hieutruong|203.0.113.5', 'name:hieutruong']);
    expect(passwordCounters('hieutruong', '203.0.113.5', 'abc').map((c) => c.key)).toEqual(['device:abc']);
  });
  it('a second factor: the account, or the known device', () => {
    expect(secondFactorCounters('u1', null).map((c) => c.key)).toEqual(['second-factor:u1']);
    expect(secondFactorCounters('u1', 'abc').map((c) => c.key)).toEqual(['second-factor-device:abc']);
  });
});
