/**
 * Adding students to a class (S3): one typed in, or a whole imported file. Identifiers are
 * checked against the school's existing students and within the batch; any problem rejects the
 * whole batch (nothing is written). Each student gets an enrollment and an audit event, all in
 * one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { StudentInput } from '../../shared/student.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { studentColumns } from '../school/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { type FieldError, invalid } from '../platform/errors.ts';
import { keepClassListOrder } from './reorder-class-list.ts';

export interface AddStudentsOptions {
  db: Db;
  cls: Row<'classes'>;
  /** `row` is the Excel row (imports) or undefined (one typed student). */
  students: { row?: number; student: StudentInput }[];
  startsOn: string;
  origin: 'intake' | 'transfer_in';
  note?: string;
  source: 'typed' | 'imported';
  audit: AuditContext;
}

const ID_FIELDS = [
  ['nationalId', 'national_id', 'Mã định danh'],
  ['studentCode', 'student_code', 'Mã học sinh'],
] as const;

export async function addStudents(options: AddStudentsOptions): Promise<string[]> {
  const { db, cls, students, audit } = options;
  const errors: FieldError[] = [];
  for (const [key, column, label] of ID_FIELDS) {
    const values = students.map((s) => s.student[key]).filter((v): v is string => Boolean(v));
    if (!values.length) continue;
    const taken = await db
      .selectFrom('students')
      .select([column, 'family_name', 'middle_name', 'given_name'])
      .where('school_id', '=', cls.school_id)
      .where(column, 'in', values)
      .execute();
    const owner = new Map(taken.map((t) => [t[column] as string, `${t.family_name} ${t.middle_name} ${t.given_name}`.replace(/\s+/g, ' ')]));
    for (const s of students) {
      const v = s.student[key];
      if (v && owner.has(v)) errors.push({ row: s.row, field: s.row ? label : key, message: `${label} ${v} đã được dùng cho học sinh ${owner.get(v)} của trường` });
    }
  }
  if (errors.length) {
    const where = (e: FieldError) => (e.row ? `Dòng ${e.row}, cột "${e.field}"` : e.field);
    throw invalid(`Không thêm được học sinh: ${errors.map((e) => `${where(e)}: ${e.message}`).join('; ')}`, errors);
  }

  const max = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.max('list_number').as('m'))
    .where('class_id', '=', cls.id)
    .executeTakeFirst();
  let listNumber = Number(max?.m ?? 0);
  const ids: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const { student } of students) {
      const id = randomUUID();
      const enrollmentId = randomUUID();
      listNumber += 1;
      const row = { id, school_id: cls.school_id, ...studentColumns(student), status: 'studying', created_at: audit.now, updated_at: audit.now, version: 1 };
      await tx.insertInto('students').values(row).execute();
      const enrollment = {
        id: enrollmentId,
        school_id: cls.school_id,
        school_year_id: cls.school_year_id,
        student_id: id,
        class_id: cls.id,
        status: options.origin === 'transfer_in' ? 'transferred_in' : 'active',
        starts_on: options.startsOn,
        ends_on: null,
        list_number: listNumber,
        origin: options.origin,
        note: options.note ?? '',
        created_at: audit.now,
        version: 1,
      };
      await tx.insertInto('enrollments').values(enrollment).execute();
      await writeAudit(tx, audit, {
        chainKey: schoolChain(cls.school_id),
        schoolId: cls.school_id,
        action: options.origin === 'transfer_in' ? 'student.transferredIn' : 'student.created',
        entityType: 'student',
        entityId: id,
        before: null,
        after: { student: row, enrollment },
        source: options.source,
      });
      ids.push(id);
    }
    await keepClassListOrder(tx, cls.id, audit);
  });
  return ids;
}
