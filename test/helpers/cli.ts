/**
 * Runs the real `sodiem` CLI in a child process with the given configuration, on the tests'
 * business clock (SODIEM_NOW: given, else TEST_NOW), never the wall clock (issue 12).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TEST_NOW } from './test-clock.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: { DATA_DIR: string; DATABASE_URL?: string; SODIEM_NOW?: string }, input?: string): CliResult {
  const res = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), [join(process.cwd(), 'src', 'cli', 'main.ts'), ...args], {
    env: { ...process.env, DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL ?? '', SODIEM_DEMO: '0', SODIEM_NOW: env.SODIEM_NOW ?? TEST_NOW },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
