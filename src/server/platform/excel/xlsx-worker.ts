/**
 * Reading an uploaded .xlsx off the event loop (issue 14). `readXlsx` checks the file's signature
 * and its ZIP directory (xlsx-guard.ts), then hands it to a worker thread, which checks the
 * contents, loads the workbook with exceljs and runs the import's parser on it. The worker has a
 * heap limit and a time limit: a file that slips past the checks ends its worker, never the
 * server. At most XLSX_WORKERS files are read at once and XLSX_QUEUE wait their turn; more are
 * refused as busy. A worker that finished is kept for the next file for a while, then ended.
 *
 * A parser's module is its worker's entry point: named `<name>.worker.ts`, it declares
 * `xlsxWorker('<name>', import.meta.url)` and calls `serveXlsxWorker` at top level. Under tsx or
 * vitest the worker loads that file through tsx; once built (scripts/build.mjs) it loads
 * dist/workers/<name>.js.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { BROKEN_XLSX, XLSX_LIMITS, type XlsxLimits, checkXlsxContents, checkXlsxDirectory } from './xlsx-guard.ts';

/** Files read at once, each in its own worker (each may use up to XLSX_HEAP_MB). */
export const XLSX_WORKERS = 2;
/** Files waiting for a worker; one more is refused as busy. */
export const XLSX_QUEUE = 8;
/** A worker's JavaScript heap: the largest workbook the limits allow (400,000 cells and two whole validated columns) loads in 512 MB. */
export const XLSX_HEAP_MB = 768;
/** Reading one file: the largest workbook the limits allow takes ~15 s on a busy two-core machine. */
export const XLSX_TIME_LIMIT_MS = 60_000;
/** How long a finished worker waits for the next file. */
const IDLE_MS = 60_000;

export interface XlsxWorker<I, R> {
  readonly name: string;
  readonly entry: URL;
  /** Types only: what the parser takes and gives. */
  readonly _types?: [I, R];
}

const fromSource = import.meta.url.endsWith('.ts');

/** The worker whose entry point is `moduleUrl` (its own import.meta.url), a file named `<name>.worker.ts`. */
export function xlsxWorker<I, R>(name: string, moduleUrl: string): XlsxWorker<I, R> {
  if (!fromSource) return { name, entry: new URL(`../workers/${name}.js`, import.meta.url) };
  if (basename(fileURLToPath(moduleUrl)) !== `${name}.worker.ts`) throw new Error(`xlsxWorker('${name}') must be declared in ${name}.worker.ts (scripts/build.mjs bundles it by that name)`);
  return { name, entry: new URL(moduleUrl) };
}

export interface XlsxReadOptions {
  limits?: XlsxLimits;
  heapMb?: number;
  timeLimitMs?: number;
}

interface Task<I> {
  bytes: Uint8Array<ArrayBuffer>;
  input: I;
  limits: XlsxLimits;
}
type Outcome<R> = { result: R } | { fileError: string };

const UNREADABLE = 'Không đọc được nội dung tệp Excel: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.';
const BUSY = 'Máy chủ đang bận đọc các tệp Excel khác; vui lòng thử lại sau ít phút.';
const tooBig = (heapMb: number) => `Tệp Excel cần quá nhiều bộ nhớ để đọc (tối đa ${heapMb} MB): hãy xóa các trang tính, dòng và cột thừa rồi lưu lại.`;
const tooSlow = (ms: number) => `Đọc tệp Excel quá lâu (hơn ${Math.round(ms / 1000)} giây): hãy xóa các trang tính, dòng và cột thừa rồi lưu lại.`;

// ---------------------------------------------------------------------------------------------
// In the worker

/** Answers the parent's files with `parse`'s results; does nothing outside this worker. */
export function serveXlsxWorker<I, R>(worker: XlsxWorker<I, R>, parse: (workbook: ExcelJS.Workbook, input: I) => R): void {
  if (isMainThread || (workerData as { xlsxWorker?: string } | null)?.xlsxWorker !== worker.name) return;
  parentPort!.on('message', (task: Task<I>) => {
    void readInWorker(task, parse).then((outcome) => parentPort!.postMessage(outcome));
  });
}

async function readInWorker<I, R>(task: Task<I>, parse: (workbook: ExcelJS.Workbook, input: I) => R): Promise<Outcome<R>> {
  const problem = checkXlsxContents(task.bytes, task.limits);
  if (problem) return { fileError: problem };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { fileError: BROKEN_XLSX };
  }
  try {
    return { result: parse(workbook, task.input) };
  } catch {
    return { fileError: UNREADABLE };
  }
}

// ---------------------------------------------------------------------------------------------
// In the server

