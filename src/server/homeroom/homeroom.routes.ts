/**
 * Homeroom work and results (G5–G7, C5, C6): weekly notes, conduct per term and year, retests,
 * live class results with explanations and the summary table, the homeroom teacher's proposal,
 * the principal's approval and the transcript year records. Attendance is in ../attendance.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, ZIsoDate, authErrors } from '../../shared/api-common.ts';
import {
  ZClassResults,
  ZConductPeriod,
  ZConductSheet,
  ZResultScope,
  ZSaveConductInput,
  ZWeeklyNote,
  ZEditWeeklyNoteInput,
  ZTranscriptRecord,
  ZWriteWeeklyNoteInput,
} from '../../shared/homeroom.ts';
import { approveClassResults, proposeClassResults } from '../results/index.ts';
import { saveCells } from '../gradebook/index.ts';
import { RETEST_COLUMN, SUMMER_TERM } from '../../domain/gradebook/gradebook-columns.ts';
import { ZSaveCellsResult } from '../../shared/gradebook.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { assessConduct } from './assess-conduct.ts';
import { confirmTranscriptRecords } from '../transcripts/index.ts';
import { editWeeklyNote } from './edit-weekly-note.ts';
import { classChain } from '../platform/audit/audit-log.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { randomUUID } from 'node:crypto';
import { loadClassStudents } from '../gradebook/index.ts';
import { computeClassResults, loadConduct, yearConduct } from '../results/index.ts';
import { getClassOr404, getYearOr404 } from '../school/index.ts';
import { getWeeklyNoteOr404 } from './weekly-note-queries.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

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
      const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
      const conduct = await loadConduct(db, cls.id, cls.school_year_id);
      const period = request.query.period;
      return {
        classId: cls.id,
        period,
        rows: students.map((s) => {
          const periods = conduct.get(s.studentId);
          const row = periods?.get(period);
          const yc = yearConduct(periods);
          return {
            studentId: s.studentId,
            listNumber: s.listNumber,
            fullName: s.fullName,
            level: (period === 'year' ? yc.level : ((row?.level as 'T') ?? null)) ?? null,
            comment: row?.comment ?? '',
            version: row ? Number(row.version) : 0,
            computed: period === 'year' ? yc.computed : null,
          };
        }),
      };
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
      const subject = await db.selectFrom('subjects').selectAll().where('id', '=', request.params.subjectId).executeTakeFirst();
      if (!subject || subject.school_year_id !== cls.school_year_id) throw notFound('môn học của lớp này');
      authorize(auth, 'gradebook.edit', { schoolId: cls.school_id, classIds: [cls.id], subjectId: subject.id });
      const year = await computeClassResults(db, cls.id, 'year');
      const errors = request.body.entries
        .map((e, i) => ({ e, i, st: year.students.find((s) => s.studentId === e.studentId) }))
        .filter(({ st }) => !st || !st.retestSubjects.includes(subject.code))
        .map(({ i, st }) => ({ field: `entries[${i}]`, message: `${st?.fullName ?? 'Học sinh'} không phải kiểm tra lại môn ${subject.name}` }));
      if (errors.length) throw invalid(`Chưa lưu: ${errors.map((e) => e.message).join('; ')}`, errors);
      return saveCells({
        db,
        classId: cls.id,
        subjectId: subject.id,
        termNo: SUMMER_TERM,
        input: { changes: request.body.entries.map((e) => ({ ...e, columnKey: RETEST_COLUMN })), source: 'typed', reason: request.body.reason },
        audit: auditContext(request),
      });
    },
  );

  api.get(
    '/classes/:classId/weekly-notes',
    { schema: { tags: ['conduct'], summary: 'Nề nếp, kỷ luật và nhận xét tuần của lớp', params: P, querystring: z.object({ from: ZIsoDate.optional(), to: ZIsoDate.optional() }), response: { 200: z.array(ZWeeklyNote), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      let q = db
        .selectFrom('weekly_notes')
        .innerJoin('users', 'users.id', 'weekly_notes.author_id')
        .leftJoin('subjects', 'subjects.id', 'weekly_notes.subject_id')
        .selectAll('weekly_notes')
        .select(['users.full_name', 'subjects.name as subject_name'])
        .where('weekly_notes.class_id', '=', cls.id);
      if (request.query.from) q = q.where('weekly_notes.week_start', '>=', request.query.from);
      if (request.query.to) q = q.where('weekly_notes.week_start', '<=', request.query.to);
      const rows = await q.orderBy('weekly_notes.week_start', 'desc').orderBy('weekly_notes.created_at').execute();
      return rows.map((r) => ({
        id: r.id,
        weekStart: r.week_start,
        kind: r.kind as 'discipline' | 'subject',
        subjectId: r.subject_id,
        subjectName: r.subject_name ?? null,
        authorName: r.full_name,
        text: r.text,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        version: Number(r.version),
      }));
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
      if (new Date(`${b.weekStart}T00:00:00Z`).getUTCDay() !== 1) throw invalid('Tuần bắt đầu vào thứ Hai.', [{ field: 'weekStart', message: 'không phải thứ Hai' }]);
      const ctx = auditContext(request);
      const id = randomUUID();
      const row = { id, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, week_start: b.weekStart, kind: b.kind, subject_id: b.kind === 'subject' ? b.subjectId : null, author_id: auth.user.id, text: b.text, created_at: ctx.now, updated_at: ctx.now, version: 1 };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('weekly_notes').values(row).execute();
        await writeAudit(tx, ctx, { chainKey: classChain(cls.id), schoolId: cls.school_id, action: 'weeklyNote.written', entityType: 'weekly_note', entityId: id, before: null, after: row });
      });
      return { id };
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
      const rows = await db
        .selectFrom('result_snapshots')
        .innerJoin('classes', 'classes.id', 'result_snapshots.class_id')
        .innerJoin('users', 'users.id', 'result_snapshots.proposed_by')
        .select(['result_snapshots.id', 'result_snapshots.class_id', 'classes.name', 'result_snapshots.scope', 'result_snapshots.proposed_at', 'result_snapshots.approved_at', 'users.full_name'])
        .where('result_snapshots.school_year_id', '=', year.id)
        .where('result_snapshots.status', '=', request.query.status)
        .orderBy('result_snapshots.proposed_at')
        .execute();
      return rows.map((r) => ({ id: r.id, classId: r.class_id, className: r.name, scope: r.scope as 'year', proposedAt: r.proposed_at, approvedAt: r.approved_at, proposedByName: r.full_name }));
    },
  );

  api.get(
    '/classes/:classId/transcript-records',
    { schema: { tags: ['results'], summary: 'Bản ghi học bạ năm học đã được Hiệu trưởng xác nhận (mới nhất của mỗi học sinh)', params: P, response: { 200: z.array(ZTranscriptRecord), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      const rows = await db
        .selectFrom('transcript_records')
        .innerJoin('users', 'users.id', 'transcript_records.confirmed_by')
        .selectAll('transcript_records')
        .select('users.full_name')
        .where('transcript_records.class_id', '=', cls.id)
        .where('transcript_records.status', '=', 'confirmed')
        .execute();
      return rows.map((r) => {
        const record = JSON.parse(r.record_json) as { identity: { fullName: string } };
        return {
          id: r.id,
          studentId: r.student_id,
          fullName: record.identity.fullName,
          versionNo: Number(r.version_no),
          status: r.status as 'confirmed',
          sha256: r.sha256,
          ruleVersion: r.rule_version,
          confirmedAt: r.confirmed_at,
          confirmedByName: r.full_name,
          record,
        };
      });
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
      const { contentSha256, ...results } = await computeClassResults(db, cls.id, request.query.scope);
      const snap = await db
        .selectFrom('result_snapshots')
        .selectAll()
        .where('class_id', '=', cls.id)
        .where('scope', '=', request.query.scope)
        .where('status', 'in', ['proposed', 'approved'])
        .orderBy('proposed_at', 'desc')
        .executeTakeFirst();
      return {
        ...results,
        snapshot: snap
          ? { id: snap.id, status: snap.status as 'proposed' | 'approved', proposedAt: snap.proposed_at, approvedAt: snap.approved_at, sha256: snap.sha256, changedSince: snap.sha256 !== contentSha256 }
          : null,
      };
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
