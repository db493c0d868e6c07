/** A grade-book sheet as the API answers it, from loaded rows (no query). */
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { deadlineFor, findEditBlock } from '../../domain/gradebook/find-edit-block.ts';
import type { CellValue } from '../../domain/gradebook/parse-cell-input.ts';
import { displayCell, rowAverage } from '../../domain/gradebook/row-average.ts';
import { can } from '../../domain/policies/policy.ts';
import type { GradebookSheet } from '../../shared/gradebook.ts';
import type { RequestAuth } from '../platform/http/context.ts';
import { subjectAssessment } from '../school/index.ts';
import type { loadBlockContext, loadCells, loadClassStudents, loadSheetContext } from './gradebook-queries.ts';

/** What a sheet is made of (loadSheet's queries); a caller printing many sheets of a class loads these once. */
export interface SheetSource {
  cls: Awaited<ReturnType<typeof loadSheetContext>>['cls'];
  subject: Awaited<ReturnType<typeof loadSheetContext>>['subject'];
  settings: Awaited<ReturnType<typeof loadSheetContext>>['settings'];
  teacherName: string | null;
  students: Awaited<ReturnType<typeof loadClassStudents>>;
  /** The sheet's cells (this subject and term). */
  cells: Pick<Awaited<ReturnType<typeof loadCells>>[number], 'student_id' | 'column_key' | 'score_tenths' | 'text_value' | 'version'>[];
  blockContext: Awaited<ReturnType<typeof loadBlockContext>>;
}

/** The sheet as loadSheet returns it, from loaded rows (no query). */
export function presentSheet(source: SheetSource, auth: RequestAuth | null, p: { termNo: 1 | 2; now: string }): GradebookSheet {
  const { cls, subject, settings, teacherName, students, cells, blockContext } = source;
  const assessment = subjectAssessment(subject);
  const columns = gradebookColumns(assessment, p.termNo);
  const today = vietnamDay(p.now);
  const byStudent = new Map<string, Map<string, { value: CellValue; version: number }>>();
  for (const c of cells) {
    const m = byStudent.get(c.student_id) ?? new Map();
    m.set(c.column_key, { value: { scoreTenths: c.score_tenths === null ? null : Number(c.score_tenths), text: c.text_value }, version: Number(c.version) });
    byStudent.set(c.student_id, m);
  }
  return {
    classId: cls.id,
    className: cls.name,
    grade: Number(cls.grade),
    schoolYearId: cls.school_year_id,
    subject: { id: subject.id, code: subject.code, name: subject.name, assessmentKind: assessment.assessmentKind, regularCount: assessment.regularCount },
    termNo: p.termNo,
    teacherName,
    columns: columns.map((c) => ({
      ...c,
      blockedBy:
        findEditBlock(
          { grade: Number(cls.grade), classId: cls.id, subjectId: subject.id, termNo: p.termNo, columnKey: c.key, point: c.point },
          { ...blockContext, today, isReEntry: false },
        )?.message ?? null,
    })),
    rows: students.map((s) => {
      const mine = byStudent.get(s.studentId) ?? new Map();
      const values = new Map([...mine].map(([k, v]) => [k, v.value]));
      return {
        ...s,
        cells: Object.fromEntries(
          [...mine].map(([key, v]) => [key, { display: displayCell(columns.find((c) => c.key === key)?.kind ?? 'comment', v.value), ...v.value, version: v.version }]),
        ),
        average: rowAverage(assessment, columns, values).display,
      };
    }),
    canEdit: auth ? can(auth.actor, 'gradebook.edit', { schoolId: cls.school_id, classIds: [cls.id], subjectId: subject.id }).allowed : false,
    reEntryLastDay: deadlineFor({ classId: cls.id, subjectId: subject.id, termNo: p.termNo }, blockContext.deadlines)?.lastDay ?? null,
    reasonRequired: settings.reasonRequired,
    evidenceRequired: settings.evidenceRequired,
  };
}
