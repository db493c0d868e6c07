/**
 * The history parts of the archive: the edit log of the year per teacher and month (CSV for a
 * spreadsheet, JSON for programs) and the audit export — every event of the school's chains
 * with its hashes, so each chain can be recomputed from its first event offline.
 */
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import type { EditLogEntry } from '../../shared/edit-log.ts';
import { SCORE_EVENT_LABELS, columnLabel, labelOf, sourceLabel } from '../../shared/labels.ts';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { schoolChain } from '../platform/audit/audit-log.ts';
import { CHECKPOINT_DIR, readCheckpointFiles } from '../platform/audit/audit-checkpoints.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadEditLog } from '../audit/index.ts';
import { vnDateTime } from '../printing/index.ts';
import { type ArchivePackage, slug } from './archive-package.ts';
import type { YearScope } from './archive-documents.ts';

const PAGE = 1000;

/** "2026-11" in Vietnam time. */
function vnMonth(iso: string): string {
  return vietnamDay(iso).slice(0, 7);
}

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",;\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const CSV_HEADER = ['Thời điểm', 'Giáo viên', 'Lớp', 'Môn học', 'Học sinh', 'Cột điểm', 'Thao tác', 'Giá trị cũ', 'Giá trị mới', 'Nguồn', 'Lý do', 'Địa chỉ IP', 'Mã sự kiện'];

function csvLine(e: EditLogEntry): string {
  return [
    vnDateTime(e.at),
    e.teacherName,
    e.className,
    e.subjectName,
    e.studentName,
    columnLabel(e.columnKey, e.termNo),
    labelOf(SCORE_EVENT_LABELS, e.action),
    e.oldValue,
    e.newValue,
    sourceLabel(e.source, e.correctionNumber),
    e.reason,
    e.ip,
    e.eventId,
  ]
    .map(csvCell)
    .join(',');
}

/** Every score entry, change and clear of the year's grade books, grouped by teacher and month. */
export async function addEditLogs(db: Executor, pkg: ArchivePackage, scope: YearScope): Promise<number> {
  const entries: EditLogEntry[] = [];
  for (const c of scope.classes) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await loadEditLog(db, scope.schoolId, { classId: c.id, changesOnly: '0', order: 'asc', limit: PAGE, offset });
      entries.push(...page.entries);
      if (page.entries.length < PAGE) break;
    }
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : 1));
  const groups = new Map<string, { teacherName: string; teacherUserId: string | null; month: string; entries: EditLogEntry[] }>();
  for (const e of entries) {
    const month = vnMonth(e.at);
    const key = `${e.teacherUserId ?? 'he-thong'}|${month}`;
    const g = groups.get(key) ?? { teacherName: e.teacherName, teacherUserId: e.teacherUserId, month, entries: [] };
    g.entries.push(e);
    groups.set(key, g);
  }
  const summary = [];
  for (const g of groups.values()) {
    const folder = `nhat-ki-sua-diem/${slug(g.teacherName)}-${(g.teacherUserId ?? 'he-thong').slice(0, 8)}`;
    const description = `Nhật kí nhập, sửa điểm của ${g.teacherName}, tháng ${g.month.slice(5)}/${g.month.slice(0, 4)}`;
    const csv = `\ufeff${CSV_HEADER.join(',')}\r\n${g.entries.map((e) => `${csvLine(e)}\r\n`).join('')}`;
    const csvPath = pkg.add(`${folder}/${g.month}.csv`, csv, 'edit_log', description);
    const jsonPath = pkg.addJson(`${folder}/${g.month}.json`, { teacherUserId: g.teacherUserId, teacherName: g.teacherName, month: g.month, entries: g.entries }, 'edit_log', description);
    summary.push({
      teacherUserId: g.teacherUserId,
      teacherName: g.teacherName,
      month: g.month,
      events: g.entries.length,
      changes: g.entries.filter((e) => e.action !== 'score.entered').length,
      csv: csvPath,
      json: jsonPath,
    });
  }
  pkg.addJson('nhat-ki-sua-diem/tong-hop.json', summary, 'edit_log', 'Tổng hợp nhật kí sửa điểm theo giáo viên và tháng');
  return entries.length;
}

/**
 * The audit export: the school's own chain (set-up, people — whole, from its first event, since
 * it spans years) and the class and grade-book chains of the year's classes, one event per line.
 */
export async function addAuditExport(db: Executor, pkg: ArchivePackage, scope: YearScope): Promise<{ chains: number; events: number }> {
  const lines: string[] = [];
  const chains: { chainKey: string; events: number; firstSeq: number; lastSeq: number; lastHash: string }[] = [];
  const push = (rows: Row<'audit_events'>[]) => {
    const byChain = new Map<string, Row<'audit_events'>[]>();
    for (const r of rows) byChain.set(r.chain_key, [...(byChain.get(r.chain_key) ?? []), r]);
    for (const [chainKey, list] of [...byChain].sort(([a], [b]) => (a < b ? -1 : 1))) {
      list.sort((a, b) => Number(a.seq) - Number(b.seq));
      for (const r of list) lines.push(JSON.stringify({ ...r, seq: Number(r.seq) }));
      const last = list[list.length - 1];
      chains.push({ chainKey, events: list.length, firstSeq: Number(list[0].seq), lastSeq: Number(last.seq), lastHash: last.hash });
    }
  };
  push(await db.selectFrom('audit_events').selectAll().where('chain_key', '=', schoolChain(scope.schoolId)).execute());
  for (const c of scope.classes) {
    push(
      await db
        .selectFrom('audit_events')
        .selectAll()
        .where((eb) => eb.or([eb('chain_key', '=', `class:${c.id}`), eb('chain_key', 'like', `gradebook:${c.id}:%`)]))
        .execute(),
    );
  }
  pkg.add('nhat-ki-he-thong/su-kien.jsonl', lines.map((l) => `${l}\n`).join(''), 'audit_export', 'Mọi sự kiện của các chuỗi nhật kí của trường và các lớp trong năm học, kèm mã băm');
  pkg.addJson(
    'nhat-ki-he-thong/cac-chuoi.json',
    {
      hashRule: 'hash = sha256(prev_hash ‖ JSON chuẩn hóa của sự kiện); xem docs/archive.md',
      chains,
    },
    'audit_export',
    'Danh sách chuỗi nhật kí: số sự kiện, sự kiện cuối và mã băm cuối',
  );
  addCheckpoints(pkg, scope.dataDir);
  return { chains: chains.length, events: lines.length };
}

/**
 * The signed checkpoints of the audit chains (platform/audit/audit-checkpoints.ts) and the public
 * keys that check them: with these, rewriting the archived events is found even with their
 * hashes recomputed.
 */
function addCheckpoints(pkg: ArchivePackage, dataDir: string): void {
  const dir = join(dataDir, CHECKPOINT_DIR);
  for (const [seq, file] of readCheckpointFiles(dataDir)) {
    pkg.addJson(`nhat-ki-he-thong/diem-neo/${String(seq).padStart(8, '0')}.json`, file, 'audit_export', `Điểm neo số ${seq} của các chuỗi nhật kí, đã ký`);
  }
  const keys = join(dir, 'keys');
  if (!existsSync(keys)) return;
  for (const name of readdirSync(keys).filter((n) => n.endsWith('.pem'))) {
    pkg.add(`nhat-ki-he-thong/diem-neo/khoa/${name}`, readFileSync(join(keys, name)), 'audit_export', 'Khóa công khai kiểm tra chữ ký điểm neo');
  }
}
