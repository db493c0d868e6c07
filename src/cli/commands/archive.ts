/**
 * `sodiem archive verify DIR`: checks a year-end archive offline (contracts/cli.md): exit 0 when
 * intact; 1 and one line per missing, altered or extra file (and a bad signature or audit chain).
 *
 * `sodiem archive create --school <id|code> --year <id|name> --out DIR [--p12 FILE | --unsigned]`:
 * builds the package of a school year into DIR (a directory and a zip). manifest.json is signed
 * with --p12 (the password read from standard input), else with the school's seal configured
 * for the server (SODIEM_SEAL_*), unless --unsigned.
 */
import { formatDay, vietnamLocalIso } from '../../domain/calendar/vietnam-time.ts';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { type ArchiveProblem, ArchiveError, buildYearArchive, verifyYearArchive } from '../../server/archive/index.ts';
import type { Executor } from '../../server/platform/db/database.ts';
import { createSigner } from '../../server/platform/signing/create-signer.ts';
import { createPkcs12Signer } from '../../server/platform/signing/pkcs12-signer.ts';
import type { Signer } from '../../server/platform/signing/signer.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

const USAGE = [
  'Cách dùng:',
  '  sodiem archive verify DIR|TỆP.zip',
  '  sodiem archive create --school <id|mã trường> --year <id|tên năm học, ví dụ 2026-2027> --out DIR [--p12 TỆP.p12 | --unsigned]',
  '    (ký bản kê bằng --p12, mật khẩu đọc từ đầu vào chuẩn; không có --p12 thì dùng con dấu số đã cấu hình SODIEM_SEAL_*)',
  '',
].join('\n');

const LABELS: Record<ArchiveProblem['kind'], string> = {
  missing: 'THIẾU',
  altered: 'BỊ SỬA',
  extra: 'THỪA',
  manifest: 'LỖI',
  signature: 'CHỮ KÝ HỎNG',
  chain: 'CHUỖI HỎNG',
};

function vnTime(d: Date): string {
  const local = vietnamLocalIso(d);
  return `${local.slice(11, 16)} ${formatDay(local.slice(0, 10))}`;
}

/** A .zip of the package is unpacked to a temporary directory and checked there. */
function withPackageDir<T>(path: string, check: (dir: string) => T): T {
  const full = resolve(path);
  if (!full.toLowerCase().endsWith('.zip') || !existsSync(full) || !statSync(full).isFile()) return check(full);
  const temp = mkdtempSync(join(tmpdir(), 'sodiem-archive-verify-'));
  try {
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(full)))) {
      if (name.endsWith('/')) continue;
      const target = resolve(temp, name);
      if (!target.startsWith(`${temp}/`)) throw new ArchiveError(`Đường dẫn không hợp lệ trong tệp zip: ${name}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const top = readdirSync(temp);
    return check(top.length === 1 && statSync(join(temp, top[0])).isDirectory() ? join(temp, top[0]) : temp);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

export function archiveVerify(dir: string, io: CliIo): number {
  const v = withPackageDir(dir, verifyYearArchive);
  for (const p of v.problems) io.stdout(`${LABELS[p.kind]} ${p.path}: ${p.message}\n`);
  if (v.signature.present && v.signature.certificate) {
    const c = v.signature.certificate;
    io.stdout(
      `${v.signature.valid ? 'Chữ ký số hợp lệ' : 'Chữ ký số KHÔNG hợp lệ'} trên manifest.json, chứng thư: ${c.subject}; cấp bởi ${c.issuer}; số sê-ri ${c.serialNumber}; SHA-256 ${c.sha256}${v.signature.signingTime ? `; ký lúc ${vnTime(v.signature.signingTime)}` : ''}\n`,
    );
  } else if (!v.signature.present && v.manifest) io.stdout('Gói không có chữ ký số (manifest.json.p7s).\n');
  if (v.ok) {
    const m = v.manifest;
    io.stdout(`Gói lưu trữ nguyên vẹn: ${v.files} tệp khớp bản kê${m ? ` (${m.school.name}, năm học ${m.schoolYear.name})` : ''}; ${v.auditChains} chuỗi nhật kí tính lại đúng.\n`);
    return 0;
  }
  io.stdout(`Gói lưu trữ KHÔNG nguyên vẹn: ${v.problems.length} vấn đề.\n`);
  return 1;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function resolveScope(db: Executor, school: string, year: string) {
  const s = await db.selectFrom('schools').select(['id', 'name']).where((eb) => eb.or([eb('id', '=', school), eb('code', '=', school)])).executeTakeFirst();
  if (!s) throw new ArchiveError(`Không tìm thấy trường "${school}" (theo id hoặc mã trường).`);
  const years = await db.selectFrom('school_years').select(['id', 'name', 'start_year']).where('school_id', '=', s.id).execute();
  const y = years.find((r) => r.id === year || r.name === year || `${r.start_year}-${Number(r.start_year) + 1}` === year || String(r.start_year) === year);
  if (!y) throw new ArchiveError(`Trường ${s.name} không có năm học "${year}" (có: ${years.map((r) => r.name).join(', ') || 'chưa có năm học nào'}).`);
  return { schoolId: s.id, schoolYearId: y.id };
}

async function archiveCreate(args: string[], io: CliIo): Promise<number> {
  const school = option(args, '--school');
  const year = option(args, '--year');
  const out = option(args, '--out');
  const p12 = option(args, '--p12');
  if (!school || !year || !out) {
    io.stderr(USAGE);
    return 2;
  }
  const { env, database, clock } = await openConfiguredDatabase();
  let signer: Signer | undefined;
  try {
    const scope = await resolveScope(database.db, school, year);
    if (p12) {
      const password = (await io.readStdin()).replace(/\r?\n$/, '');
      signer = await createPkcs12Signer({ file: resolve(p12), password });
    } else if (env.signing.seal && !args.includes('--unsigned')) {
      // The school's seal as configured for the server (SODIEM_SEAL_*, docs/signing.md).
      signer = await createSigner(env.signing.seal);
    }
    const result = await buildYearArchive(database.db, {
      ...scope,
      dataDir: env.dataDir,
      outDir: resolve(out),
      now: clock(),
      signer,
      onProgress: (p) => io.stderr(`  [${p.done + 1}/${p.total}] ${p.step}\n`),
    });
    for (const w of result.warnings) io.stderr(`Cảnh báo: ${w}\n`);
    io.stdout(
      `Đã lập gói lưu trữ ${result.dir} và ${result.zipFile}: ${result.files} tệp, ${result.counts.documents} tài liệu, ${result.counts.editLogEvents} lượt nhập/sửa điểm, ${result.counts.corrections} giấy đề nghị, ${result.counts.auditEvents} sự kiện nhật kí${result.signed ? '; bản kê đã ký số' : '; chưa ký số'}.\nSHA-256 của manifest.json: ${result.manifestSha256}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ArchiveError || (e as Error).name === 'SigningError') {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await signer?.close?.();
    await database.close();
  }
}

export async function archiveCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify' && rest[0]) return archiveVerify(rest[0], io);
  if (sub === 'create') return archiveCreate(rest, io);
  io.stderr(USAGE);
  return 2;
}
