/**
 * Writing an approved request's changes to records other than scores (issue 22; C2), inside the
 * transaction that marks it applied: each record must still hold the value recorded when the
 * request was filed (else CONFLICT), and is written through the same action as a direct edit,
 * past the lock, with the same audit event carrying the request's id.
 */
import { randomUUID } from 'node:crypto';
import type { TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import type { StudentInput } from '../../shared/student.ts';
import { type AuditContext, classChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { assessConductInTransaction, recordAttendanceInTransaction } from '../homeroom/index.ts';
import { updateStudentInTransaction } from '../people/index.ts';
import { presentStudent } from '../school/index.ts';
import type { RecordKind, StoredAttendanceChange, StoredConductChange, StoredPrimaryChange, StoredProfileChange, StoredRecordChange } from './record-change-presenter.ts';

export interface ApplyRecordChangesOptions {
  request: Row<'correction_requests'>;
  applierId: string;
  audit: AuditContext;
}

/** The record changed since the request was filed. */
const changedSince = () => new AppError('CONFLICT', 'thông tin đã thay đổi sau khi lập giấy');

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const t of items) groups.set(key(t), [...(groups.get(key(t)) ?? []), t]);
  return [...groups.values()];
}

async function applyConduct(tx: Tx, cls: Row<'classes'>, changes: StoredConductChange[], o: ApplyRecordChangesOptions, reason: string) {
  for (const list of groupBy(changes, (c) => c.period)) {
    await assessConductInTransaction(tx, {
      cls,
      period: list[0].period,
      entries: list.map((c) => ({ studentId: c.studentId, level: c.new.level, comment: c.new.comment, baseVersion: c.old.version })),
      reason,
      userId: o.applierId,
      audit: o.audit,
      correction: { requestId: o.request.id },
    });
  }
}

async function applyAttendance(tx: Tx, cls: Row<'classes'>, changes: StoredAttendanceChange[], o: ApplyRecordChangesOptions) {
  for (const list of groupBy(changes, (c) => `${c.date}|${c.session}`)) {
    const { date, session } = list[0];
    for (const c of list) {
      const now = await tx
        .selectFrom('attendance_records')
        .select(['kind', 'note'])
        .where('class_id', '=', cls.id)
        .where('student_id', '=', c.studentId)
        .where('date', '=', date)
        .where('session', '=', session)
        .where('period_no', '=', 0)
        .executeTakeFirst();
      if ((now?.kind ?? null) !== c.old.mark || (now?.note ?? '') !== c.old.note) throw changedSince();
    }
    await recordAttendanceInTransaction(tx, {
      cls,
      date,
      session,
      marks: list.map((c) => ({ studentId: c.studentId, kind: c.new.mark, note: c.new.note })),
      lesson: null,
      userId: o.applierId,
      audit: o.audit,
      correction: { requestId: o.request.id },
    });
  }
}

async function applyProfile(tx: Tx, changes: StoredProfileChange[], o: ApplyRecordChangesOptions) {
  for (const list of groupBy(changes, (c) => c.studentId)) {
    const student = await tx.selectFrom('students').selectAll().where('id', '=', list[0].studentId).executeTakeFirstOrThrow();
    const input: StudentInput = presentStudent(student);
    for (const c of list) {
      if (JSON.stringify(input[c.field] ?? null) !== JSON.stringify(c.old ?? null)) throw changedSince();
      Object.assign(input, { [c.field]: c.new });
    }
    await updateStudentInTransaction(tx, { student, input, baseVersion: Number(student.version), audit: o.audit, correction: { requestId: o.request.id } });
  }
}

async function applyPrimary(tx: Tx, cls: Row<'classes'>, changes: StoredPrimaryChange[], o: ApplyRecordChangesOptions) {
  const { audit } = o;
  for (const c of changes) {
    const current = await tx.selectFrom('primary_assessments').selectAll().where('class_id', '=', cls.id).where('student_id', '=', c.studentId).where('point', '=', c.point).executeTakeFirst();
    if ((current ? Number(current.version) : 0) !== c.old.version) throw changedSince();
    const values = { qualities_json: JSON.stringify(c.new.qualities), competences_json: JSON.stringify(c.new.competences), comment: c.new.comment, updated_by: o.applierId, updated_at: audit.now };
    const id = current?.id ?? randomUUID();
    if (current) {
      const res = await tx.updateTable('primary_assessments').set({ ...values, version: Number(current.version) + 1 }).where('id', '=', id).where('version', '=', current.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw changedSince();
    } else {
      await tx
        .insertInto('primary_assessments')
        .values({ id, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, student_id: c.studentId, point: c.point, ...values, nominated: 0, nomination_note: '', version: 1 })
        .execute();
    }
    const nominated = current?.nominated === 1;
    await writeAudit(tx, audit, {
      chainKey: classChain(cls.id),
      schoolId: cls.school_id,
      action: 'primary.assessed',
      entityType: 'primary_assessment',
      entityId: id,
      before: current ? { qualities: JSON.parse(current.qualities_json) as (TraitLevelTt27 | null)[], competences: JSON.parse(current.competences_json) as (TraitLevelTt27 | null)[], comment: current.comment, nominated } : null,
      after: { studentId: c.studentId, point: c.point, qualities: c.new.qualities, competences: c.new.competences, comment: c.new.comment, nominated, correctionRequestId: o.request.id },
      source: 'correction',
    });
  }
}

/** Writes the request's changes; returns how many. */
export async function applyRecordChanges(tx: Tx, o: ApplyRecordChangesOptions): Promise<number> {
  const { request } = o;
  const cls = await tx.selectFrom('classes').selectAll().where('id', '=', request.class_id).executeTakeFirstOrThrow();
  const changes = JSON.parse(request.cells_json) as StoredRecordChange[];
  const reason = `Giấy đề nghị số ${request.number}: ${request.reason}`;
  const kind = request.kind as RecordKind;
  if (kind === 'conduct') await applyConduct(tx, cls, changes as StoredConductChange[], o, reason);
  else if (kind === 'attendance') await applyAttendance(tx, cls, changes as StoredAttendanceChange[], o);
  else if (kind === 'profile') await applyProfile(tx, changes as StoredProfileChange[], o);
  else await applyPrimary(tx, cls, changes as StoredPrimaryChange[], o);
  return changes.length;
}
