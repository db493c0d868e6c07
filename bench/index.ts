/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or only those whose name contains
 * the first argument). Each benchmark prints its own figures and ratios against a baseline
 * measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const mod = await import(pathToFileURL(join(here, file)).href);
  if (typeof mod.run === 'function') await mod.run();
}
