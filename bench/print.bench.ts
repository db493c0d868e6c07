/**
 * `npm run bench -- print`: how long our PDF route takes to build (issue 6) one class book of a
 * 45-student class for the whole year (buildClassBook: every query, the results, the PDF) and the
 * học bạ of 2,000 students with four confirmed years each (buildTranscript, one after the other;
 * and with worker threads across the cores) — next to Chromium printing an equivalent HTML page
 * to PDF in the same run: HTML made from the very document definitions our builders rendered,
 * a fresh page per document, `setContent` + `page.pdf({ format: 'A4' })`, the browser launched
 * once (its launch time reported, not counted). Our figures include loading the data from the
 * database; Chromium's start from ready-made HTML. The học bạ runs build the way the bulk print job
 * does: one PrintCache for the run (sequential loop, Chromium sample; one per worker thread) passed
 * in the context, so each class's snapshots and teachers are read once; the first document, built
 * alone like a single-document route, has none.
 *
 * Environment: BENCH_PRINT_STUDENTS (2000), BENCH_PRINT_REPS (7, class-book builds and prints),
 * BENCH_CHROMIUM_TRANSCRIPTS (100: học bạ printed by Chromium, spread over the cohort; 0 = all),
 * BENCH_PRINT_WORKERS (the number of cores; 0 = no parallel run), BENCH_DIALECTS (sqlite; add
 * postgres, the default when TEST_DATABASE_URL is set), BENCH_DATABASE_URL (PostgreSQL server),
 * BENCH_PROFILE=1 (a CPU profile of the sequential học bạ builds and the class-book builds).
 */
import { benchClock } from './support/bench-clock.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PdfDocument as TDocumentDefinitions } from '../src/server/platform/pdf/engine/nodes.ts';
import { migrateToLatest } from '../src/server/platform/db/database.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { renderPdf } from '../src/server/platform/pdf/render-pdf.ts';
import { buildClassBook } from '../src/server/printing/class-print-class-book.ts';
import { buildTranscript } from '../src/server/transcripts/build-transcript.ts';
import { createPrintCache } from '../src/server/printing/print-cache.ts';
import { type Dialect, createScratchDatabase } from './support/scratch-database.ts';
import { prepareBenchClass } from './support/print-class-data.ts';
import { prepareBenchCohort } from './support/print-transcript-data.ts';
import { capture } from './support/print-capture.ts';
import { chromiumAvailable, descendantsCpuMs, launchChromium } from './support/print-chromium.ts';
import { definitionToHtml } from './support/print-html.ts';
import { profileWhile } from './support/print-profile.ts';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const STUDENTS = env('BENCH_PRINT_STUDENTS', 2000);
const REPS = env('BENCH_PRINT_REPS', 7);
const CHROMIUM_TRANSCRIPTS = env('BENCH_CHROMIUM_TRANSCRIPTS', 100);
const WORKERS = env('BENCH_PRINT_WORKERS', availableParallelism());
const PARALLEL_STUDENTS = env('BENCH_PRINT_PARALLEL_STUDENTS', 0);
const DIALECTS = (process.env.BENCH_DIALECTS ?? (process.env.TEST_DATABASE_URL ? 'sqlite,postgres' : 'sqlite')).split(',').map((d) => d.trim()) as Dialect[];
const PG_ADMIN = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://sodiem:sodiem@127.0.0.1:5432/postgres';
const PROFILE = process.env.BENCH_PROFILE === '1';
const NOW = benchClock();
const BASE_URL = 'https://sodiem.example.edu.vn';
const OUT = join(process.cwd(), 'test-results', 'print-bench');
const TARGET_CLASS_BOOK_S = 0.5;
const TARGET_TRANSCRIPTS_S = 60;
const TARGET_RATIO = 5;

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((a.length * p) / 100))];
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

function pages(pdf: Buffer, name: string): number {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  try {
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '40', '-l', '4', file, join(OUT, name)]);
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))![1]);
  } catch {
    return NaN;
  }
}

/** Our PDF writer alone on an already made definition (what the builder spends outside the queries). */
async function renderOnly(def: TDocumentDefinitions): Promise<number> {
  const t = performance.now();
  await renderPdf(def, { title: 'bench', subject: 'bench', documentId: 'bench', createdAt: NOW });
  return performance.now() - t;
}

