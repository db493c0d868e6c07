import { describe, expect, it } from 'vitest';
import { createPrintCache } from './print-cache.ts';

describe('PrintCache.remember', () => {
  it('loads a key once, then answers from memory; buckets are separate and counted', async () => {
    const cache = createPrintCache();
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.remember('a', 'k', load)).toBe(1);
    expect(await cache.remember('a', 'k', load)).toBe(1);
    expect(await cache.remember('b', 'k', load)).toBe(2);
    expect(cache.loads).toEqual({ a: 1, b: 1 });
    expect(cache.hits).toEqual({ a: 1 });
  });

  it('shares one look-up between concurrent callers', async () => {
    const cache = createPrintCache();
    let calls = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5));
    expect(await Promise.all([cache.remember('a', 'k', load), cache.remember('a', 'k', load)])).toEqual([1, 1]);
    expect(calls).toBe(1);
  });

  it('does not remember a failed look-up', async () => {
    const cache = createPrintCache();
    await expect(cache.remember('a', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.remember('a', 'k', async () => 'ok')).toBe('ok');
    expect(cache.loads.a).toBe(2);
  });

  it('keeps at most 512 entries per bucket, the least recently used out first', async () => {
    const cache = createPrintCache();
    for (let i = 0; i < 512; i++) await cache.remember('a', `k${i}`, async () => i);
    await cache.remember('a', 'k0', async () => -1); // k0 used again: k1 is now the oldest
    await cache.remember('a', 'k512', async () => 512);
    expect(await cache.remember('a', 'k0', async () => -1)).toBe(0);
    expect(await cache.remember('a', 'k1', async () => -1)).toBe(-1);
  });
});
