#!/usr/bin/env node
/**
 * `npm run build`, and `npm start` when needed: the web app (vite → dist/web) and the server and
 * CLI compiled to JavaScript (esbuild → dist/server/main.js, dist/cli/main.js; dependencies stay
 * in node_modules), so production runs plain `node`, not a TypeScript loader. Each worker thread's
 * entry point, a file of src/server named <name>.worker.ts, becomes dist/workers/<name>.js (where
 * platform/excel/xlsx-worker.ts looks for it). Each part is built only when missing or older than
 * its sources (or always with --force). One short line each.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfNeeded, newest } from './build-web-if-needed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
/** `--server-only`: leave dist/web alone (the tests build it once for the browser suites). */
const serverOnly = process.argv.includes('--server-only');

/** `workers/<name>` → the file of src/server named <name>.worker.ts */
function workerEntries() {
  const dir = join(root, 'src', 'server');
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.worker.ts'));
  return Object.fromEntries(files.map((f) => [`workers/${basename(f, '.worker.ts')}`, join(dir, f)]));
}

async function buildServerIfNeeded() {
  const workers = workerEntries();
  const outputs = [join(root, 'dist', 'server', 'main.js'), join(root, 'dist', 'cli', 'main.js'), ...Object.keys(workers).map((w) => join(root, 'dist', `${w}.js`))];
  const sources = newest([join(root, 'src', 'server'), join(root, 'src', 'cli'), join(root, 'src', 'domain'), join(root, 'src', 'shared'), join(root, 'package.json')]);
  const built = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : 0)));
  if (!force && built >= sources) {
    console.log('server: dist/server is up to date');
    return;
  }
  const { build } = await import('esbuild');
  const started = Date.now();
  await build({
    entryPoints: { 'server/main': join(root, 'src/server/main.ts'), 'cli/main': join(root, 'src/cli/main.ts'), ...workers },
    outdir: join(root, 'dist'),
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`server: built dist/server, dist/cli and dist/workers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  if (!serverOnly) await buildWebIfNeeded({ force });
  await buildServerIfNeeded();
} catch (e) {
  console.error(e);
  process.exit(1);
}
