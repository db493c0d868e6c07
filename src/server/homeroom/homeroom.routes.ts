/**
 * Homeroom work and results (G5–G7, C5, C6): weekly notes, conduct per term and year, retests,
 * live class results with explanations and the summary table, the homeroom teacher's proposal,
 * the principal's approval and the transcript year records. Attendance is in attendance.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, ZIsoDate, authErrors } from '../../shared/api-common.ts';
import { ZSaveCellsResult } from '../../shared/gradebook.ts';
import {
  ZClassResults,
  ZConductPeriod,
  ZConductSheet,
  ZEditWeeklyNoteInput,
  ZResultScope,
  ZSaveConductInput,
  ZTranscriptRecord,
  ZWeeklyNote,
  ZWriteWeeklyNoteInput,
} from '../../shared/homeroom.ts';
import { ZTranscriptConfirmation } from '../../shared/transcript-confirmation.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { approveClassResults, listResultSnapshots, loadClassResults, proposeClassResults } from '../results/index.ts';
import { getClassOr404, getYearOr404 } from '../school/index.ts';
import { confirmTranscriptRecords, loadTranscriptConfirmation } from '../transcripts/index.ts';
import { assessConduct } from './assess-conduct.ts';
import { editWeeklyNote } from './edit-weekly-note.ts';
import { enterRetestScores } from './enter-retest-scores.ts';
import { getYearSubjectOr404, listTranscriptRecords, loadConductSheet } from './homeroom-queries.ts';
import { getWeeklyNoteOr404, listWeeklyNotes } from './weekly-note-queries.ts';
import { writeWeeklyNote } from './write-weekly-note.ts';

const P = z.object({ classId: ZId });

export async function registerHomeroomRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/conduct',
    { schema: { tags: ['conduct'], summary: 'Kết quả rèn luyện của lớp theo học kỳ, cả năm, sau rèn luyện hè', params: P, querystring: z.object({ period: ZConductPeriod }), response: { 200: ZConductSheet, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadConductSheet(db, cls, request.query.period);
    },
  );

  api.put(
    '/classes/:classId/conduct',
    { schema: { tags: ['conduct'], summary: 'Giáo viên chủ nhiệm đánh giá kết quả rèn luyện', params: P, body: ZSaveConductInput, response: { 200: z.object({ ok: z.literal(true) }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'conduct.assess', { schoolId: cls.school_id, classIds: [cls.id] });
      await assessConduct({ db, cls, period: request.body.period, entries: request.body.entries, reason: request.body.reason, userId: auth.user.id, audit: auditContext(request) });
      return { ok: true as const };
    },
  );

  api.put(
    '/classes/:classId/subjects/:subjectId/retest',
    {
      schema: {
        tags: ['results'],
        summary: 'Nhập điểm kiểm tra lại trong hè (chỉ học sinh phải kiểm tra lại môn này)',
        params: P.extend({ subjectId: ZId }),
        body: z.object({
          entries: z.array(z.object({ studentId: ZId, value: z.string().max(10), baseVersion: z.number().int().min(0) })).min(1).max(60),
          reason: z.string().trim().max(500).default(''),
        }),
        response: { 200: ZSaveCellsResult, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const subject = await getYearSubjectOr404(db, cls, request.params.subjectId);
      authorize(auth, 'gradebook.edit', { schoolId: cls.school_id, classIds: [cls.id], subjectId: subject.id });
      return enterRetestScores({ db, cls, subject, entries: request.body.entries, reason: request.body.reason, audit: auditContext(request) });
    },
  );

  api.get(
    '/classes/:classId/weekly-notes',
    { schema: { tags: ['conduct'], summary: 'Nề nếp, kỷ luật và nhận xét tuần của lớp', params: P, querystring: z.object({ from: ZIsoDate.optional(), to: ZIsoDate.optional() }), response: { 200: z.array(ZWeeklyNote), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return listWeeklyNotes(db, cls.id, request.query);
    },
  );

  api.post(
    '/classes/:classId/weekly-notes',
    { schema: { tags: ['conduct'], summary: 'Ghi nề nếp tuần (GVCN) hoặc nhận xét tuần của giáo viên bộ môn', params: P, body: ZWriteWeeklyNoteInput, response: { 200: z.object({ id: z.string() }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const b = request.body;
      if (b.kind === 'discipline') authorize(auth, 'attendance.record', { schoolId: cls.school_id, classIds: [cls.id] });
      else {
        if (!b.subjectId) throw invalid('Nhận xét của giáo viên bộ môn cần chọn môn.', [{ field: 'subjectId', message: 'chưa chọn môn' }]);
        authorize(auth, 'weeklyNote.write', { schoolId: cls.school_id, classIds: [cls.id], subjectId: b.subjectId });
      }
      return writeWeeklyNote({ db, cls, weekStart: b.weekStart, kind: b.kind, subjectId: b.subjectId, text: b.text, authorId: auth.user.id, audit: auditContext(request) });
    },
  );

  api.get(
    '/years/:yearId/result-snapshots',
    {
      schema: {
        tags: ['results'],
        summary: 'Các lớp đang chờ phê duyệt kết quả (hoặc đã phê duyệt)',
        params: z.object({ yearId: ZId }),
        querystring: z.object({ status: z.enum(['proposed', 'approved']).default('proposed') }),
        response: {
          200: z.array(z.object({ id: z.string(), classId: z.string(), className: z.string(), scope: ZResultScope, proposedAt: z.string(), approvedAt: z.string().nullable(), proposedByName: z.string() })),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'progress.view', { schoolId: year.school_id });
      return listResultSnapshots(db, year.id, request.query.status);
    },
  );

  api.get(
    '/classes/:classId/transcript-records',
    { schema: { tags: ['results'], summary: 'Bản ghi học bạ năm học đã được Hiệu trưởng xác nhận (mới nhất của mỗi học sinh)', params: P, response: { 200: z.array(ZTranscriptRecord), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return listTranscriptRecords(db, cls.id);
    },
  );

  api.get(
    '/classes/:classId/transcript-confirmation',
    { schema: { tags: ['results'], summary: 'Tình trạng xác nhận học bạ của từng học sinh trong lớp và lý do chưa xác nhận được', params: P, response: { 200: ZTranscriptConfirmation, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadTranscriptConfirmation(db, cls);
    },
  );

  api.post(
    '/classes/:classId/transcript-records/confirmation',
    {
      schema: {
        tags: ['results'],
        summary: 'Hiệu trưởng xác nhận thông tin và kết quả đưa vào học bạ (đóng băng bản ghi năm học)',
        params: P,
        body: z.object({ studentIds: z.array(ZId).max(100).optional() }),
        response: { 200: z.object({ created: z.number().int(), unchanged: z.number().int() }), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'transcript.confirm', { schoolId: cls.school_id, classIds: [cls.id] });
      return confirmTranscriptRecords({ db, cls, studentIds: request.body.studentIds, userId: auth.user.id, audit: auditContext(request) });
    },
  );

  api.put(
    '/classes/:classId/weekly-notes/:noteId',
    { schema: { tags: ['conduct'], summary: 'Sửa nhận xét tuần (chỉ người viết)', params: P.extend({ noteId: ZId }), body: ZEditWeeklyNoteInput, response: { 200: z.object({ id: z.string(), version: z.number().int() }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const note = await getWeeklyNoteOr404(db, cls.id, request.params.noteId);
      if (note.author_id !== auth.user.id) throw new AppError('FORBIDDEN', 'Chỉ người viết được sửa nhận xét tuần này.');
      return editWeeklyNote({ db, cls, note, text: request.body.text, baseVersion: request.body.baseVersion, audit: auditContext(request) });
    },
  );

  api.get(
    '/classes/:classId/results',
    { schema: { tags: ['results'], summary: 'Kết quả của lớp (tính từ sổ điểm), bảng tổng hợp, trạng thái phê duyệt', params: P, querystring: z.object({ scope: ZResultScope }), response: { 200: ZClassResults, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadClassResults(db, cls.id, request.query.scope);
    },
  );

  api.post(
    '/classes/:classId/results/:scope/proposal',
    { schema: { tags: ['results'], summary: 'Giáo viên chủ nhiệm đề nghị phê duyệt kết quả', params: P.extend({ scope: ZResultScope }), response: { 200: z.object({ snapshotId: z.string() }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.propose', { schoolId: cls.school_id, classIds: [cls.id] });
      return { snapshotId: await proposeClassResults({ db, cls, scope: request.params.scope, userId: auth.user.id, audit: auditContext(request) }) };
    },
  );

  api.post(
    '/classes/:classId/results/:scope/approval',
    { schema: { tags: ['results'], summary: 'Hiệu trưởng phê duyệt kết quả (chỉ khi đủ điểm)', params: P.extend({ scope: ZResultScope }), body: z.object({ snapshotId: ZId }), response: { 200: z.object({ ok: z.literal(true) }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.approve', { schoolId: cls.school_id, classIds: [cls.id] });
      await approveClassResults({ db, cls, scope: request.params.scope, snapshotId: request.body.snapshotId, userId: auth.user.id, audit: auditContext(request) });
      return { ok: true as const };
    },
  );
}
