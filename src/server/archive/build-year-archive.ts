/**
 * The year-end archive (P6, P9, Q3): one package per school year, as a directory and as a zip
 * of it, for a DVD or an external drive. manifest.json lists every file with its size, SHA-256,
 * record type and retention period; the school's seal signs manifest.json (manifest.json.p7s,
 * detached CMS), which makes the whole package tamper-evident offline. See docs/archive.md.
 */
import { vietnamStamp } from '../../domain/calendar/vietnam-time.ts';
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';
import { vnDateTime } from '../printing/index.ts';
import { signDetached } from '../platform/signing/cms.ts';
import type { Signer } from '../platform/signing/signer.ts';
import { addAuditExport, addEditLogs } from './archive-logs.ts';
import { addCorrections, addDocuments, addScoreImports, type YearScope } from './archive-documents.ts';
import { addDataExport } from './archive-data-export.ts';
import {
  ArchivePackage,
  CHECKSUMS_FILE,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_FORMAT_VERSION,
  type Manifest,
  SIGNATURE_FILE,
  checksumsText,
  slug,
} from './archive-package.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { readmeText } from './readme-text.ts';

export interface BuildYearArchiveOptions {
  schoolId: string;
  schoolYearId: string;
  dataDir: string;
  /** The package goes to outDir/<name>/ and outDir/<name>.zip. */
  outDir: string;
  now: Date;
  /** The school's seal: signs manifest.json (signing/cms.ts `signDetached`). */
  signer?: Signer;
  /** Or any function returning the DER of a detached CMS SignedData over the given bytes. */
  signManifest?: (manifest: Buffer) => Promise<Buffer>;
  onProgress?: (p: { step: string; done: number; total: number }) => void | Promise<void>;
  /** Package name; default luu-tru-<school code>-<year>-<yyyymmdd-HHmm>. */
  name?: string;
}

export interface YearArchiveResult {
  name: string;
  dir: string;
  zipFile: string;
  manifestSha256: string;
  files: number;
  bytes: number;
  signed: boolean;
  /** Problems met while copying stored files (missing or not matching their recorded hash). */
  warnings: string[];
  counts: { documents: number; editLogEvents: number; corrections: number; scoreImports: number; auditEvents: number; auditChains: number };
}

export class ArchiveError extends Error {}

export function generatorVersion(): string {
  // The nearest package.json above this module: src/server/archive in a checkout, dist/server once built.
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'sodiem') return pkg.version;
    } catch {
      /* not here: one level up */
    }
  }
  return 'unknown';
}


const STORED_EXTENSIONS = /\.(pdf|png|jpe?g|zip|xlsx|p7s)$/i;

/** Zips the package directory file by file (already-compressed files stored), yielding between files. */
export async function zipPackage(dir: string, name: string, paths: string[], zipFile: string, mtime: Date): Promise<void> {
  const part = `${zipFile}.part`;
  const out = createWriteStream(part);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let failed = null as Error | null; // set by the zip callback
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else out.write(Buffer.from(chunk));
    if (final || err) out.end();
  });
  for (const path of paths) {
    const entryName = `${name}/${path}`;
    const entry = STORED_EXTENSIONS.test(path) ? new ZipPassThrough(entryName) : new ZipDeflate(entryName, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(readFileSync(join(dir, ...path.split('/'))), true);
    await new Promise((r) => setImmediate(r));
  }
  zip.end();
  await done;
  if (failed) throw failed;
  renameSync(part, zipFile);
}

