/**
 * The full data export of one school year: one JSON file per table (the rows as stored, so a
 * program can read them back), limited to the school and the year. Secrets are left out
 * (password hashes, TOTP keys, sessions).
 */
import type { Executor } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';
import type { ArchivePackage } from './archive-package.ts';
import type { YearScope } from './archive-documents.ts';

/** Tables with school_id and school_year_id: exported by those two columns. */
const YEAR_TABLES = [
  'terms',
  'grade_levels',
  'subject_groups',
  'subjects',
  'classes',
  'teaching_assignments',
  'enrollments',
  'gradebook_cells',
  'locks',
  'assessment_windows',
  'testing_plan_entries',
  'correction_requests',
  'score_imports',
  'attendance_rolls',
  'attendance_records',
  'conduct_assessments',
  'weekly_notes',
  'result_snapshots',
  'primary_assessments',
  'transcript_records',
] as const satisfies readonly (keyof Database)[];

const USER_COLUMNS = ['id', 'username', 'full_name', 'school_id', 'org_unit_id', 'staff_id', 'disabled', 'created_at', 'updated_at', 'version'] as const;

export async function addDataExport(db: Executor, pkg: ArchivePackage, scope: YearScope, documentIds: string[]): Promise<Record<string, number>> {
  const { schoolId } = scope;
  const yearId = scope.schoolYear.id;
  const counts: Record<string, number> = {};
  const put = (table: string, rows: unknown[]) => {
    counts[table] = rows.length;
    pkg.addJson(`du-lieu/${table}.json`, rows, 'data_export', `Bảng ${table} của năm học (${rows.length} dòng)`);
  };

  put('schools', await db.selectFrom('schools').selectAll().where('id', '=', schoolId).execute());
  put('school_years', [scope.schoolYear]);
  const byYear: Partial<Record<(typeof YEAR_TABLES)[number], Record<string, unknown>[]>> = {};
  for (const table of YEAR_TABLES) {
    const rows = await db
      .selectFrom(table)
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('school_year_id', '=', yearId)
      .orderBy('id' as never)
      .execute();
    byYear[table] = rows as Record<string, unknown>[];
    put(table, rows);
  }
  const groupIds = (byYear.subject_groups ?? []).map((g) => g.id as string);
  put(
    'subject_group_members',
    groupIds.length ? await db.selectFrom('subject_group_members').selectAll().where('subject_group_id', 'in', groupIds).orderBy('subject_group_id').orderBy('staff_id').execute() : [],
  );
  put('staff', await db.selectFrom('staff').selectAll().where('school_id', '=', schoolId).orderBy('id').execute());
  const studentIds = [...new Set((byYear.enrollments ?? []).map((e) => e.student_id as string))];
  const students = [];
  for (let i = 0; i < studentIds.length; i += 500) {
    students.push(...(await db.selectFrom('students').selectAll().where('id', 'in', studentIds.slice(i, i + 500)).execute()));
  }
  put('students', students.sort((a, b) => (a.id < b.id ? -1 : 1)));
  put('users', await db.selectFrom('users').select(USER_COLUMNS).where('school_id', '=', schoolId).orderBy('id').execute());
  put('user_roles', await db.selectFrom('user_roles').selectAll().where('school_id', '=', schoolId).orderBy('id').execute());
  const ownerIds = [...(byYear.correction_requests ?? []), ...(byYear.score_imports ?? [])].map((r) => r.id as string);
  put(
    'stored_files',
    ownerIds.length ? await db.selectFrom('stored_files').selectAll().where('school_id', '=', schoolId).where('owner_id', 'in', ownerIds).orderBy('id').execute() : [],
  );
  const docs = [];
  const sigs = [];
  for (let i = 0; i < documentIds.length; i += 500) {
    const ids = documentIds.slice(i, i + 500);
    docs.push(...(await db.selectFrom('documents').selectAll().where('id', 'in', ids).execute()));
    sigs.push(...(await db.selectFrom('document_signatures').selectAll().where('document_id', 'in', ids).execute()));
  }
  put('documents', docs.sort((a, b) => (a.id < b.id ? -1 : 1)));
  put('document_signatures', sigs.sort((a, b) => (a.id < b.id ? -1 : 1)));
  return counts;
}