async function runParallel(db: { dataDir: string; url?: string }, ids: string[], workers: number) {
  const shares = Array.from({ length: workers }, (_, w) => ids.filter((_, i) => i % workers === w));
  // Worker threads do not inherit tsx's loader on Node 20: the entry registers it, then imports the worker.
  const entry = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(new URL('./support/print-worker.ts', import.meta.url).href)});`;
  const threads = shares.map((studentIds) => new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), { workerData: { ...db, baseUrl: BASE_URL, studentIds } }));
  const ready = threads.map((t) => new Promise<void>((resolve, reject) => (t.once('message', () => resolve()), t.once('error', reject))));
  await Promise.all(ready);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = threads.map((t) => new Promise<{ ms: number; bytes: number; count: number }>((resolve, reject) => (t.once('message', resolve), t.once('error', reject))));
  for (const t of threads) t.postMessage('go');
  const results = await Promise.all(done);
  return { wallMs: performance.now() - t0, cpuMs: cpuMs(process.cpuUsage(cpu0)), results };
}

async function runDialect(dialect: Dialect): Promise<void> {
  console.log(`\n--- ${dialect === 'sqlite' ? 'SQLite (temp DATA_DIR)' : 'PostgreSQL'} ---`);
  const scratch = await createScratchDatabase(dialect, PG_ADMIN, 'sodiem_bench_print');
  const handle = scratch.open();
  const { db } = handle;
  try {
    let t = performance.now();
    await migrateToLatest(db);
    const demo = await seedDemo(db, { now: NOW, scores: true });
    const cls = await prepareBenchClass(db, demo.classIds['9A1'], 45, NOW.toISOString());
    const cohort = await prepareBenchCohort(db, { schoolId: demo.schoolId, yearId: demo.yearId, count: STUDENTS, now: NOW.toISOString() });
    console.log(
      `set-up (not timed below): demo with scores; class ${cls.className}: ${cls.students} students, ${cls.subjects} subjects, ${fmt(cls.cells)} grade-book cells (both terms), KQRL of both terms; ` +
        `${fmt(cohort.studentIds.length)} grade-9 students in ${cohort.classesPerYear} classes × ${cohort.years} school years, ${fmt(cohort.records)} confirmed year records, ${fmt(cohort.classesPerYear * cohort.years * 3)} approved snapshots — ${fmt((performance.now() - t) / 1000, 1)} s`,
    );

    // ---------------------------------------------------------------- class book
    const book = () => buildClassBook(db, { classId: cls.classId, scope: 'year' }, { baseUrl: BASE_URL });
    const first = await capture(book);
    const bookDef = first.definitions.at(-1)!;
    const bookPages = pages(first.result.pdf, 'class-book-ours');
    const bookMs: number[] = [];
    const bookCpu0 = process.cpuUsage();
    const stopBookProfile = PROFILE ? await profileWhile('class-book') : null;
    for (let i = 0; i < REPS; i++) {
      const t0 = performance.now();
      await book();
      bookMs.push(performance.now() - t0);
    }
    if (stopBookProfile) await stopBookProfile();
    const bookCpuMs = cpuMs(process.cpuUsage(bookCpu0)) / REPS;
    const bookRender: number[] = [];
    for (let i = 0; i < 3; i++) bookRender.push(await renderOnly(bookDef));
    console.log(
      `class book (buildClassBook, scope year, ${bookPages} pages, ${fmt(first.result.pdf.length / 1024)} KiB): median ${fmt(median(bookMs))} ms, best ${fmt(Math.min(...bookMs))} ms over ${REPS} builds ` +
        `(${fmt(bookCpuMs)} ms CPU each; our writer alone on the same definition: ${fmt(median(bookRender))} ms) — target < ${TARGET_CLASS_BOOK_S * 1000} ms: ${median(bookMs) < TARGET_CLASS_BOOK_S * 1000 ? 'met' : 'NOT met'}; load ${load()}`,
    );

    // ---------------------------------------------------------------- học bạ, sequential
    const ids = cohort.studentIds;
    const sample = ids.filter((_, i) => CHROMIUM_TRANSCRIPTS <= 0 || i % Math.max(1, Math.floor(ids.length / CHROMIUM_TRANSCRIPTS)) === 0).slice(0, CHROMIUM_TRANSCRIPTS || ids.length);
    const firstHb = await capture(() => buildTranscript(db, { studentId: ids[0] }, { baseUrl: BASE_URL }));
    const hbPages = pages(firstHb.result.pdf, 'hoc-ba-ours');
    const hbMs: number[] = [];
    let hbBytes = 0;
    const stopHbProfile = PROFILE ? await profileWhile('hoc-ba') : null;
    const hbCtx = { baseUrl: BASE_URL, cache: createPrintCache() }; // one per run, as the print job
    const hbCpu0 = process.cpuUsage();
    t = performance.now();
    for (const studentId of ids) {
      const t0 = performance.now();
      hbBytes += (await buildTranscript(db, { studentId }, hbCtx)).pdf.length;
      hbMs.push(performance.now() - t0);
    }
    const hbWall = performance.now() - t;
    const hbCpu = cpuMs(process.cpuUsage(hbCpu0));
    if (stopHbProfile) await stopHbProfile();
    const hbMean = hbWall / ids.length;
    console.log(
      `học bạ (buildTranscript, ${hbPages} pages each, ${cohort.years} years), ${fmt(ids.length)} students one after the other: ${fmt(hbWall / 1000, 1)} s ` +
        `(${fmt(hbMean, 1)} ms each; p50 ${fmt(median(hbMs), 1)}, p95 ${fmt(pct(hbMs, 95), 1)}, max ${fmt(Math.max(...hbMs), 1)} ms; ${fmt(hbCpu / ids.length, 1)} ms CPU each; ${fmt(hbBytes / 1024 / 1024, 1)} MiB) — ` +
        `target < ${TARGET_TRANSCRIPTS_S} s for 2,000: ${ids.length >= 2000 ? (hbWall / 1000 < TARGET_TRANSCRIPTS_S ? 'met' : 'NOT met') : `${fmt((hbMean * 2000) / 1000, 1)} s at this rate`}; load ${load()}`,
    );
    const sampleDefs = (await capture(async () => { for (const studentId of sample) await buildTranscript(db, { studentId }, hbCtx); })).definitions;
    const hbRender: number[] = [];
    for (const def of sampleDefs.slice(0, 20)) hbRender.push(await renderOnly(def));
    console.log(`  of which our PDF writer alone (same definitions, ${hbRender.length} of them): ${fmt(median(hbRender), 1)} ms each; the rest is loading the records from the database`);

    // ---------------------------------------------------------------- học bạ, worker threads
    if (WORKERS > 0) {
      const parIds = PARALLEL_STUDENTS > 0 ? ids.slice(0, PARALLEL_STUDENTS) : ids;
      const par = await runParallel({ dataDir: scratch.dataDir, url: scratch.url }, parIds, WORKERS);
      const n = par.results.reduce((a, r) => a + r.count, 0);
      console.log(
        `học bạ, ${WORKERS} worker threads (each its own database handle) over the same ${fmt(n)} students: ${fmt(par.wallMs / 1000, 1)} s ` +
          `(${fmt(par.wallMs / n, 1)} ms per document; ${fmt(par.cpuMs / n, 1)} ms CPU each; ${fmt(hbMean / (par.wallMs / n), 2)}× the one-thread rate; ${fmt((par.wallMs / n) * 2, 1)} s per 2,000 at this rate) — on ${cpus().length} cores shared with other work; load ${load()}`,
      );
    }

    // ---------------------------------------------------------------- Chromium
    if (!chromiumAvailable()) {
      console.log('!!!!!!!! Chromium baseline SKIPPED: /usr/bin/chromium not found !!!!!!!!');
      return;
    }
    const chrome = await launchChromium();
    try {
      console.log(`Chromium ${chrome.version} launched in ${fmt(chrome.launchMs)} ms (reported, not counted per document)`);
      const bookHtml = definitionToHtml(bookDef);
      const warm = await chrome.print(bookHtml);
      const chromeBookPages = pages(warm.pdf, 'class-book-chromium');
      writeFileSync(join(OUT, 'class-book.html'), bookHtml.html);
      const chromeBook: number[] = [];
      let chromeCpu0 = descendantsCpuMs();
      let driverCpu0 = process.cpuUsage();
      for (let i = 0; i < REPS; i++) chromeBook.push((await chrome.print(bookHtml)).ms);
      const chromeBookCpu = (descendantsCpuMs() - chromeCpu0) / REPS;
      const driverBookCpu = cpuMs(process.cpuUsage(driverCpu0)) / REPS;
      const ratioBook = median(chromeBook) / median(bookMs);
      console.log(
        `class book, Chromium from HTML (${fmt(bookHtml.html.length / 1024)} KiB of HTML, ${chromeBookPages} pages, ${fmt(warm.pdf.length / 1024)} KiB): median ${fmt(median(chromeBook))} ms, best ${fmt(Math.min(...chromeBook))} ms over ${REPS} — ` +
          `ours is ${fmt(ratioBook, 2)}× faster (target ≥ ${TARGET_RATIO}×: ${ratioBook >= TARGET_RATIO ? 'met' : 'NOT met'}); load ${load()}`,
      );
      console.log(`  CPU per class book: Chromium processes ${fmt(chromeBookCpu)} ms (+ ${fmt(driverBookCpu)} ms in the playwright driver) vs ours ${fmt(bookCpuMs)} ms → ${fmt(chromeBookCpu / bookCpuMs, 2)}× (CPU ratio, robust to the machine's load)`);
      const hbHtml = sampleDefs.map(definitionToHtml);
      const chromeHb: number[] = [];
      const warmHb = await chrome.print(hbHtml[0]);
      const chromeHbPages = pages(warmHb.pdf, 'hoc-ba-chromium');
      chromeCpu0 = descendantsCpuMs();
      driverCpu0 = process.cpuUsage();
      const tc = performance.now();
      for (const doc of hbHtml) chromeHb.push((await chrome.print(doc)).ms);
      const chromeMean = (performance.now() - tc) / hbHtml.length;
      const chromeHbCpu = (descendantsCpuMs() - chromeCpu0) / hbHtml.length;
      const driverHbCpu = cpuMs(process.cpuUsage(driverCpu0)) / hbHtml.length;
      const ratioHb = chromeMean / hbMean;
      console.log(
        `học bạ, Chromium from HTML, ${hbHtml.length} documents (${chromeHbPages} pages each): ${fmt(chromeMean, 1)} ms each (p50 ${fmt(median(chromeHb), 1)}, p95 ${fmt(pct(chromeHb, 95), 1)} ms) → ` +
          `${fmt((chromeMean * ids.length) / 1000, 1)} s for ${fmt(ids.length)} at that rate — ours is ${fmt(ratioHb, 2)}× faster (target ≥ ${TARGET_RATIO}×: ${ratioHb >= TARGET_RATIO ? 'met' : 'NOT met'}); load ${load()}`,
      );
      console.log(`  CPU per học bạ: Chromium processes ${fmt(chromeHbCpu, 1)} ms (+ ${fmt(driverHbCpu, 1)} ms in the playwright driver) vs ours ${fmt(hbCpu / ids.length, 1)} ms → ${fmt(chromeHbCpu / (hbCpu / ids.length), 2)}×`);
      console.log(
        `ratios (Chromium ÷ ours, same run): wall time — class book ${fmt(ratioBook, 2)}×, học bạ ${fmt(ratioHb, 2)}×; CPU time — class book ${fmt(chromeBookCpu / bookCpuMs, 2)}×, học bạ ${fmt(chromeHbCpu / (hbCpu / ids.length), 2)}× (target ≥ ${TARGET_RATIO}×)`,
      );
    } finally {
      await chrome.close();
    }
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${scratch.url ?? scratch.dataDir}`);
    else await scratch.drop();
  }
}

function gitState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/server/platform/pdf', 'src/server/printing', 'src/server/transcripts', 'src/server/results', 'src/server/school'], { encoding: 'utf8' }).trimEnd();
    return dirty ? `${head} + uncommitted: ${dirty.split('\n').map((l) => l.slice(3)).join(', ')}` : `${head} (printing code clean)`;
  } catch {
    return 'unknown';
  }
}

export async function run(): Promise<void> {
  console.log(`code: ${gitState()}`);
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, load average ${load()} (the machine is shared: other work slows every figure); PDFs and page images in ${OUT}`);
  for (const dialect of DIALECTS) await runDialect(dialect);
}
