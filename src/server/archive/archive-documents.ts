/**
 * The stored documents of a school year (class books, học bạ, report books, confirmation
 * sheets …), the correction requests with their evidence and the imported score workbooks,
 * copied into the archive package from DATA_DIR/files.
 */
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { type ArchivePackage, slug } from './archive-package.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { recordTypeOfDocumentKind } from './retention.ts';
import { CORRECTION_KIND_LABELS, labelOf } from '../../shared/labels.ts';

export interface YearScope {
  schoolId: string;
  schoolYear: Row<'school_years'>;
  classes: Row<'classes'>[];
  dataDir: string;
}

/** Problems found while building (a stored file missing or not matching its recorded hash). */
export type Warnings = string[];

const KIND_FOLDERS: Record<string, string> = {
  class_book: 'so-theo-doi-danh-gia',
  transcript: 'hoc-ba',
  report_book: 'so-lien-lac',
  confirmation_sheet: 'bang-xac-nhan-ket-qua',
  primary_summary: 'so-tong-hop-ket-qua-tieu-hoc',
  edit_log: 'nhat-ki-sua-diem-ban-in',
  correction_request: 'giay-de-nghi-ban-in',
};
/** Derived or packaging kinds that are not records of their own. */
const SKIPPED_KINDS = new Set(['archive_manifest', 'bulk']);

function readStored(dataDir: string, relativePath: string): Buffer | null {
  const full = join(dataDir, 'files', relativePath);
  if (!full.startsWith(join(dataDir, 'files')) || !existsSync(full)) return null;
  return readFileSync(full);
}

