/** Runs the real `sodiem` CLI in a child process with the given configuration. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: { DATA_DIR: string; DATABASE_URL?: string }, input?: string): CliResult {
  const res = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), [join(process.cwd(), 'src', 'cli', 'main.ts'), ...args], {
    env: { ...process.env, DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL ?? '', SODIEM_DEMO: '0' },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
