/**
 * The homeroom teacher's assessment of qualities and competences at a primary point (TT 27/2020
 * Điều 6–7; G8): one row per student and point, each change with its `primary.assessed` audit
 * entry on the class chain, in one transaction; optimistic versions (a stale base is a conflict);
 * nominations for awards only at the end of the year; a point under lock (its approval, C5, or
 * the principal's lock of the class or term) is refused as the grade book refuses a locked cell.
 * Used by the route and the demo seed.
 */
import { randomUUID } from 'node:crypto';
import type { TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import { findEditBlock } from '../../domain/gradebook/find-edit-block.ts';
import { pointColumns, type PrimaryPoint } from '../../domain/results/primary-traits.ts';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import { loadBlockContext, loadClassStudents } from '../gradebook/index.ts';
import { loadPrimaryAssessments } from './primary-assessment-queries.ts';
import { requirePrimaryClass } from './primary-summary-queries.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid } from '../platform/errors.ts';

export interface PrimaryAssessmentEntry {
  studentId: string;
  /** null: not assessed yet. */
  qualities: (TraitLevelTt27 | null)[];
  competences: (TraitLevelTt27 | null)[];
  comment: string;
  nominated: boolean;
  nominationNote: string;
  /** The version the teacher saw (0: none yet). */
  baseVersion: number;
}

export interface SavePrimaryAssessmentsOptions {
  db: Db;
  cls: Row<'classes'>;
  point: PrimaryPoint;
  entries: PrimaryAssessmentEntry[];
  userId: string;
  audit: AuditContext;
}

/** The answer to an edit made elsewhere since the version the teacher read. */
const editedElsewhere = (names: string[]) => new AppError('CONFLICT', `Chưa lưu: ${names.join(', ')} vừa được sửa ở nơi khác. Hãy tải lại.`);

/**
 * The qualities and competences of a point sit with the point's level column under no subject:
 * a lock of the school, grade, class, term or that column covers them; a subject's lock does not.
 */
async function refuseLockedPoint(tx: Executor, cls: Row<'classes'>, point: PrimaryPoint): Promise<void> {
  const { termNo, level } = pointColumns(point);
  const { locks } = await loadBlockContext(tx, cls.school_year_id, 0);
  const cell = { grade: Number(cls.grade), classId: cls.id, subjectId: '', termNo, columnKey: level, point: point.startsWith('GK') ? ('midterm' as const) : ('endOfTerm' as const) };
  const block = findEditBlock(cell, { locks, windows: [], deadlines: [], today: '', isReEntry: false });
  if (block) throw new AppError('LOCKED', block.message, { blocks: [{ kind: block.kind, message: block.message }] });
}

export async function savePrimaryAssessments(options: SavePrimaryAssessmentsOptions): Promise<void> {
  const { db, cls, point, entries, audit } = options;
  // Read, checked and written in one transaction; two saves from the same version that both get
  // past the check meet at the conditional update or the unique key, and the second is refused.
  await db.transaction().execute(async (tx) => {
    await requirePrimaryClass(tx, cls);
    await refuseLockedPoint(tx, cls, point);
    const students = new Map((await loadClassStudents(tx, cls.id)).map((s) => [s.studentId, s]));
    const saved = await loadPrimaryAssessments(tx, cls.id, point);
    const bad = entries.filter((e) => !students.get(e.studentId)?.active);
    if (bad.length) throw invalid('Có học sinh không đang học ở lớp này.', bad.map((e) => ({ field: 'studentId', message: e.studentId })));
    const stale = entries.filter((e) => (saved.get(e.studentId) ? Number(saved.get(e.studentId)!.version) : 0) !== e.baseVersion);
    if (stale.length) throw editedElsewhere(stale.map((e) => students.get(e.studentId)!.fullName));
    if (point !== 'CN' && entries.some((e) => e.nominated)) throw invalid('Đề xuất khen thưởng chỉ ở thời điểm cuối năm học.', [{ field: 'nominated', message: 'chỉ cuối năm' }]);
    const events: AuditEntry[] = [];
    for (const e of entries) {
      const current = saved.get(e.studentId);
      const values = {
        qualities_json: JSON.stringify(e.qualities),
        competences_json: JSON.stringify(e.competences),
        comment: e.comment,
        nominated: e.nominated ? 1 : 0,
        nomination_note: e.nominationNote,
        updated_by: options.userId,
        updated_at: audit.now,
      };
      const id = current?.id ?? randomUUID();
      let written: number;
      if (current) {
        const res = await tx.updateTable('primary_assessments').set({ ...values, version: Number(current.version) + 1 }).where('id', '=', id).where('version', '=', current.version).executeTakeFirst();
        written = Number(res.numUpdatedRows);
      } else {
        const res = await tx
          .insertInto('primary_assessments')
          .values({ id, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, student_id: e.studentId, point, ...values, version: 1 })
          .onConflict((oc) => oc.columns(['school_year_id', 'student_id', 'point']).doNothing())
          .executeTakeFirst();
        written = Number(res.numInsertedOrUpdatedRows);
      }
      if (written !== 1) throw editedElsewhere([students.get(e.studentId)!.fullName]);
      events.push({
        chainKey: classChain(cls.id),
        schoolId: cls.school_id,
        action: 'primary.assessed',
        entityType: 'primary_assessment',
        entityId: id,
        before: current ? { qualities: JSON.parse(current.qualities_json), competences: JSON.parse(current.competences_json), comment: current.comment, nominated: current.nominated === 1 } : null,
        after: { studentId: e.studentId, point, qualities: e.qualities, competences: e.competences, comment: e.comment, nominated: e.nominated },
      });
    }
    await writeAudits(tx, audit, events);
  });
}
