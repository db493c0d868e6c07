/**
 * Conduct (KQRL, G6): the homeroom teacher's level per term (TT 22 Điều 8), with a comment; the
 * year level comes from the Điều 8 table, and may be set otherwise only with a reason, which is
 * audited. Versions guard against two people editing at once. A period under a lock (C1, C5) is
 * refused; an approved correction (C2) writes through the lock, its id in each event.
 */
import { randomUUID } from 'node:crypto';
import type { Tt22Level } from '../../domain/assessment/tt22-level.ts';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { conductTermNos, findRecordLock, lockedRecordsMessage } from '../../domain/locks/find-record-lock.ts';
import { CONDUCT_PERIOD_LABELS, inSentence } from '../../shared/labels.ts';
import { loadBlockContext, loadClassStudents } from '../gradebook/index.ts';
import { loadConduct, yearConduct } from '../results/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, type FieldError, invalid } from '../platform/errors.ts';

export interface AssessConductOptions {
  db: Db;
  cls: Row<'classes'>;
  period: 'term1' | 'term2' | 'year' | 'summer';
  entries: { studentId: string; level: Tt22Level | null; comment: string; baseVersion: number }[];
  reason: string;
  userId: string;
  audit: AuditContext;
  /** The approved correction being applied: passes the lock. */
  correction?: { requestId: string };
}

/** The answer to an edit made elsewhere since the version the teacher read. */
const editedElsewhere = (names: string[]) => new AppError('CONFLICT', `Chưa lưu: đánh giá của ${names.join(', ')} vừa được sửa ở nơi khác. Hãy tải lại.`);

export async function assessConduct(options: AssessConductOptions): Promise<void> {
  // Read, checked and written in one transaction; two saves from the same version that both get
  // past the check meet at the conditional update or the unique key, and the second is refused.
  await options.db.transaction().execute((tx) => assessConductInTransaction(tx, options));
}

/** The same, inside a transaction the caller owns (an approved correction). */
export async function assessConductInTransaction(tx: Tx, options: Omit<AssessConductOptions, 'db'>): Promise<void> {
  const { cls, period, audit } = options;
  const students = new Map((await loadClassStudents(tx, cls.id)).map((s) => [s.studentId, s]));
  const conduct = await loadConduct(tx, cls.id, cls.school_year_id);
  const errors: FieldError[] = [];
  const conflicts: string[] = [];
  for (const [i, e] of options.entries.entries()) {
    const st = students.get(e.studentId);
    if (!st || !st.active) {
      errors.push({ field: `entries[${i}]`, message: 'học sinh không đang học ở lớp này' });
      continue;
    }
    const current = conduct.get(e.studentId)?.get(period);
    if ((current ? Number(current.version) : 0) !== e.baseVersion) conflicts.push(st.fullName);
    if (period === 'year' && e.level !== null) {
      const computed = yearConduct(conduct.get(e.studentId)).computed;
      if (e.level !== computed && !options.reason) {
        errors.push({ field: `entries[${i}].level`, message: `${st.fullName}: mức cả năm khác mức theo bảng Điều 8 (${computed ?? 'chưa đủ hai học kỳ'}), cần ghi lý do` });
      }
    }
  }
  if (errors.length) throw invalid(`Chưa lưu: ${errors.map((e) => e.message).join('; ')}`, errors);
  if (conflicts.length) throw editedElsewhere(conflicts);
  const changed = options.entries.filter((e) => {
    const current = conduct.get(e.studentId)?.get(period);
    return !current || current.level !== e.level || current.comment !== e.comment;
  });
  if (changed.length && !options.correction) {
    const lock = findRecordLock({ grade: Number(cls.grade), classId: cls.id, termNos: conductTermNos(period) }, (await loadBlockContext(tx, cls.school_year_id, 0)).locks);
    if (lock) {
      const field = `kết quả rèn luyện ${inSentence(CONDUCT_PERIOD_LABELS[period])}`;
      throw new AppError('LOCKED', lockedRecordsMessage(changed.map((e) => ({ studentName: students.get(e.studentId)!.fullName, field, lock }))));
    }
  }
  const events: AuditEntry[] = [];
  for (const e of changed) {
    const current = conduct.get(e.studentId)?.get(period);
    const id = current?.id ?? randomUUID();
    let written: number;
    if (current) {
      const res = await tx
        .updateTable('conduct_assessments')
        .set({ level: e.level, comment: e.comment, version: Number(current.version) + 1, updated_by: options.userId, updated_at: audit.now })
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      written = Number(res.numUpdatedRows);
    } else {
      const res = await tx
        .insertInto('conduct_assessments')
        .values({ id, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, student_id: e.studentId, period, level: e.level, comment: e.comment, version: 1, updated_by: options.userId, updated_at: audit.now })
        .onConflict((oc) => oc.columns(['school_year_id', 'student_id', 'period']).doNothing())
        .executeTakeFirst();
      written = Number(res.numInsertedOrUpdatedRows);
    }
    if (written !== 1) throw editedElsewhere([students.get(e.studentId)!.fullName]);
    events.push({
      chainKey: classChain(cls.id),
      schoolId: cls.school_id,
      action: period === 'year' ? 'conduct.yearOverridden' : 'conduct.assessed',
      entityType: 'conduct_assessment',
      entityId: id,
      before: current ? { level: current.level, comment: current.comment, version: Number(current.version) } : null,
      after: {
        studentId: e.studentId,
        period,
        level: e.level,
        comment: e.comment,
        version: current ? Number(current.version) + 1 : 1,
        ...(options.correction && { correctionRequestId: options.correction.requestId }),
      },
      reason: options.reason,
      ...(options.correction && { source: 'correction' }),
    });
  }
  await writeAudits(tx, audit, events);
}
