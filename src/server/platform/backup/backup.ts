/**
 * Backup and restore of the whole database and the files in DATA_DIR/files, portable between
 * SQLite and PostgreSQL: a gzip of JSON lines —
 *   {"format":"sodiem-backup","version":1,"migrations":[…],"createdAt":…,"source":"sqlite"}
 *   {"table":"schools","row":{…}}            one line per row, tables parents first
 *   {"file":"relative/path","base64":"…"}    one line per stored file
 *   {"end":true,"rows":N,"files":M,"sha256":"…"}   sha256 over every line above
 * The snapshot is read in one transaction, so it is consistent while the server runs.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { type DatabaseHandle, migrateToLatest } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { TABLES_IN_ORDER } from '../db/schema.ts';

const FORMAT = 'sodiem-backup';
const BATCH = 500;

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

export async function backupTo(database: DatabaseHandle, dataDir: string, file: string, now: Date): Promise<{ rows: number; files: number }> {
  const hash = createHash('sha256');
  let rows = 0;
  let files = 0;
  mkdirSync(dirname(file), { recursive: true });
  async function* lines(): AsyncGenerator<string> {
    const emit = (obj: unknown) => {
      const line = JSON.stringify(obj);
      hash.update(line).update('\n');
      return `${line}\n`;
    };
    yield emit({ format: FORMAT, version: 1, migrations: Object.keys(migrations), createdAt: now.toISOString(), source: database.dialect });
    const chunks: string[] = [];
    await database.db.transaction().execute(async (tx) => {
      if (database.dialect === 'postgres') await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(tx);
      for (const table of TABLES_IN_ORDER) {
        for (let offset = 0; ; offset += BATCH) {
          const batch = await tx.selectFrom(table).selectAll().orderBy(sql.raw('1')).limit(BATCH).offset(offset).execute();
          for (const row of batch) chunks.push(emit({ table, row }));
          rows += batch.length;
          if (batch.length < BATCH) break;
        }
      }
    });
    for (const c of chunks) yield c;
    const filesRoot = join(dataDir, 'files');
    for (const path of listFiles(filesRoot)) {
      files += 1;
      yield emit({ file: relative(filesRoot, path), base64: readFileSync(path).toString('base64') });
    }
    yield `${JSON.stringify({ end: true, rows, files, sha256: hash.digest('hex') })}\n`;
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return { rows, files };
}

export class RestoreError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export async function databaseIsEmpty(database: DatabaseHandle): Promise<boolean> {
  for (const table of TABLES_IN_ORDER) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(row.n) > 0) return false;
  }
  return true;
}

export async function restoreFrom(database: DatabaseHandle, dataDir: string, file: string): Promise<{ rows: number; files: number }> {
  if (!existsSync(file)) throw new RestoreError(`Không tìm thấy tệp sao lưu ${file}.`, 2);
  await migrateToLatest(database.db);
  if (!(await databaseIsEmpty(database))) {
    throw new RestoreError('Cơ sở dữ liệu đích không trống: chỉ phục hồi vào một cơ sở dữ liệu trống.', 2);
  }
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  const hash = createHash('sha256');
  let header: { format?: string; migrations?: string[] } | null = null;
  let end: { rows: number; files: number; sha256: string } | null = null;
  const rowsByTable = new Map<string, Record<string, unknown>[]>();
  const fileLines: { file: string; base64: string }[] = [];
  try {
    for await (const line of reader) {
      if (!line) continue;
      const obj = JSON.parse(line);
      if (obj.end) {
        end = obj;
        break;
      }
      hash.update(line).update('\n');
      if (!header) {
        header = obj;
        if (obj.format !== FORMAT) throw new RestoreError('Tệp này không phải bản sao lưu của Sổ Điểm Số.', 2);
        const unknown = (obj.migrations as string[]).filter((m) => !(m in migrations));
        if (unknown.length) throw new RestoreError(`Bản sao lưu từ phiên bản mới hơn (migration ${unknown.join(', ')}): hãy cập nhật phần mềm trước.`, 2);
        continue;
      }
      if (obj.table) {
        if (!TABLES_IN_ORDER.includes(obj.table)) throw new RestoreError(`Bảng lạ trong bản sao lưu: ${obj.table}`, 2);
        const list = rowsByTable.get(obj.table) ?? [];
        list.push(obj.row);
        rowsByTable.set(obj.table, list);
      } else if (obj.file) fileLines.push(obj);
    }
  } catch (e) {
    if (e instanceof RestoreError) throw e;
    throw new RestoreError(`Tệp sao lưu bị hỏng hoặc không đọc được: ${(e as Error).message}`, 2);
  }
  if (!end) throw new RestoreError('Tệp sao lưu bị cắt cụt (thiếu dòng kết thúc).', 2);
  if (end.sha256 !== hash.digest('hex')) throw new RestoreError('Tệp sao lưu đã bị sửa (mã SHA-256 không khớp).', 2);

  let rows = 0;
  await database.db.transaction().execute(async (tx) => {
    for (const table of TABLES_IN_ORDER) {
      const list = rowsByTable.get(table) ?? [];
      for (let i = 0; i < list.length; i += 100) {
        await tx.insertInto(table).values(list.slice(i, i + 100) as never).execute();
      }
      rows += list.length;
    }
  });
  const filesRoot = join(dataDir, 'files');
  for (const f of fileLines) {
    const target = join(filesRoot, f.file);
    if (!target.startsWith(filesRoot)) throw new RestoreError(`Đường dẫn tệp không hợp lệ: ${f.file}`, 2);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(f.base64, 'base64'));
  }
  return { rows, files: fileLines.length };
}
