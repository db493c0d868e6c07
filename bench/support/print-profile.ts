/**
 * BENCH_PROFILE=1 for the printing benchmark: a V8 CPU profile of this process while a part runs
 * (node:inspector, the same format as node --cpu-prof), written to test-results/print-bench/ and
 * summarised by component and top functions (bench/support/cpu-profile.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { summarizeProfile } from './cpu-profile.ts';

const OUT = join(process.cwd(), 'test-results', 'print-bench');

export async function profileWhile(name: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: object };
    session.disconnect();
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const s = summarizeProfile(file, { fromEndMs: Number.MAX_SAFE_INTEGER / 2000, toEndMs: 0 });
    console.log(`  profile ${file}: ${s.busyMs.toFixed(0)} ms busy`);
    for (const c of s.components.slice(0, 10)) console.log(`    ${(100 * c.share).toFixed(1).padStart(5)} %  ${c.name}`);
    console.log('    top functions (self time):');
    for (const f of s.functions.slice(0, 12)) console.log(`    ${(100 * f.share).toFixed(1).padStart(5)} %  ${f.name}`);
  };
}
