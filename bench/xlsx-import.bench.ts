/**
 * `npm run bench -- xlsx`: the Excel imports under issue 14's limits, over HTTP against the real
 * server (the demo school on SQLite, in this process: the files are read in worker threads, so
 * the event loop measured here is the server's). Prints:
 * - a normal class score sheet (the export of 6A1's subject, filled in) through the import
 *   preview: the first file (a worker started) and the median of the next BENCH_ROUNDS;
 * - a whole school's student list (3,000 rows × 30 columns) read by the parser alone, three times
 *   (the worker's code warms up);
 * - each bomb: the time to refuse it, and the longest the event loop stalled meanwhile (with
 *   /api/health asked every 20 ms);
 * - a file within every limit that keeps a worker busy for seconds: the same.
 *
 * Environment: BENCH_ROUNDS (10). CI never runs benchmarks.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { SCORE_HEADER_ROW } from '../src/server/gradebook/score-excel/score-workbook.ts';
import { parseStudentWorkbook } from '../src/server/people/student-import/student-workbook.ts';
import { columnBomb, emptyCells, hugeSheet, lyingSheet, manyEntries, mergeBomb, tinySheet, validationBomb } from '../src/server/platform/excel/testing/xlsx-bombs.ts';
import { requestAs, startSecurityFixture } from '../test/helpers/security-fixture.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function form(buffer: Buffer): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(buffer)], { type: XLSX }), 'bang-diem.xlsx');
  return f;
}

/** A whole school's list: 3,000 rows of 30 text columns under one header row. */
async function schoolList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Học sinh');
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', ...Array.from({ length: 26 }, (_, i) => `Cột ${i + 1}`)]);
  for (let r = 0; r < 3000; r++) ws.addRow([r + 1, `Nguyễn Văn An ${r}`, '05/09/2014', r % 2 ? 'Nữ' : 'Nam', ...Array.from({ length: 26 }, (_, i) => `Giá trị ${r}-${i}`)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function run(): Promise<void> {
  const fx = await startSecurityFixture();
  try {
    const path = `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/terms/1`;
    /** One preview, timed, with /api/health asked every 20 ms and the event loop's longest stall. */
    const preview = async (file: Buffer) => {
      let done = false;
      const probe = (async () => {
        while (!done) {
          await fetch(`${fx.server.baseUrl}/api/health`);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const t = performance.now();
      const res = await requestAs(fx, 'subjectTeacher', 'POST', `${path}/import/preview`, { form: form(file) });
      const took = performance.now() - t;
      loop.disable();
      done = true;
      await probe;
      return { status: res.status, took, stall: loop.max / 1e6, message: String(res.body?.message ?? '') };
    };

    const exported = await requestAs(fx, 'subjectTeacher', 'GET', `${path}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Bảng điểm')!;
    for (let r = SCORE_HEADER_ROW + 1; r <= ws.rowCount; r++) ws.getRow(r).getCell(6).value = '8';
    const classSheet = Buffer.from(await wb.xlsx.writeBuffer());
    const first = await preview(classSheet);
    const next: number[] = [];
    for (let i = 0; i < ROUNDS; i++) next.push((await preview(classSheet)).took);
    console.log(`class score sheet (${ws.rowCount - SCORE_HEADER_ROW} pupils, ${(classSheet.length / 1024).toFixed(0)} KB) → ${first.status}: first ${ms(first.took)}, median of ${ROUNDS} ${ms(median(next))}`);

    const list = await schoolList();
    const times: number[] = [];
    let rows = '';
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const parsed = await parseStudentWorkbook(list);
      times.push(performance.now() - started);
      rows = parsed.ok ? `${parsed.rows.length} rows` : parsed.errors[0].message;
    }
    console.log(`school student list (3,000 × 30, ${(list.length / 1024).toFixed(0)} KB) parsed: ${times.map(ms).join(', ')} (${rows})`);

    const bombs: [string, () => Promise<Buffer>][] = [
      ['sheet of 500 MB', () => hugeSheet(500)],
      ['sheet of 40 MB packed 250×', () => hugeSheet(40)],
      ['sheet of 300 MB stated as 4 KB', () => lyingSheet(300)],
      ['5,000 parts', () => manyEntries(5000)],
      ['2,000,000 empty cells', () => emptyCells(20_000, 100)],
      ['merge over the grid', mergeBomb],
      ['validation over the grid', validationBomb],
      ['column range to 2e8', columnBomb],
      ['4,000 merges (within limits, slow)', () => tinySheet(`<mergeCells>${Array.from({ length: 4000 }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join('')}</mergeCells>`)],
    ];
    for (const [label, make] of bombs) {
      const file = await make();
      const r = await preview(file);
      console.log(`${label.padEnd(36)} ${(file.length / 1024).toFixed(0).padStart(5)} KB → ${r.status} in ${ms(r.took).padStart(9)}; event loop stalled ≤ ${(r.stall ? ms(r.stall) : '10 ms').padStart(8)}; ${r.message.slice(r.message.indexOf(':') + 2, r.message.indexOf(':') + 72)}`);
    }
  } finally {
    await fx.server.close();
  }
}
