/** Queries for the qualities and competences of primary students (TT 27/2020; G8) at a point. */
import type { TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import { COMPETENCES, QUALITIES, type PrimaryPoint } from '../../domain/results/primary-traits.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadClassStudents } from '../gradebook/index.ts';

type Trait = TraitLevelTt27 | null;

/** The saved assessments of a class at a point, by student id. */
export async function loadPrimaryAssessments(db: Executor, classId: string, point: string) {
  const rows = await db.selectFrom('primary_assessments').selectAll().where('class_id', '=', classId).where('point', '=', point).execute();
  return new Map(rows.map((r) => [r.student_id, r]));
}

/** The assessment sheet of a class at a point: every current student, assessed or not yet, with the version to edit from. */
export async function loadPrimaryAssessmentSheet(db: Executor, cls: Row<'classes'>, point: PrimaryPoint) {
  const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
  const saved = await loadPrimaryAssessments(db, cls.id, point);
  return {
    classId: cls.id,
    point,
    qualityNames: [...QUALITIES],
    competenceNames: [...COMPETENCES],
    rows: students.map((s) => {
      const r = saved.get(s.studentId);
      return {
        studentId: s.studentId,
        listNumber: s.listNumber,
        fullName: s.fullName,
        qualities: r ? (JSON.parse(r.qualities_json) as Trait[]) : QUALITIES.map(() => null),
        competences: r ? (JSON.parse(r.competences_json) as Trait[]) : COMPETENCES.map(() => null),
        comment: r?.comment ?? '',
        nominated: r?.nominated === 1,
        nominationNote: r?.nomination_note ?? '',
        version: r ? Number(r.version) : 0,
      };
    }),
  };
}
