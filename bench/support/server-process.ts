/**
 * The real server (src/server/main.ts, as `npm start` runs it) in a child process, so the load
 * generator and the server do not share one event loop. Optionally with --cpu-prof.
 */
import { benchClock } from './bench-clock.ts';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** Stops the server (SIGTERM: it closes the app and the database); returns the CPU profile path, if any. */
  stop(): Promise<string | null>;
}

/** `now`: where the server's business clock starts (SODIEM_NOW; default the benches' clock now, so both processes agree). */
export async function startServerProcess(options: { repoRoot: string; dataDir: string; databaseUrl?: string; cpuProfileDir?: string; now?: string }): Promise<ServerProcess> {
  const args = ['--import', 'tsx'];
  if (options.cpuProfileDir) {
    mkdirSync(options.cpuProfileDir, { recursive: true });
    args.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir);
  }
  args.push(join(options.repoRoot, 'src/server/main.ts'));
  const child = spawn(process.execPath, args, {
    cwd: options.repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
      SODIEM_DEMO: '0',
      // Production outside the demo needs its public address (printed links are not followed here).
      SODIEM_PUBLIC_URL: 'http://127.0.0.1',
      SODIEM_NOW: options.now ?? benchClock().toISOString(),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${out}\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /https?:\/\/[^\s]+:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    baseUrl,
    pid: child.pid!,
    child,
    stop: async () => {
      const before = options.cpuProfileDir ? new Set(readdirSync(options.cpuProfileDir)) : new Set<string>();
      child.kill('SIGTERM');
      await exited;
      if (stderr.trim()) console.log(`server stderr (last lines):\n${stderr.trim().split('\n').slice(-10).join('\n')}`);
      if (!options.cpuProfileDir) return null;
      const added = readdirSync(options.cpuProfileDir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
      return added.length ? join(options.cpuProfileDir, added[0]) : null;
    },
  };
}
