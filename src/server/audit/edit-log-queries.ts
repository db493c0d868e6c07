/**
 * The edit log (nhật kí sửa điểm, C3/C4): a view of the grade books' audit chains, with names.
 */
import { addDays, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import { formatTenths } from '../../domain/assessment/tenths.ts';
import type { AuditAction } from '../../shared/audit-events.ts';
import type { EditLogEntry, EditLogQuery } from '../../shared/edit-log.ts';
import type { Executor } from '../platform/db/database.ts';
import { formatStaffName } from '../school/index.ts';

const SCORE_ACTIONS: AuditAction[] = ['score.entered', 'score.changed', 'score.cleared'];
const CHANGE_ACTIONS: AuditAction[] = ['score.changed', 'score.cleared'];

function show(v: { scoreTenths?: number | null; text?: string | null } | null, columnKey: string): string {
  if (!v) return '';
  if (v.scoreTenths !== null && v.scoreTenths !== undefined) return columnKey.startsWith('KT_') ? String(v.scoreTenths / 10) : formatTenths(v.scoreTenths, ',');
  return v.text ?? '';
}

export async function loadEditLog(db: Executor, schoolId: string, q: EditLogQuery): Promise<{ total: number; entries: EditLogEntry[] }> {
  let base = db
    .selectFrom('audit_events')
    .where('audit_events.school_id', '=', schoolId)
    .where('audit_events.entity_type', '=', 'gradebook_cell')
    .where('audit_events.action', 'in', q.changesOnly === '1' ? CHANGE_ACTIONS : SCORE_ACTIONS);
  if (q.changesOnly === '1') base = base.where((eb) => eb.or([eb('audit_events.action', 'in', CHANGE_ACTIONS), eb('audit_events.source', '=', 'correction')]));
  if (q.teacherUserId) base = base.where('audit_events.actor_user_id', '=', q.teacherUserId);
  if (q.classId && q.subjectId) base = base.where('audit_events.chain_key', '=', `gradebook:${q.classId}:${q.subjectId}`);
  else if (q.classId) base = base.where('audit_events.chain_key', 'like', `gradebook:${q.classId}:%`);
  else if (q.subjectId) base = base.where('audit_events.chain_key', 'like', `gradebook:%:${q.subjectId}`);
  if (q.from) base = base.where('audit_events.at', '>=', vietnamInstant(q.from).toISOString());
  if (q.to) base = base.where('audit_events.at', '<', vietnamInstant(addDays(q.to, 1)).toISOString());
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .selectAll('audit_events')
    .select('users.full_name')
    .orderBy('audit_events.at', q.order)
    .orderBy('audit_events.seq', q.order)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const parsed = rows.map((r) => ({ r, after: JSON.parse(r.after_json ?? '{}'), before: r.before_json ? JSON.parse(r.before_json) : null, ids: r.chain_key.split(':') }));
  const classIds = [...new Set(parsed.map((p) => p.ids[1]))];
  const subjectIds = [...new Set(parsed.map((p) => p.ids[2]))];
  const studentIds = [...new Set(parsed.map((p) => p.after.studentId as string))];
  const correctionIds = [...new Set(parsed.map((p) => p.after.correctionRequestId as string | undefined).filter((x): x is string => Boolean(x)))];
  const classes = new Map((classIds.length ? await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute() : []).map((c) => [c.id, c.name]));
  const subjects = new Map((subjectIds.length ? await db.selectFrom('subjects').select(['id', 'name']).where('id', 'in', subjectIds).execute() : []).map((s) => [s.id, s.name]));
  const students = new Map((studentIds.length ? await db.selectFrom('students').select(['id', 'family_name', 'middle_name', 'given_name']).where('id', 'in', studentIds).execute() : []).map((s) => [s.id, formatStaffName(s)]));
  const corrections = new Map((correctionIds.length ? await db.selectFrom('correction_requests').select(['id', 'number']).where('id', 'in', correctionIds).execute() : []).map((c) => [c.id, Number(c.number)]));
  return {
    total: Number(total.n),
    entries: parsed.map(({ r, after, before, ids }) => ({
      eventId: r.id,
      at: r.at,
      teacherUserId: r.actor_user_id,
      teacherName: r.full_name ?? 'Hệ thống',
      role: r.actor_role,
      ip: r.ip,
      userAgent: r.user_agent,
      action: r.action,
      className: classes.get(ids[1]) ?? '',
      subjectName: subjects.get(ids[2]) ?? '',
      studentName: students.get(after.studentId) ?? '',
      termNo: Number(after.termNo),
      columnKey: after.columnKey,
      oldValue: show(before, after.columnKey),
      newValue: show(after, after.columnKey),
      source: r.source,
      reason: r.reason,
      correctionNumber: after.correctionRequestId ? (corrections.get(after.correctionRequestId) ?? null) : null,
    })),
  };
}
