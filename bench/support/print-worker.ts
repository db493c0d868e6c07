/**
 * A worker thread of the parallel học bạ variant: opens the same database (its own handle),
 * builds the học bạ of its share of the students one after the other, and reports the time and
 * bytes. Like the print job, the timed run shares one PrintCache (the warm-up document has none).
 * Started by print.bench.ts with the bench's own TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { buildTranscript } from '../../src/server/transcripts/build-transcript.ts';
import { createPrintCache } from '../../src/server/printing/print-cache.ts';

interface Input {
  dataDir: string;
  url?: string;
  baseUrl: string;
  studentIds: string[];
}

const input = workerData as Input;
const handle = openDatabase({ dataDir: input.dataDir, databaseUrl: input.url });
// One document first so the fonts and modules are loaded before the clock starts (like the sequential run's warm-up).
await buildTranscript(handle.db, { studentId: input.studentIds[0] }, { baseUrl: input.baseUrl });
parentPort!.postMessage({ ready: true });
await new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));
const ctx = { baseUrl: input.baseUrl, cache: createPrintCache() }; // one per run, as the print job
const t0 = performance.now();
let bytes = 0;
for (const studentId of input.studentIds) bytes += (await buildTranscript(handle.db, { studentId }, ctx)).pdf.length;
parentPort!.postMessage({ ms: performance.now() - t0, bytes, count: input.studentIds.length });
await handle.close();
