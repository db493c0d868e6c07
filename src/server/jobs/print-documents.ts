/**
 * Job `print_documents`: prints one kind of document for one or more classes (a class, a grade or
 * the whole school), stores every document in the registry, then writes one zip with a file per
 * document and one merged PDF for the printer (joined page by page as documents are made, streamed
 * to a temporary file renamed at the end). Re-running after a crash gives the same result:
 * documents are stored by id (same inputs → same id) and the outputs are rewritten whole.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Zip, ZipPassThrough } from 'fflate';
import { PdfMerger } from '../pdf/engine/merge-pdfs.ts';
import { storeDocument, writeStoredFile } from '../documents/store-document.ts';
import type { RenderedDocument } from '../documents/rendered-document.ts';
import { AppError, invalid } from '../errors.ts';
import { createPrintCache } from '../transcripts/print-cache.ts';
import type { JobContext } from './job-runner.ts';
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
  const buffers: Buffer[] = [];
  // One memo per run: the class snapshots, teachers and school heading every student shares are read once.
  const cache = createPrintCache();
  const mergedPath = join(outDir, `${p.name}.pdf`);
  const mergedFull = join(ctx.dataDir, 'files', mergedPath);
  mkdirSync(dirname(mergedFull), { recursive: true });
  const mergedTemp = `${mergedFull}.${process.pid}.${randomUUID()}.tmp`;
  const merger = new PdfMerger(mergedTemp);
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
    buffers.push(doc.pdf);
    merger.add(doc.pdf);
    await ctx.progress(i + 1, total);
  }
  } catch (error) {
    merger.abort();
    rmSync(mergedTemp, { force: true });
    throw error;
  }

  const zipPath = join(outDir, `${p.name}.zip`);
  if (!documents.length) {
    merger.abort();
    rmSync(mergedTemp, { force: true });
  }
  if (!documents.length) throw invalid(`Không có văn bản nào in được: ${skipped[0]?.message ?? 'lớp chưa có học sinh'}`, [{ field: 'classIds', message: 'không có gì để in' }]);
  await writeZip(join(ctx.dataDir, 'files', zipPath), documents.map((d, i) => ({ name: uniqueName(d.filename, i, documents), bytes: buffers[i] })));
  const pages = merger.finish({ title: p.name, author: 'Sổ Điểm Số', createdAt: ctx.now() });
  renameSync(mergedTemp, mergedFull);
  await ctx.progress(total, total);
  return { documents, skipped, zipPath, mergedPath, pages };
}

function uniqueName(filename: string, index: number, all: { filename: string }[]): string {
  const clash = all.findIndex((d) => d.filename === filename) !== index;
  return clash ? filename.replace(/\.pdf$/, `-${index + 1}.pdf`) : filename;
}

/** A zip of stored (not recompressed) PDFs, streamed to disk. */
function writeZip(fullPath: string, files: { name: string; bytes: Buffer }[]): Promise<void> {
  mkdirSync(join(fullPath, '..'), { recursive: true });
  const out = createWriteStream(fullPath);
  return new Promise((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      out.write(chunk);
      if (final) out.end(resolve);
    });
    for (const f of files) {
      const entry = new ZipPassThrough(f.name);
      entry.mtime = new Date('2000-01-01T00:00:00Z');
      zip.add(entry);
      entry.push(new Uint8Array(f.bytes), true);
    }
    zip.end();
  });
}

export function readJobFile(dataDir: string, relative: string): Buffer {
  return readFileSync(join(dataDir, 'files', relative));
}
