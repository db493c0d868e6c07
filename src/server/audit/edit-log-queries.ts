/**
 * The edit log (nhật kí sửa điểm, C3/C4): a view of the grade books' audit chains, with names,
 * and beside it the unlocks and decisions that let changes through (issue 14 §3).
 */
import { addDays, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import { formatTenths } from '../../domain/assessment/tenths.ts';
import type { AuditAction } from '../../shared/audit-events.ts';
import type { ApprovalLogEntry, EditLogEntry, EditLogQuery } from '../../shared/edit-log.ts';
import { schoolChain } from '../platform/audit/audit-log.ts';
import type { Executor } from '../platform/db/database.ts';
import { lockScopeLabel, windowChangeSummary } from '../locks/index.ts';
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
      evidence: after.evidence ?? [],
      evidenceNote: after.evidenceNote ?? '',
    })),
  };
}

const LOCK_STEPS = { 'lockRequest.filed': 'requested', 'lockRequest.confirmed': 'confirmed', 'lockRequest.refused': 'refused', 'lock.released': 'direct', 'window.set': 'direct' } as const;
const CORRECTION_STEPS = { 'correction.approved': 'approved', 'correction.rejected': 'rejected' } as const;
const MAX_APPROVALS = 500;

/**
 * Beside the score changes (issue 14 §3): the school's lock releases and window changes —
 * the admin board's requests, their confirmations and refusals, and the principal's own — and
 * the decisions on correction requests, each with who asked and who decided. A teacher's log
 * keeps the unlocks (they open everyone's books) and her own corrections; a class or subject
 * filter applies to the corrections.
 */
export async function loadApprovalLog(db: Executor, schoolId: string, q: EditLogQuery): Promise<ApprovalLogEntry[]> {
  const fromAt = q.from ? vietnamInstant(q.from).toISOString() : null;
  const toAt = q.to ? vietnamInstant(addDays(q.to, 1)).toISOString() : null;
  const lockEvents = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('chain_key', '=', schoolChain(schoolId))
    .where('action', 'in', Object.keys(LOCK_STEPS) as AuditAction[])
    .$if(fromAt !== null, (qb) => qb.where('at', '>=', fromAt as string))
    .$if(toAt !== null, (qb) => qb.where('at', '<', toAt as string))
    .orderBy('at', q.order)
    .orderBy('seq', q.order)
    .limit(MAX_APPROVALS)
    .execute();
  let corrections = db
    .selectFrom('audit_events')
    .innerJoin('correction_requests', 'correction_requests.id', 'audit_events.entity_id')
    .innerJoin('classes', 'classes.id', 'correction_requests.class_id')
    .innerJoin('subjects', 'subjects.id', 'correction_requests.subject_id')
    .selectAll('audit_events')
    .select(['correction_requests.number', 'correction_requests.requested_by', 'classes.name as class_name', 'subjects.name as subject_name'])
    .where('audit_events.school_id', '=', schoolId)
    .where('audit_events.action', 'in', Object.keys(CORRECTION_STEPS) as AuditAction[])
    .$if(fromAt !== null, (qb) => qb.where('audit_events.at', '>=', fromAt as string))
    .$if(toAt !== null, (qb) => qb.where('audit_events.at', '<', toAt as string));
  if (q.teacherUserId) corrections = corrections.where('correction_requests.requested_by', '=', q.teacherUserId);
  if (q.classId) corrections = corrections.where('correction_requests.class_id', '=', q.classId);
  if (q.subjectId) corrections = corrections.where('correction_requests.subject_id', '=', q.subjectId);
  const decisions = await corrections.orderBy('audit_events.at', q.order).orderBy('audit_events.seq', q.order).limit(MAX_APPROVALS).execute();

  const parsed = lockEvents
    .map((r) => ({ r, after: JSON.parse(r.after_json ?? '{}'), before: r.before_json ? JSON.parse(r.before_json) : null }))
    // A release or window change made on a confirmation is listed by the confirmation itself.
    .filter(({ r, after }) => !(r.action === 'lock.released' || r.action === 'window.set') || !after.requestId);
  const userIds = [...new Set([...parsed.flatMap(({ r, after }) => [r.actor_user_id, after.requestedBy]), ...decisions.flatMap((d) => [d.actor_user_id, d.requested_by])].filter((x): x is string => Boolean(x)))];
  const names = new Map((userIds.length ? await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute() : []).map((u) => [u.id, u.full_name]));
  const name = (id: string | null | undefined) => (id ? (names.get(id) ?? '') : 'Hệ thống');
  const released = parsed.filter(({ r }) => r.action === 'lock.released').map(({ before }) => before as { class_id: string | null; subject_id: string | null });
  const classIds = [...new Set(released.map((l) => l.class_id).filter((x): x is string => Boolean(x)))];
  const subjectIds = [...new Set(released.map((l) => l.subject_id).filter((x): x is string => Boolean(x)))];
  const classes = new Map((classIds.length ? await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute() : []).map((c) => [c.id, c.name]));
  const subjects = new Map((subjectIds.length ? await db.selectFrom('subjects').select(['id', 'name']).where('id', 'in', subjectIds).execute() : []).map((s) => [s.id, s.name]));

  const entries: ApprovalLogEntry[] = [
    ...parsed.map(({ r, after, before }) => {
      const step = LOCK_STEPS[r.action as keyof typeof LOCK_STEPS];
      let summary = after.summary as string | undefined;
      if (r.action === 'lock.released') summary = `Mở sổ ${lockScopeLabel(before, classes.get(before.class_id) ?? null, subjects.get(before.subject_id) ?? null)}`;
      if (r.action === 'window.set') summary = windowChangeSummary(after.point, after.opens_on, after.closes_on, before);
      const requester = step === 'confirmed' || step === 'refused' ? after.requestedBy : r.actor_user_id;
      return {
        eventId: r.id,
        at: r.at,
        step,
        summary: summary ?? '',
        requestedByName: name(requester),
        decidedByName: step === 'requested' ? null : name(r.actor_user_id),
        reason: r.reason,
      };
    }),
    ...decisions.map((d) => ({
      eventId: d.id,
      at: d.at,
      step: CORRECTION_STEPS[d.action as keyof typeof CORRECTION_STEPS],
      summary: `Giấy đề nghị số ${Number(d.number)}: lớp ${d.class_name}, ${d.subject_name}`,
      requestedByName: name(d.requested_by),
      decidedByName: name(d.actor_user_id),
      reason: d.reason,
    })),
  ];
  const sign = q.order === 'asc' ? 1 : -1;
  return entries.sort((a, b) => sign * (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(0, MAX_APPROVALS);
}
