/**
 * What a bulk print job can print, and how: one entry per document kind, listing the items of a
 * class (the class itself, or each of its students in list order) and building one document per
 * item with its builder (class-print-*.ts, the transcripts area). Builders never store.
 */
import type { Db } from '../platform/db/database.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import type { PrintCache } from './print-cache.ts';

export interface PrintItem {
  classId: string;
  studentId?: string;
  label: string;
}

export interface PrintTarget {
  label: string;
  /** the items to print for one class, in list order */
  items(db: Db, classId: string): Promise<PrintItem[]>;
  /** `ctx.cache` is the job run's memo of shared look-ups (one per run); builders may ignore it */
  build(db: Db, item: PrintItem, options: Record<string, string>, ctx: { baseUrl: string; cache?: PrintCache }): Promise<RenderedDocument>;
}

/** Students of a class in list order (active and transferred-in), as printed. */
export async function classStudents(db: Db, classId: string): Promise<PrintItem[]> {
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .select(['students.id', 'students.family_name', 'students.middle_name', 'students.given_name', 'enrollments.list_number'])
    .where('enrollments.class_id', '=', classId)
    .where('enrollments.status', 'in', ['active', 'transferred_in'])
    .execute();
  rows.sort((a, b) => (a.list_number ?? 1e9) - (b.list_number ?? 1e9) || a.id.localeCompare(b.id));
  return rows.map((r) => ({ classId, studentId: r.id, label: [r.family_name, r.middle_name, r.given_name].filter(Boolean).join(' ') }));
}

export async function wholeClass(db: Db, classId: string): Promise<PrintItem[]> {
  const cls = await db.selectFrom('classes').select(['id', 'name']).where('id', '=', classId).executeTakeFirstOrThrow();
  return [{ classId, label: `Lớp ${cls.name}` }];
}

/** Filled in by registerPrintTarget from the modules that own each document. */
export const PRINT_TARGETS: Record<string, PrintTarget> = {};

export function registerPrintTarget(kind: string, target: PrintTarget): void {
  PRINT_TARGETS[kind] = target;
}