let running = 0;
const waiting: (() => void)[] = [];
/** Finished workers kept for the next file of their kind (at most XLSX_WORKERS, oldest first). */
const idle: { key: string; thread: Worker; timer: NodeJS.Timeout }[] = [];

async function takeTurn(): Promise<void> {
  if (running < XLSX_WORKERS) {
    running++;
    return;
  }
  if (waiting.length >= XLSX_QUEUE) throw new AppError('RATE_LIMITED', BUSY);
  await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing file hands its turn over
}

function endTurn(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function spawn(worker: XlsxWorker<unknown, unknown>, heapMb: number): Worker {
  // Worker threads do not inherit tsx's loader on Node 20: the entry registers it, then imports the module.
  const entry = fromSource
    ? new URL(`data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(worker.entry.href)});`)}`)
    : worker.entry;
  // No Node options of the server's own (a profiler, --input-type…): the worker needs none.
  const thread = new Worker(entry, { execArgv: [], workerData: { xlsxWorker: worker.name }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  // Errors are taken per file (below); one while idle only ends the worker.
  thread.on('error', () => {});
  thread.on('exit', () => removeIdle((kept) => kept.thread === thread));
  return thread;
}

/** Takes the last kept worker that `matches` out of the idle list. */
function removeIdle(matches: (kept: (typeof idle)[number]) => boolean): Worker | null {
  const at = idle.findLastIndex(matches);
  if (at < 0) return null;
  const [kept] = idle.splice(at, 1);
  clearTimeout(kept.timer);
  return kept.thread;
}

function keepIdle(key: string, thread: Worker): void {
  thread.unref();
  const timer = setTimeout(() => void thread.terminate(), IDLE_MS).unref();
  idle.push({ key, thread, timer });
  if (idle.length > XLSX_WORKERS) void removeIdle((kept) => kept === idle[0])?.terminate();
}

async function inWorker<I, R>(worker: XlsxWorker<I, R>, task: Task<I>, heapMb: number, timeLimitMs: number): Promise<Outcome<R>> {
  await takeTurn();
  try {
    const key = `${worker.name}:${heapMb}`;
    const kept = removeIdle((w) => w.key === key);
    kept?.ref();
    const thread = kept ?? spawn(worker, heapMb);
    let answered = false;
    const outcome = await new Promise<Outcome<R> | Error>((resolve) => {
      const settle = (value: Outcome<R> | Error) => {
        clearTimeout(timer);
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve(value);
      };
      const onMessage = (value: Outcome<R>) => {
        answered = true;
        settle(value);
      };
      const onError = (e: Error & { code?: string }) => settle(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { fileError: tooBig(heapMb) } : e);
      const onExit = (code: number) => settle(new Error(`the Excel worker stopped (exit code ${code})`));
      const timer = setTimeout(() => settle({ fileError: tooSlow(timeLimitMs) }), timeLimitMs);
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      thread.postMessage(task, [task.bytes.buffer]);
    });
    if (answered) keepIdle(key, thread);
    else void thread.terminate();
    if (outcome instanceof Error) throw outcome;
    return outcome;
  } finally {
    endTurn();
  }
}

function startsWith(buffer: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buffer[i] === b);
}

/**
 * Reads an uploaded workbook with `worker`'s parser; every problem with the file is one message
 * for `fileError` (this throws only when the server is busy, 429, or on a fault of its own).
 * `messages` are the import's own words for an empty file and for a file that is not a ZIP.
 */
export async function readXlsx<I, R>(
  worker: XlsxWorker<I, R>,
  buffer: Buffer,
  input: I,
  messages: { empty: string; notXlsx: string },
  fileError: (message: string) => R,
  options: XlsxReadOptions = {},
): Promise<R> {
  if (!buffer || buffer.length === 0) return fileError(messages.empty);
  // An OLE2 compound file: Excel 97–2003, or an .xlsx encrypted with a password.
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fileError(
      'Tệp có dạng Excel 97–2003 (.xls) hoặc đã đặt mật khẩu, chưa đọc được: hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng "Excel Workbook (.xlsx)".',
    );
  }
  if (!startsWith(buffer, [0x50, 0x4b])) return fileError(messages.notXlsx);
  const limits = options.limits ?? XLSX_LIMITS;
  const problem = checkXlsxDirectory(buffer, limits);
  if (problem) return fileError(problem);
  // The worker gets its own copy (the caller still stores and hashes the upload).
  const task: Task<I> = { bytes: new Uint8Array(buffer), input, limits };
  const outcome = await inWorker(worker, task, options.heapMb ?? XLSX_HEAP_MB, options.timeLimitMs ?? XLSX_TIME_LIMIT_MS);
  return 'result' in outcome ? outcome.result : fileError(outcome.fileError);
}
