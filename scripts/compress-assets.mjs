/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each text asset of the built web app that
 * is worth compressing (issue 15 §10: a school's slow network), so the server sends them without
 * compressing on every request (@fastify/static `preCompressed`). Returns the bytes before and after.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.map', '.woff']);
const MIN_BYTES = 1024;

export function compressAssets(dir) {
  const totals = { files: 0, raw: 0, brotli: 0, gzip: 0 };
  for (const name of readdirSync(dir, { recursive: true })) {
    const file = join(dir, String(name));
    const ext = extname(file);
    if (!TEXT.has(ext) || !statSync(file).isFile()) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    totals.files++;
    totals.raw += raw.length;
    totals.brotli += br.length;
    totals.gzip += gz.length;
  }
  return totals;
}
