#!/usr/bin/env node
/**
 * Builds the web app (src/web → dist/web) only when it is missing or older than any file under
 * src/web or src/shared (or vite.config.ts). Run by `npm start` before the server, and by the
 * browser tests. The assets get brotli and gzip copies (compress-assets.mjs). Prints one short
 * line. Exit code 1 when the build fails.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressAssets } from './compress-assets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'web', 'index.html');

/** The newest modification time (ms) of the files under these paths (also used by build.mjs). */
export function newest(paths) {
  let max = 0;
  const stack = [...paths];
  while (stack.length) {
    const p = stack.pop();
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) stack.push(join(p, name));
    } else if (st.mtimeMs > max) max = st.mtimeMs;
  }
  return max;
}

export async function buildWebIfNeeded({ force = false } = {}) {
  const sources = newest([join(root, 'src', 'web'), join(root, 'src', 'shared'), join(root, 'src', 'domain'), join(root, 'vite.config.ts')]);
  const built = existsSync(target) ? statSync(target).mtimeMs : 0;
  if (!force && built >= sources) {
    console.log('web: dist/web is up to date');
    return false;
  }
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'src', 'web'), logLevel: 'error' });
  const assets = join(root, 'dist', 'web', 'assets');
  const z = existsSync(assets) ? compressAssets(assets) : { raw: 0, brotli: 0, gzip: 0 };
  const kb = (n) => `${Math.round(n / 1024)} KB`;
  console.log(`web: built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s (assets ${kb(z.raw)}, brotli ${kb(z.brotli)}, gzip ${kb(z.gzip)})`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWebIfNeeded({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(`web: build failed: ${err?.message ?? err}`);
    process.exit(1);
  });
}
