/**
 * Job `print_documents`: prints one kind of document for one or more classes (a class, a grade or
 * the whole school), stores every document in the registry, then writes one zip with a file per
 * document and one merged PDF for the printer (joined page by page as documents are made, streamed
 * to a temporary file renamed at the end). Re-running after a crash gives the same result:
 * documents are stored by id (same inputs → same id) and the outputs are rewritten whole.
 */
import { randomUUID } from 'node:crypto';
import { type WriteStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Zip, ZipPassThrough } from 'fflate';
import { PdfMerger } from '../platform/pdf/engine/merge-pdfs.ts';
import { storeDocument } from '../platform/files/store-document.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { createPrintCache } from './print-cache.ts';
import type { JobContext } from '../platform/jobs/job-runner.ts';
import { PRINT_TARGETS, type PrintItem } from './print-targets.ts';

export interface PrintDocumentsParams {
  kind: string;
  classIds: string[];
  options: Record<string, string>;
  baseUrl: string;
  /** the name of the outputs, e.g. "so-theo-doi-6A1" */
  name: string;
  actorRole: string;
}

export interface PrintDocumentsResult {
  documents: { id: string; title: string; filename: string }[];
  /** items that could not be printed (e.g. a student with no confirmed transcript year), with why */
  skipped: { label: string; message: string }[];
  zipPath: string;
  mergedPath: string;
  pages: number;
}

export async function printDocuments(ctx: JobContext): Promise<PrintDocumentsResult> {
  const p = ctx.params as PrintDocumentsParams;
  const target = PRINT_TARGETS[p.kind];
  if (!target) throw invalid(`Không in được loại văn bản "${p.kind}".`, [{ field: 'kind', message: 'không hỗ trợ' }]);
  const items: PrintItem[] = [];
  for (const classId of p.classIds) items.push(...(await target.items(ctx.db, classId)));
  const total = items.length + 1;
  await ctx.progress(0, total);

  const outDir = join('jobs', ctx.job.id);
  const documents: PrintDocumentsResult['documents'] = [];
  const skipped: PrintDocumentsResult['skipped'] = [];
  // One memo per run: the class snapshots, teachers and school heading every student shares are read once.
  const cache = createPrintCache();
  const zipPath = join(outDir, `${p.name}.zip`);
  const mergedPath = join(outDir, `${p.name}.pdf`);
  const outputs = new PrintOutputs(join(ctx.dataDir, 'files', zipPath), join(ctx.dataDir, 'files', mergedPath));
  try {
    for (const [i, item] of items.entries()) {
      let doc: RenderedDocument;
      try {
        doc = await target.build(ctx.db, item, p.options, { baseUrl: p.baseUrl, cache });
      } catch (error) {
        // One student with nothing to print does not stop the class: listed in the result.
        if (!(error instanceof AppError) || error.code === 'VALIDATION') throw error;
        skipped.push({ label: item.label, message: error.message });
        await ctx.progress(i + 1, total);
        continue;
      }
      await storeDocument(ctx.db, doc, {
        schoolId: ctx.job.school_id,
        dataDir: ctx.dataDir,
        audit: { actorUserId: ctx.job.created_by, actorRole: p.actorRole, ip: '', userAgent: 'job', requestId: ctx.job.id, now: ctx.now().toISOString() },
      });
      documents.push({ id: doc.documentId, title: doc.title, filename: doc.filename });
      outputs.add(doc.filename, doc.pdf);
      await ctx.progress(i + 1, total);
    }
    if (!documents.length) throw invalid(`Không có văn bản nào in được: ${skipped[0]?.message ?? 'lớp chưa có học sinh'}`, [{ field: 'classIds', message: 'không có gì để in' }]);
    const pages = await outputs.finish({ title: p.name, author: 'Sổ Điểm Số', createdAt: ctx.now() });
    await ctx.progress(total, total);
    return { documents, skipped, zipPath, mergedPath, pages };
  } catch (error) {
    outputs.abort();
    throw error;
  }
}

/**
 * The job's two outputs, written as documents come (a whole school never sits in memory): a zip
 * of the PDFs as they are (stored, not recompressed) and the merged PDF; both go to temporary
 * files renamed into place at the end, so a crash leaves no half output under the final names.
 */
class PrintOutputs {
  private readonly zipTemp: string;
  private readonly mergedTemp: string;
  private readonly merger: PdfMerger;
  private readonly zip: Zip;
  private readonly zipOut: WriteStream;
  private readonly zipDone: Promise<void>;
  private readonly names = new Set<string>();

  constructor(
    private readonly zipPath: string,
    private readonly mergedPath: string,
  ) {
    mkdirSync(dirname(zipPath), { recursive: true });
    const tag = `${process.pid}.${randomUUID()}.tmp`;
    this.zipTemp = `${zipPath}.${tag}`;
    this.mergedTemp = `${mergedPath}.${tag}`;
    this.merger = new PdfMerger(this.mergedTemp);
    this.zipOut = createWriteStream(this.zipTemp);
    let fail: (error: Error) => void = () => {};
    this.zipDone = new Promise<void>((resolve, reject) => {
      fail = reject;
      this.zipOut.once('finish', resolve);
      this.zipOut.once('error', reject);
    });
    this.zipDone.catch(() => {}); // awaited in finish(); a failure before then is reported there
    this.zip = new Zip((error, chunk, final) => {
      if (error) return fail(error);
      this.zipOut.write(chunk);
      if (final) this.zipOut.end();
    });
  }

  /** A second file of the same name gets "-N" (N: its place in the job's list, from 1). */
  add(filename: string, pdf: Buffer): void {
    const index = this.merger.documentCount;
    const name = this.names.has(filename) ? filename.replace(/\.pdf$/, `-${index + 1}.pdf`) : filename;
    this.names.add(filename);
    const entry = new ZipPassThrough(name);
    entry.mtime = new Date('2000-01-01T00:00:00Z');
    this.zip.add(entry);
    entry.push(new Uint8Array(pdf), true);
    this.merger.add(pdf);
  }

  async finish(info: { title: string; author: string; createdAt: Date }): Promise<number> {
    this.zip.end();
    await this.zipDone;
    const pages = this.merger.finish(info);
    renameSync(this.zipTemp, this.zipPath);
    renameSync(this.mergedTemp, this.mergedPath);
    return pages;
  }

  abort(): void {
    this.merger.abort();
    this.zipOut.destroy();
    rmSync(this.zipTemp, { force: true });
    rmSync(this.mergedTemp, { force: true });
  }
}