export async function buildYearArchive(db: Executor, o: BuildYearArchiveOptions): Promise<YearArchiveResult> {
  const school = await db.selectFrom('schools').selectAll().where('id', '=', o.schoolId).executeTakeFirst();
  const schoolYear = await db.selectFrom('school_years').selectAll().where('id', '=', o.schoolYearId).where('school_id', '=', o.schoolId).executeTakeFirst();
  if (!school) throw new ArchiveError(`Không tìm thấy trường ${o.schoolId}.`);
  if (!schoolYear) throw new ArchiveError(`Không tìm thấy năm học ${o.schoolYearId} của trường ${school.name}.`);
  const classes = await db.selectFrom('classes').selectAll().where('school_id', '=', o.schoolId).where('school_year_id', '=', schoolYear.id).orderBy('grade').orderBy('name').execute();
  const name = o.name ?? `luu-tru-${slug(school.code)}-${slug(schoolYear.name)}-${vietnamStamp(o.now)}`;
  const dir = join(o.outDir, name);
  const zipFile = join(o.outDir, `${name}.zip`);
  if (existsSync(dir) || existsSync(zipFile)) throw new ArchiveError(`Đã có gói lưu trữ ${name} tại ${o.outDir}.`);

  const scope: YearScope = { schoolId: o.schoolId, schoolYear, classes, dataDir: o.dataDir };
  const pkg = new ArchivePackage(dir);
  const warnings: string[] = [];
  const steps = ['documents', 'editLogs', 'corrections', 'scoreImports', 'audit', 'data', 'manifest', 'zip'];
  const progress = async (step: string) => o.onProgress?.({ step, done: steps.indexOf(step), total: steps.length });
  const signed = Boolean(o.signer || o.signManifest);
  try {
    pkg.add(
      'README.txt',
      readmeText({
        schoolName: school.name,
        schoolCode: school.code,
        schoolYearName: schoolYear.name,
        createdAtText: vnDateTime(o.now.toISOString()),
        packageName: name,
        signed,
        generatorVersion: generatorVersion(),
      }),
      'archive_manifest',
      'Hướng dẫn đọc và kiểm tra gói lưu trữ',
    );
    // On PostgreSQL everything is read from one snapshot (repeatable read), so the data export,
    // the edit logs and the audit export agree while others keep writing. SQLite has a single
    // connection that a transaction would hold (progress reports and requests would wait), so
    // there the parts are read one after the other; build the archive after the year is locked.
    const collect = async (tx: Executor) => {
      await progress('documents');
      const documentIds = await addDocuments(tx, pkg, scope, warnings);
      await progress('editLogs');
      const editLogEvents = await addEditLogs(tx, pkg, scope);
      await progress('corrections');
      const corrections = await addCorrections(tx, pkg, scope, warnings);
      await progress('scoreImports');
      const scoreImports = await addScoreImports(tx, pkg, scope, warnings);
      await progress('audit');
      const audit = await addAuditExport(tx, pkg, scope);
      await progress('data');
      await addDataExport(tx, pkg, scope, documentIds);
      return { documentIds, editLogEvents, corrections, scoreImports, audit };
    };
    const { documentIds, editLogEvents, corrections, scoreImports, audit } =
      db.isTransaction || !(db.getExecutor().adapter instanceof PostgresAdapter)
        ? await collect(db)
        : await (db as Kysely<Database>).transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(collect);

    await progress('manifest');
    const summary: Record<string, number> = {};
    for (const f of pkg.files) summary[f.recordType] = (summary[f.recordType] ?? 0) + 1;
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_FORMAT_VERSION,
      generator: { name: 'Sổ Điểm Số', version: generatorVersion() },
      school: { id: school.id, code: school.code, name: school.name },
      schoolYear: { id: schoolYear.id, name: schoolYear.name, startsOn: schoolYear.starts_on, endsOn: schoolYear.ends_on },
      createdAt: o.now.toISOString(),
      signatureFile: signed ? SIGNATURE_FILE : null,
      summary,
      files: [...pkg.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    writeFileSync(join(dir, MANIFEST_FILE), manifestBytes);
    const extra: string[] = [MANIFEST_FILE];
    if (signed) {
      const signature = o.signManifest ? await o.signManifest(manifestBytes) : await signDetached(manifestBytes, o.signer as Signer, { signingTime: o.now });
      writeFileSync(join(dir, SIGNATURE_FILE), signature);
      extra.push(SIGNATURE_FILE);
    }
    const manifestSha256 = sha256Hex(manifestBytes);
    writeFileSync(join(dir, CHECKSUMS_FILE), checksumsText([...manifest.files, { path: MANIFEST_FILE, sha256: manifestSha256 }]));
    extra.push(CHECKSUMS_FILE);

    await progress('zip');
    await zipPackage(dir, name, [...extra, ...manifest.files.map((f) => f.path)], zipFile, o.now);
    const bytes = pkg.files.reduce((n, f) => n + f.size, manifestBytes.length);
    return {
      name,
      dir,
      zipFile,
      manifestSha256,
      files: pkg.files.length,
      bytes,
      signed,
      warnings,
      counts: { documents: documentIds.length, editLogEvents, corrections, scoreImports, auditEvents: audit.events, auditChains: audit.chains },
    };
  } catch (e) {
    // A failed build leaves nothing half-made behind.
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${zipFile}.part`, { force: true });
    throw e;
  }
}
