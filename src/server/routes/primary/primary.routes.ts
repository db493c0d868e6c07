/**
 * Primary assessment (G8, TT 27/2020): qualities and competences at the four points by the
 * homeroom teacher, and the summary book (Sổ tổng hợp kết quả đánh giá giáo dục) per class and
 * point — subject levels and test scores from the grade book, and at year end the level, award
 * and completion computed by src/domain.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TraitLevelTt27 } from '../../../domain/assessment/year-level-tt27.ts';
import { COMPETENCES, QUALITIES } from '../../../domain/results/primary-traits.ts';
import { ZId, authErrors } from '../../../shared/api-common.ts';
import { ZPrimaryAssessmentSheet, ZPrimaryPoint, ZPrimarySummary, ZSavePrimaryAssessmentsInput } from '../../../shared/primary.ts';
import { classChain } from '../../actions/record-attendance.ts';
import { type AuditEntry, writeAudits } from '../../audit.ts';
import { loadClassStudents } from '../../db/queries/gradebook.ts';
import { loadPrimaryAssessments, loadPrimarySummary } from '../../db/queries/primary-summary.ts';
import { getClassOr404 } from '../../db/queries/setup.ts';
import { AppError, invalid } from '../../errors.ts';
import { auditContext, authorize, requireAuth } from '../../http/context.ts';
import { type RouteDeps, typed } from '../deps.ts';

const P = z.object({ classId: ZId });
type Trait = TraitLevelTt27 | null;


export async function registerPrimaryRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/primary-assessments',
    { schema: { tags: ['results'], summary: 'Phẩm chất, năng lực của học sinh tiểu học tại một thời điểm', params: P, querystring: z.object({ point: ZPrimaryPoint }), response: { 200: ZPrimaryAssessmentSheet, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
      const saved = await loadPrimaryAssessments(db, cls.id, request.query.point);
      return {
        classId: cls.id,
        point: request.query.point,
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
    },
  );

  api.put(
    '/classes/:classId/primary-assessments',
    { schema: { tags: ['results'], summary: 'Giáo viên chủ nhiệm đánh giá phẩm chất, năng lực (và đề xuất khen thưởng cuối năm)', params: P, body: ZSavePrimaryAssessmentsInput, response: { 200: z.object({ ok: z.literal(true) }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'conduct.assess', { schoolId: cls.school_id, classIds: [cls.id] });
      const grade = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst();
      if (grade?.regime !== 'TT27_2020') throw new AppError('INVALID_STATE', 'Lớp này không đánh giá theo Thông tư 27/2020.');
      const { point, entries } = request.body;
      const students = new Map((await loadClassStudents(db, cls.id)).map((s) => [s.studentId, s]));
      const saved = await loadPrimaryAssessments(db, cls.id, point);
      const bad = entries.filter((e) => !students.get(e.studentId)?.active);
      if (bad.length) throw invalid('Có học sinh không đang học ở lớp này.', bad.map((e) => ({ field: 'studentId', message: e.studentId })));
      const stale = entries.filter((e) => (saved.get(e.studentId) ? Number(saved.get(e.studentId)!.version) : 0) !== e.baseVersion);
      if (stale.length) throw new AppError('CONFLICT', `Chưa lưu: ${stale.map((e) => students.get(e.studentId)!.fullName).join(', ')} vừa được sửa ở nơi khác. Hãy tải lại.`);
      if (point !== 'CN' && entries.some((e) => e.nominated)) throw invalid('Đề xuất khen thưởng chỉ ở thời điểm cuối năm học.', [{ field: 'nominated', message: 'chỉ cuối năm' }]);
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        const events: AuditEntry[] = [];
        for (const e of entries) {
          const current = saved.get(e.studentId);
          const values = {
            qualities_json: JSON.stringify(e.qualities),
            competences_json: JSON.stringify(e.competences),
            comment: e.comment,
            nominated: e.nominated ? 1 : 0,
            nomination_note: e.nominationNote,
            updated_by: auth.user.id,
            updated_at: ctx.now,
          };
          const id = current?.id ?? randomUUID();
          if (current) {
            const res = await tx.updateTable('primary_assessments').set({ ...values, version: Number(current.version) + 1 }).where('id', '=', id).where('version', '=', current.version).executeTakeFirst();
            if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Chưa lưu: đánh giá vừa được sửa ở nơi khác. Hãy tải lại.');
          } else {
            await tx.insertInto('primary_assessments').values({ id, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, student_id: e.studentId, point, ...values, version: 1 }).execute();
          }
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
        await writeAudits(tx, ctx, events);
      });
      return { ok: true as const };
    },
  );

  api.get(
    '/classes/:classId/primary-summary',
    { schema: { tags: ['results'], summary: 'Sổ tổng hợp kết quả đánh giá giáo dục của lớp tại một thời điểm', params: P, querystring: z.object({ point: ZPrimaryPoint }), response: { 200: ZPrimarySummary, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadPrimarySummary(db, cls, request.query.point);
    },
  );
}
