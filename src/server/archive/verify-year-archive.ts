/**
 * Offline check of a year-end archive package (contracts/cli.md `archive verify DIR`): every file
 * of manifest.json present with its size and SHA-256, no extra file, SHA256SUMS agreeing with the
 * manifest, the manifest's CMS signature (when manifest.json.p7s is there) and every audit chain
 * of the audit export recomputed from its events.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH, hashEvent } from '../platform/audit/audit-log.ts';
import type { Row } from '../platform/db/schema.ts';
import type { CertificateDescription } from '../platform/signing/signer.ts';
import { CHECKSUMS_FILE, MANIFEST_FILE, MANIFEST_FORMAT, type Manifest, SIGNATURE_FILE, checksumsText } from './archive-package.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { verifyDetachedSignature } from '../platform/signing/verify-detached-signature.ts';

export const AUDIT_EXPORT_FILE = 'nhat-ki-he-thong/su-kien.jsonl';

export type ArchiveProblem =
  | { kind: 'missing' | 'altered' | 'extra'; path: string; message: string }
  | { kind: 'manifest' | 'signature' | 'chain'; path: string; message: string };

export interface ArchiveVerification {
  ok: boolean;
  problems: ArchiveProblem[];
  files: number;
  manifest: Pick<Manifest, 'school' | 'schoolYear' | 'createdAt'> | null;
  signature: { present: false } | { present: true; valid: boolean; certificate: CertificateDescription | null; signingTime: Date | null };
  auditChains: number;
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, rel);
      else out.push(rel);
    }
  };
  walk(root, '');
  return out;
}

/** Recomputes each chain of the audit export; one problem per broken chain. */
export function verifyAuditExport(text: string): { chains: number; problems: string[] } {
  const byChain = new Map<string, Row<'audit_events'>[]>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as Row<'audit_events'>;
    byChain.set(e.chain_key, [...(byChain.get(e.chain_key) ?? []), e]);
  }
  const problems: string[] = [];
  for (const [chainKey, events] of byChain) {
    let prev = GENESIS_HASH;
    let expected = 1;
    for (const e of events) {
      const seq = Number(e.seq);
      const problem =
        seq !== expected
          ? `thiếu hoặc sai thứ tự: mong đợi sự kiện số ${expected}, gặp ${seq}`
          : e.prev_hash !== prev
            ? `sự kiện số ${seq}: prev_hash không khớp sự kiện trước`
            : hashEvent(e) !== e.hash
              ? `sự kiện số ${seq}: nội dung đã bị sửa (hash không khớp)`
              : null;
      if (problem) {
        problems.push(`chuỗi ${chainKey}: ${problem}`);
        break;
      }
      prev = e.hash;
      expected += 1;
    }
  }
  return { chains: byChain.size, problems };
}

export function verifyYearArchive(dir: string): ArchiveVerification {
  const problems: ArchiveProblem[] = [];
  const result = (manifest: Manifest | null, signature: ArchiveVerification['signature'], auditChains = 0): ArchiveVerification => ({
    ok: problems.length === 0,
    problems,
    files: manifest?.files.length ?? 0,
    manifest: manifest ? { school: manifest.school, schoolYear: manifest.schoolYear, createdAt: manifest.createdAt } : null,
    signature,
    auditChains,
  });
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push({ kind: 'manifest', path: dir, message: 'không có thư mục gói lưu trữ này' });
    return result(null, { present: false });
  }
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    problems.push({ kind: 'missing', path: MANIFEST_FILE, message: 'thiếu bản kê manifest.json: không kiểm tra được gói' });
    return result(null, { present: false });
  }
  const manifestBytes = readFileSync(manifestPath);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files)) throw new Error('không phải bản kê gói lưu trữ của Sổ Điểm Số');
  } catch (e) {
    problems.push({ kind: 'altered', path: MANIFEST_FILE, message: `bản kê không đọc được (${(e as Error).message})` });
    return result(null, { present: false });
  }

  // The signature first: a signed manifest vouches for every hash below.
  let signature: ArchiveVerification['signature'] = { present: false };
  const signaturePath = join(dir, SIGNATURE_FILE);
  if (existsSync(signaturePath)) {
    const check = verifyDetachedSignature(manifestBytes, readFileSync(signaturePath), 'manifest.json');
    signature = { present: true, valid: check.valid, certificate: check.certificate, signingTime: check.valid ? check.signingTime : null };
    if (!check.valid) problems.push({ kind: 'signature', path: SIGNATURE_FILE, message: check.problem });
  } else if (manifest.signatureFile) {
    problems.push({ kind: 'missing', path: SIGNATURE_FILE, message: 'bản kê ghi là đã ký nhưng thiếu tệp chữ ký' });
  }

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const present = new Set(listFiles(dir));
  for (const f of manifest.files) {
    if (!present.has(f.path)) {
      problems.push({ kind: 'missing', path: f.path, message: 'thiếu tệp' });
      continue;
    }
    const bytes = readFileSync(join(dir, ...f.path.split('/')));
    if (bytes.length !== f.size || sha256Hex(bytes) !== f.sha256) {
      problems.push({ kind: 'altered', path: f.path, message: `nội dung khác bản kê (SHA-256 ${sha256Hex(bytes).slice(0, 16)}…, bản kê ${f.sha256.slice(0, 16)}…)` });
    }
  }
  for (const path of present) {
    if (listed.has(path) || path === MANIFEST_FILE || path === SIGNATURE_FILE || path === CHECKSUMS_FILE) continue;
    problems.push({ kind: 'extra', path, message: 'tệp thừa, không có trong bản kê' });
  }
  if (!present.has(CHECKSUMS_FILE)) problems.push({ kind: 'missing', path: CHECKSUMS_FILE, message: 'thiếu tệp' });
  else {
    const expected = checksumsText([...manifest.files, { path: MANIFEST_FILE, sha256: sha256Hex(manifestBytes) }]);
    if (readFileSync(join(dir, CHECKSUMS_FILE), 'utf8') !== expected) problems.push({ kind: 'altered', path: CHECKSUMS_FILE, message: 'không khớp bản kê' });
  }

  let auditChains = 0;
  const auditEntry = listed.get(AUDIT_EXPORT_FILE);
  if (auditEntry && !problems.some((p) => p.path === AUDIT_EXPORT_FILE)) {
    const audit = verifyAuditExport(readFileSync(join(dir, ...AUDIT_EXPORT_FILE.split('/')), 'utf8'));
    auditChains = audit.chains;
    for (const message of audit.problems) problems.push({ kind: 'chain', path: AUDIT_EXPORT_FILE, message });
  }
  return result(manifest, signature, auditChains);
}
