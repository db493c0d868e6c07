/**
 * The year-end archive package on disk: files written one by one under the package directory,
 * each recorded with its size, SHA-256, record type and retention for manifest.json.
 */
import { sha256Hex } from '../platform/sha256.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { type RecordType, retentionFor } from './retention.ts';

export const MANIFEST_FORMAT = 'sodiem-year-archive';
export const MANIFEST_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.json.p7s';
export const CHECKSUMS_FILE = 'SHA256SUMS';
/** Files describing the package that manifest.json itself does not list. */
export const PACKAGE_META_FILES = [MANIFEST_FILE, SIGNATURE_FILE, CHECKSUMS_FILE];

export interface ManifestFile {
  /** Relative path with forward slashes, e.g. "tai-lieu/hoc-ba/9A1/hoc-ba-….pdf". */
  path: string;
  size: number;
  sha256: string;
  recordType: RecordType;
  retention: { years: number | null; label: string; legalBasis: string };
  description: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: number;
  generator: { name: string; version: string };
  school: { id: string; code: string; name: string };
  schoolYear: { id: string; name: string; startsOn: string; endsOn: string };
  createdAt: string;
  /** The detached CMS signature of this file, when the school's seal signed it. */
  signatureFile: string | null;
  /** Counts per record type, for people reading the manifest. */
  summary: Record<string, number>;
  files: ManifestFile[];
}


/** ASCII, lower-case, hyphenated: "Nguyễn Văn An" → "nguyen-van-an" (safe on FAT/ISO 9660 Joliet). */
export function slug(text: string, fallback = 'khong-ten'): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || fallback;
}

export class ArchivePackage {
  readonly files: ManifestFile[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Writes one file; a clashing path gets a numeric suffix. Returns the path used. */
  add(path: string, bytes: Buffer | string, recordType: RecordType, description = ''): string {
    const clean = normalize(path).split(sep).join('/');
    if (clean.startsWith('..') || clean.startsWith('/')) throw new Error(`Đường dẫn không hợp lệ trong gói lưu trữ: ${path}`);
    let finalPath = clean;
    for (let n = 2; this.seen.has(finalPath) || PACKAGE_META_FILES.includes(finalPath); n += 1) finalPath = clean.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
    this.seen.add(finalPath);
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const full = join(this.dir, ...finalPath.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, buffer);
    const rule = retentionFor(recordType);
    this.files.push({
      path: finalPath,
      size: buffer.length,
      sha256: sha256Hex(buffer),
      recordType,
      retention: { years: rule.years, label: rule.label, legalBasis: rule.legalBasis },
      description,
    });
    return finalPath;
  }

  addJson(path: string, value: unknown, recordType: RecordType, description = ''): string {
    return this.add(path, `${JSON.stringify(value, null, 2)}\n`, recordType, description);
  }
}

/** `sha256sum -c SHA256SUMS` lines for every listed file plus manifest.json itself. */
export function checksumsText(files: { path: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}