function parseSubject(json: string): Record<string, string> {
  try {
    return JSON.parse(json) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Documents of the year: by subject.schoolYearId, else by class, else by creation date. */
export async function yearDocuments(db: Executor, scope: YearScope): Promise<Row<'documents'>[]> {
  const classIds = new Set(scope.classes.map((c) => c.id));
  const { starts_on, ends_on, id } = scope.schoolYear;
  const rows = await db.selectFrom('documents').selectAll().where('school_id', '=', scope.schoolId).orderBy('kind').orderBy('series_key').orderBy('version_no').execute();
  return rows.filter((d) => {
    if (SKIPPED_KINDS.has(d.kind)) return false;
    const s = parseSubject(d.subject_json);
    if (s.schoolYearId) return s.schoolYearId === id;
    if (s.classId) return classIds.has(s.classId);
    const day = vietnamDay(d.created_at);
    return day >= starts_on && day <= ends_on;
  });
}

/** Copies the year's documents; returns their ids. */
export async function addDocuments(db: Executor, pkg: ArchivePackage, scope: YearScope, warnings: Warnings): Promise<string[]> {
  const docs = await yearDocuments(db, scope);
  const classNames = new Map(scope.classes.map((c) => [c.id, c.name]));
  const enrollments = await db
    .selectFrom('enrollments')
    .select(['student_id', 'class_id'])
    .where('school_id', '=', scope.schoolId)
    .where('school_year_id', '=', scope.schoolYear.id)
    .orderBy('starts_on')
    .execute();
  const classOfStudent = new Map(enrollments.map((e) => [e.student_id, e.class_id]));
  const signatures = docs.length
    ? await db.selectFrom('document_signatures').selectAll().where('document_id', 'in', docs.map((d) => d.id)).orderBy('document_id').orderBy('seq').execute()
    : [];
  const index: unknown[] = [];
  for (const d of docs) {
    const subject = parseSubject(d.subject_json);
    const classId = subject.classId ?? (subject.studentId ? classOfStudent.get(subject.studentId) : undefined);
    const classFolder = classId ? slug(classNames.get(classId) ?? classId) : 'toan-truong';
    const kindFolder = KIND_FOLDERS[d.kind] ?? 'tai-lieu-khac';
    const bytes = readStored(scope.dataDir, d.file_path);
    let archivedPath: string | null = null;
    if (!bytes) warnings.push(`Thiếu tệp của tài liệu ${d.id} (${d.title}): ${d.file_path}`);
    else {
      if (sha256Hex(bytes) !== d.current_sha256) warnings.push(`Tệp của tài liệu ${d.id} (${d.title}) không khớp mã SHA-256 đã ghi.`);
      const superseded = d.superseded_by_id ? '-da-thay-the' : '';
      const ext = d.file_path.match(/\.[a-z0-9]+$/i)?.[0] ?? '.pdf';
      archivedPath = pkg.add(
        `tai-lieu/${kindFolder}/${classFolder}/${slug(d.title)}-${d.id}${superseded}${ext}`,
        bytes,
        recordTypeOfDocumentKind(d.kind),
        `${d.title} (phiên bản ${d.version_no}${d.superseded_by_id ? `, đã được thay bằng ${d.superseded_by_id}` : ''})`,
      );
    }
    index.push({
      ...d,
      subject: subject,
      archivedPath,
      signatures: signatures.filter((s) => s.document_id === d.id),
    });
  }
  pkg.addJson('tai-lieu/danh-muc-tai-lieu.json', index, 'archive_manifest', 'Danh mục tài liệu đã lưu của năm học, với chữ ký số đã ghi nhận');
  return docs.map((d) => d.id);
}

export async function addCorrections(db: Executor, pkg: ArchivePackage, scope: YearScope, warnings: Warnings): Promise<number> {
  const requests = await db
    .selectFrom('correction_requests')
    .selectAll()
    .where('school_id', '=', scope.schoolId)
    .where('school_year_id', '=', scope.schoolYear.id)
    .orderBy('number')
    .execute();
  if (!requests.length) return 0;
  const files = await db
    .selectFrom('stored_files')
    .selectAll()
    .where('owner_type', '=', 'correction_request')
    .where('owner_id', 'in', requests.map((r) => r.id))
    .orderBy('uploaded_at')
    .execute();
  const subjects = new Map(
    (await db.selectFrom('subjects').select(['id', 'name']).where('school_year_id', '=', scope.schoolYear.id).execute()).map((s) => [s.id, s.name]),
  );
  const classNames = new Map(scope.classes.map((c) => [c.id, c.name]));
  /** What a request changes: its subject's scores, or another record (conduct, attendance…). */
  const recordName = (r: (typeof requests)[number]) => (r.subject_id ? (subjects.get(r.subject_id) ?? '') : labelOf(CORRECTION_KIND_LABELS, r.kind));
  for (const r of requests) {
    const folder = `giay-de-nghi/so-${String(r.number).padStart(3, '0')}-${slug(classNames.get(r.class_id) ?? '')}-${slug(recordName(r))}`;
    const evidence = [];
    for (const f of files.filter((x) => x.owner_id === r.id)) {
      const bytes = readStored(scope.dataDir, f.path);
      if (!bytes) {
        warnings.push(`Thiếu tệp minh chứng ${f.filename} của giấy đề nghị số ${r.number}: ${f.path}`);
        evidence.push({ ...f, archivedPath: null });
        continue;
      }
      if (sha256Hex(bytes) !== f.sha256) warnings.push(`Tệp minh chứng ${f.filename} của giấy đề nghị số ${r.number} không khớp mã SHA-256 đã ghi.`);
      const base = f.filename.replace(/\.[^.]*$/, '');
      const ext = f.filename.match(/\.[a-z0-9]+$/i)?.[0]?.toLowerCase() ?? '';
      const archivedPath = pkg.add(`${folder}/minh-chung/${slug(base, 'minh-chung')}${ext}`, bytes, 'correction_evidence', `Minh chứng của giấy đề nghị số ${r.number}: ${f.filename}`);
      evidence.push({ ...f, archivedPath });
    }
    pkg.addJson(
      `${folder}/giay-de-nghi.json`,
      { ...r, className: classNames.get(r.class_id) ?? null, subjectName: r.subject_id ? (subjects.get(r.subject_id) ?? null) : null, record: r.kind === 'scores' ? null : recordName(r), cells: JSON.parse(r.cells_json), evidence },
      'correction_request',
      `Giấy đề nghị thay đổi thông tin số ${r.number}`,
    );
  }
  return requests.length;
}

/** The Excel workbooks teachers imported scores from (score entry history, P6). */
export async function addScoreImports(db: Executor, pkg: ArchivePackage, scope: YearScope, warnings: Warnings): Promise<number> {
  const imports = await db
    .selectFrom('score_imports')
    .selectAll()
    .where('school_id', '=', scope.schoolId)
    .where('school_year_id', '=', scope.schoolYear.id)
    .orderBy('created_at')
    .execute();
  const classNames = new Map(scope.classes.map((c) => [c.id, c.name]));
  for (const i of imports) {
    const bytes = readStored(scope.dataDir, i.file_path);
    if (!bytes) {
      warnings.push(`Thiếu tệp Excel nhập điểm ${i.file_name}: ${i.file_path}`);
      continue;
    }
    const ext = i.file_name.match(/\.[a-z0-9]+$/i)?.[0]?.toLowerCase() ?? '.xlsx';
    pkg.add(
      `nhap-diem-excel/${slug(classNames.get(i.class_id) ?? i.class_id)}/${i.created_at.slice(0, 10)}-${slug(i.file_name.replace(/\.[^.]*$/, ''))}-${i.id.slice(0, 8)}${ext}`,
      bytes,
      'edit_log',
      `Tệp Excel nhập điểm "${i.file_name}" (${i.status})`,
    );
  }
  return imports.length;
}
