/**
 * The grade book (G1, G3, G9): a sheet per class × subject × term for the assigned subject
 * teacher, batch saves with versions, the whole class book read-only for the homeroom teacher
 * and the leadership, and the school's entry progress.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { findEditBlock } from '../../domain/gradebook/find-edit-block.ts';
import type { CellValue } from '../../domain/gradebook/parse-cell-input.ts';
import { displayCell, rowAverage } from '../../domain/gradebook/row-average.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId, ZLockedResponse, authErrors } from '../../shared/api-common.ts';
import { ZConflictResponse, ZGradebookSheet, ZSaveCellsInput, ZSaveCellsResult, type GradebookSheet } from '../../shared/gradebook.ts';
import { saveCells } from './save-cells.ts';
import { subjectAssessment } from '../school/index.ts';
import type { Db } from '../platform/db/database.ts';
import { loadBlockContext, loadCells, loadClassStudents, loadSheetContext } from './gradebook-queries.ts';
import { getClassOr404, getYearOr404 } from '../school/index.ts';
import { notFound } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth, type RequestAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['gradebook'];
const ZSheetParams = z.object({ classId: ZId, subjectId: ZId, termNo: z.coerce.number().int().min(1).max(2) });

export async function loadSheet(db: Db, auth: RequestAuth | null, p: { classId: string; subjectId: string; termNo: 1 | 2; now: string }): Promise<GradebookSheet> {
  const { cls, subject, settings, teacherName } = await loadSheetContext(db, p.classId, p.subjectId);
  const students = await loadClassStudents(db, cls.id);
  const cells = await loadCells(db, cls.id, subject.id, p.termNo);
  const blockContext = await loadBlockContext(db, cls.school_year_id, settings.editDeadlineDays);
  return presentSheet({ cls, subject, settings, teacherName, students, cells, blockContext }, auth, p);
}

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
    reEntryLastDay: blockContext.deadlines.find((d) => d.termNo === p.termNo)?.lastDay ?? null,
    reasonRequired: settings.reasonRequired,
  };
}

export async function registerGradebookRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/subjects/:subjectId/terms/:termNo/sheet',
    { schema: { tags, summary: 'Sổ điểm một môn của một lớp trong một học kỳ', params: ZSheetParams, response: { 200: ZGradebookSheet, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { classId, subjectId, termNo } = request.params;
      const { cls } = await loadSheetContext(db, classId, subjectId);
      authorize(auth, 'gradebook.view', { schoolId: cls.school_id, classIds: [classId], subjectId });
      return loadSheet(db, auth, { classId, subjectId, termNo: termNo as 1 | 2, now: request.now.toISOString() });
    },
  );

  api.post(
    '/classes/:classId/subjects/:subjectId/terms/:termNo/cells',
    {
      schema: {
        tags,
        summary: 'Lưu một lô ô điểm (tất cả hoặc không; mỗi ô mang phiên bản đã sửa từ đó)',
        params: ZSheetParams,
        body: ZSaveCellsInput,
        response: { 200: ZSaveCellsResult, ...authErrors, 409: ZConflictResponse, 423: ZLockedResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { classId, subjectId, termNo } = request.params;
      // Only the class is needed to authorize; saveCells loads the whole sheet context in its transaction.
      const cls = await getClassOr404(db, classId);
      authorize(auth, 'gradebook.edit', { schoolId: cls.school_id, classIds: [classId], subjectId });
      return saveCells({ db, cls, classId, subjectId, termNo: termNo as 1 | 2, input: request.body, audit: auditContext(request) });
    },
  );

  api.get(
    '/classes/:classId/class-book',
    {
      schema: {
        tags,
        summary: 'Sổ theo dõi và đánh giá học sinh của lớp (mọi môn, chỉ xem)',
        params: z.object({ classId: ZId }),
        querystring: z.object({ termNo: z.coerce.number().int().min(1).max(2) }),
        response: { 200: z.object({ classId: z.string(), className: z.string(), termNo: z.number().int(), sheets: z.array(ZGradebookSheet) }), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await db.selectFrom('classes').selectAll().where('id', '=', request.params.classId).executeTakeFirst();
      if (!cls) throw notFound('lớp');
      authorize(auth, 'classBook.view', { schoolId: cls.school_id, classIds: [cls.id] });
      const subjects = await db
        .selectFrom('subjects')
        .select('id')
        .where('school_year_id', '=', cls.school_year_id)
        .where('grade', '=', cls.grade)
        .orderBy('sort_order')
        .execute();
      const termNo = request.query.termNo as 1 | 2;
      const sheets = [];
      for (const s of subjects) sheets.push(await loadSheet(db, null, { classId: cls.id, subjectId: s.id, termNo, now: request.now.toISOString() }));
      return { classId: cls.id, className: cls.name, termNo, sheets };
    },
  );

  api.get(
    '/years/:yearId/progress',
    {
      schema: {
        tags,
        summary: 'Tiến độ nhập điểm: lớp × môn × giáo viên, số ô còn trống theo cột',
        params: z.object({ yearId: ZId }),
        querystring: z.object({ termNo: z.coerce.number().int().min(1).max(2) }),
        response: {
          200: z.object({
            termNo: z.number().int(),
            rows: z.array(
              z.object({
                classId: z.string(),
                className: z.string(),
                subjectId: z.string(),
                subjectName: z.string(),
                teacherName: z.string().nullable(),
                students: z.number().int(),
                expected: z.number().int(),
                filled: z.number().int(),
                missingByColumn: z.record(z.string(), z.number().int()),
              }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'progress.view', { schoolId: year.school_id });
      return { termNo: request.query.termNo, rows: await loadProgress(db, year.id, request.query.termNo as 1 | 2) };
    },
  );
}

/** G9: for every class × subject, the required cells still empty, per column. */
export async function loadProgress(db: Db, yearId: string, termNo: 1 | 2) {
  const classes = await db.selectFrom('classes').selectAll().where('school_year_id', '=', yearId).orderBy('grade').orderBy('name').execute();
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', yearId).orderBy('sort_order').execute();
  const assignments = await db
    .selectFrom('teaching_assignments')
    .innerJoin('staff', 'staff.id', 'teaching_assignments.staff_id')
    .select(['teaching_assignments.class_id', 'teaching_assignments.subject_id', 'staff.family_name', 'staff.middle_name', 'staff.given_name'])
    .where('teaching_assignments.school_year_id', '=', yearId)
    .execute();
  const active = await db
    .selectFrom('enrollments')
    .select(['class_id', 'student_id'])
    .where('school_year_id', '=', yearId)
    .where('status', 'in', ['active', 'transferred_in'])
    .execute();
  const filled = await db
    .selectFrom('gradebook_cells')
    .select(['class_id', 'subject_id', 'column_key', 'student_id'])
    .where('school_year_id', '=', yearId)
    .where('term_no', '=', termNo)
    .where((eb) => eb.or([eb('score_tenths', 'is not', null), eb('text_value', 'is not', null)]))
    .execute();
  const studentsByClass = new Map<string, Set<string>>();
  for (const a of active) {
    const set = studentsByClass.get(a.class_id) ?? new Set();
    set.add(a.student_id);
    studentsByClass.set(a.class_id, set);
  }
  const filledSet = new Set(filled.map((f) => `${f.class_id}|${f.subject_id}|${f.column_key}|${f.student_id}`));
  const rows = [];
  for (const cls of classes) {
    const students = [...(studentsByClass.get(cls.id) ?? [])];
    for (const subject of subjects.filter((s) => Number(s.grade) === Number(cls.grade))) {
      const required = gradebookColumns(subjectAssessment(subject), termNo).filter((c) => c.required);
      const missingByColumn: Record<string, number> = {};
      let done = 0;
      for (const col of required) {
        const have = students.filter((st) => filledSet.has(`${cls.id}|${subject.id}|${col.key}|${st}`)).length;
        done += have;
        if (students.length - have > 0) missingByColumn[col.label] = students.length - have;
      }
      const t = assignments.find((a) => a.class_id === cls.id && a.subject_id === subject.id);
      rows.push({
        classId: cls.id,
        className: cls.name,
        subjectId: subject.id,
        subjectName: subject.name,
        teacherName: t ? [t.family_name, t.middle_name, t.given_name].filter(Boolean).join(' ') : null,
        students: students.length,
        expected: students.length * required.length,
        filled: done,
        missingByColumn,
      });
    }
  }
  return rows;
}
