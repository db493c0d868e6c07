/**
 * "Việc cần làm" (issue 15 §1): what the signed-in user has to do next in one school year, each
 * item judged by the same policies as the act it leads to (a teacher sees only her classes and
 * subjects; a vice-principal only what her delegation covers). A handful of queries over the
 * year; counts come from what is still waiting, so they drop to zero once it is done.
 */
import { formatDay, formatVietnamDateTime, vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { nextSigningStep } from '../../domain/documents/signing-turn.ts';
import { daysLeft, daysLeftLabel } from '../../domain/gradebook/window-columns.ts';
import { type Actor, hasRole } from '../../domain/policies/actor.ts';
import { canDecideCorrection, canDecideLockRequest } from '../../domain/policies/four-eyes.ts';
import { type Action, can } from '../../domain/policies/policy.ts';
import { RESULT_SCOPE_LABELS, inSentence, primaryPointLabel } from '../../shared/labels.ts';
import type { PrimaryPoint } from '../../domain/results/primary-traits.ts';
import type { ResultScope } from '../../shared/homeroom.ts';
import type { Todo, TodoItem } from '../../shared/todo.ts';
import type { Executor } from '../platform/db/database.ts';
import { type EmptyColumn, type WindowRow, loadEmptyColumns, loadWindows } from './empty-columns-queries.ts';

export interface TodoScope {
  schoolId: string;
  yearId: string;
  actor: Actor;
  /** ISO instant of the request. */
  now: string;
}

const PRIMARY_POINTS = ['GK1', 'CK1', 'GK2', 'CN'];
const SIGN_ACTIONS: Record<string, Action> = { homeroom: 'document.signAsHomeroom', principal: 'document.signAsPrincipal', seal: 'document.applySeal' };

const item = (i: Omit<TodoItem, 'classId' | 'closesOn' | 'daysLeft'> & Partial<Pick<TodoItem, 'classId' | 'closesOn' | 'daysLeft'>>): TodoItem => ({ classId: null, closesOn: null, daysLeft: null, ...i });

/** "Lớp 6A1 đề nghị phê duyệt kết quả học kỳ I" and where it is approved. */
function snapshotLink(classId: string, scope: string): { label: string; href: string } {
  if (PRIMARY_POINTS.includes(scope)) return { label: inSentence(primaryPointLabel(scope as PrimaryPoint, 'kỳ')), href: `/so-tong-hop/${classId}?thoi-diem=${scope}` };
  return { label: inSentence(RESULT_SCOPE_LABELS[scope as ResultScope] ?? scope), href: `/ket-qua/${classId}/${scope}` };
}

async function resultsToApprove(db: Executor, s: TodoScope): Promise<TodoItem[]> {
  const rows = await db
    .selectFrom('result_snapshots')
    .innerJoin('classes', 'classes.id', 'result_snapshots.class_id')
    .innerJoin('users', 'users.id', 'result_snapshots.proposed_by')
    .select(['result_snapshots.id', 'result_snapshots.class_id', 'result_snapshots.scope', 'result_snapshots.proposed_at', 'classes.name', 'users.full_name'])
    .where('result_snapshots.school_year_id', '=', s.yearId)
    .where('result_snapshots.status', '=', 'proposed')
    .orderBy('result_snapshots.proposed_at')
    .execute();
  return rows
    .filter((r) => can(s.actor, 'results.approve', { schoolId: s.schoolId, classIds: [r.class_id] }).allowed)
    .map((r) => {
      const link = snapshotLink(r.class_id, r.scope);
      return item({
        id: `results:${r.id}`,
        kind: 'results.approve',
        title: `Lớp ${r.name} đề nghị phê duyệt kết quả ${link.label}`,
        detail: `${r.full_name} đề nghị lúc ${formatVietnamDateTime(r.proposed_at)}`,
        count: 1,
        href: link.href,
        classId: r.class_id,
      });
    });
}

async function correctionsToDecide(db: Executor, s: TodoScope): Promise<TodoItem[]> {
  const rows = await db
    .selectFrom('correction_requests')
    .innerJoin('classes', 'classes.id', 'correction_requests.class_id')
    .innerJoin('users', 'users.id', 'correction_requests.requested_by')
    .select(['correction_requests.id', 'correction_requests.number', 'correction_requests.class_id', 'correction_requests.requested_by', 'correction_requests.requested_at', 'classes.name', 'users.full_name'])
    .where('correction_requests.school_year_id', '=', s.yearId)
    .where('correction_requests.status', '=', 'pending')
    .where('correction_requests.requested_by', '!=', s.actor.userId)
    .orderBy('correction_requests.requested_at')
    .execute();
  if (!rows.length) return [];
  const principals = new Set(
    (await db.selectFrom('user_roles').select('user_id').where('school_id', '=', s.schoolId).where('role', '=', 'principal').execute()).map((r) => r.user_id),
  );
  return rows
    .filter((r) => canDecideCorrection(s.actor, { schoolId: s.schoolId, classIds: [r.class_id] }, { filedByPrincipal: principals.has(r.requested_by) }).allowed)
    .map((r) =>
      item({
        id: `correction:${r.id}`,
        kind: 'correction.decide',
        title: `Giấy đề nghị số ${r.number} — lớp ${r.name}`,
        detail: `${r.full_name} lập lúc ${formatVietnamDateTime(r.requested_at)}`,
        count: 1,
        href: `/de-nghi-sua-diem/${r.id}`,
        classId: r.class_id,
      }),
    );
}

async function lockRequestsToConfirm(db: Executor, s: TodoScope): Promise<TodoItem[]> {
  const rows = await db
    .selectFrom('lock_requests')
    .innerJoin('users', 'users.id', 'lock_requests.requested_by')
    .leftJoin('locks', 'locks.id', 'lock_requests.lock_id')
    .select(['lock_requests.id', 'lock_requests.summary', 'lock_requests.requested_at', 'lock_requests.school_id', 'lock_requests.school_year_id', 'users.full_name', 'locks.class_id'])
    .where('lock_requests.school_year_id', '=', s.yearId)
    .where('lock_requests.status', '=', 'pending')
    .where('lock_requests.requested_by', '!=', s.actor.userId)
    .orderBy('lock_requests.requested_at')
    .execute();
  return rows
    .filter((r) => canDecideLockRequest(s.actor, { schoolId: r.school_id, schoolYearId: r.school_year_id, ...(r.class_id ? { classIds: [r.class_id] } : {}) }).allowed)
    .map((r) =>
      item({ id: `lockRequest:${r.id}`, kind: 'lockRequest.confirm', title: r.summary, detail: `${r.full_name} đề nghị lúc ${formatVietnamDateTime(r.requested_at)}`, count: 1, href: '/khoa-so' }),
    );
}

/** The school's current documents whose next signature is the actor's to give (by role), grouped by class and kind. */
async function documentsToSign(db: Executor, s: TodoScope, roles: readonly ('homeroom' | 'principal' | 'seal')[]): Promise<TodoItem[]> {
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('documents')
    .innerJoin('document_signatures', 'document_signatures.document_id', 'documents.id')
    .select(['documents.id', 'documents.title', 'documents.kind', 'documents.subject_json', 'documents.created_at', 'document_signatures.seq', 'document_signatures.role', 'document_signatures.status'])
    .where('documents.school_id', '=', s.schoolId)
    .where('documents.superseded_by_id', 'is', null)
    .where('documents.status', '!=', 'signed')
    .where('document_signatures.status', '=', 'pending')
    .orderBy('documents.created_at')
    .execute();
  const byDoc = new Map<string, typeof rows>();
  for (const r of rows) byDoc.set(r.id, [...(byDoc.get(r.id) ?? []), r]);
  const groups = new Map<string, { role: string; classId: string | null; kind: string; ids: string[] }>();
  for (const steps of byDoc.values()) {
    const next = nextSigningStep(steps);
    if (!next || !roles.includes(next.role as 'homeroom')) continue;
    const subject = JSON.parse(next.subject_json) as { classId?: string; schoolYearId?: string };
    const target = { schoolId: s.schoolId, classIds: subject.classId ? [subject.classId] : undefined };
    if (!can(s.actor, SIGN_ACTIONS[next.role], target).allowed) continue;
    const key = `${next.role}|${subject.classId ?? ''}|${next.kind}`;
    const g = groups.get(key) ?? { role: next.role, classId: subject.classId ?? null, kind: next.kind, ids: [] };
    g.ids.push(next.id);
    groups.set(key, g);
  }
  if (!groups.size) return [];
  const classIds = [...new Set([...groups.values()].map((g) => g.classId).filter((id): id is string => !!id))];
  const names = new Map(classIds.length ? (await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute()).map((c) => [c.id, c.name]) : []);
  const what = (kind: string) => (kind === 'transcript' ? 'Học bạ' : 'Văn bản');
  return [...groups.values()].map((g) => {
    const seal = g.role === 'seal';
    const where = g.classId ? ` lớp ${names.get(g.classId) ?? ''}` : '';
    return item({
      id: `${seal ? 'seal' : 'sign'}:${g.role}:${g.classId ?? ''}:${g.kind}`,
      kind: seal ? 'document.seal' : 'document.sign',
      title: `${what(g.kind)}${where}: ${g.ids.length} văn bản chờ ${seal ? 'đóng dấu số' : g.role === 'principal' ? 'Hiệu trưởng ký' : 'giáo viên chủ nhiệm ký'}`,
      detail: g.ids.length > 1 ? 'Mở trang ký hàng loạt: xem lần lượt từng văn bản, ký tất cả với một lần nhập mật khẩu.' : 'Mở văn bản để xem và ký số.',
      count: g.ids.length,
      // Several: the batch page filtered to this step, kind and class; one: the document itself.
      href: g.ids.length > 1 ? `/ky-so/hang-loat?${new URLSearchParams({ role: g.role, kind: g.kind, ...(g.classId && { lop: names.get(g.classId) ?? '' }) })}` : `/ky-so/${g.ids[0]}`,
      classId: g.classId,
    });
  });
}

/** Classes whose year results are approved but some students' học bạ year is not confirmed yet. */
async function transcriptsToConfirm(db: Executor, s: TodoScope): Promise<TodoItem[]> {
  const approved = await db
    .selectFrom('result_snapshots')
    .innerJoin('classes', 'classes.id', 'result_snapshots.class_id')
    .select(['classes.id', 'classes.name'])
    .distinct()
    .where('result_snapshots.school_year_id', '=', s.yearId)
    .where('result_snapshots.status', '=', 'approved')
    .where('result_snapshots.scope', 'in', ['year', 'final', 'CN'])
    .execute();
  const mine = approved.filter((c) => can(s.actor, 'transcript.confirm', { schoolId: s.schoolId, classIds: [c.id] }).allowed);
  if (!mine.length) return [];
  const ids = mine.map((c) => c.id);
  const enrolled = await db
    .selectFrom('enrollments')
    .select(['class_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('class_id', 'in', ids)
    .where('status', 'in', ['active', 'transferred_in'])
    .groupBy('class_id')
    .execute();
  const confirmed = await db
    .selectFrom('transcript_records')
    .innerJoin('enrollments', (j) => j.onRef('enrollments.class_id', '=', 'transcript_records.class_id').onRef('enrollments.student_id', '=', 'transcript_records.student_id').on('enrollments.status', 'in', ['active', 'transferred_in']))
    .select(['transcript_records.class_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('transcript_records.class_id', 'in', ids)
    .where('transcript_records.status', '=', 'confirmed')
    .groupBy('transcript_records.class_id')
    .execute();
  const have = new Map(confirmed.map((c) => [c.class_id, Number(c.n)]));
  const total = new Map(enrolled.map((c) => [c.class_id, Number(c.n)]));
  return mine
    .map((c) => ({ c, left: (total.get(c.id) ?? 0) - (have.get(c.id) ?? 0) }))
    .filter((x) => x.left > 0)
    .map(({ c, left }) =>
      item({
        id: `transcript:${c.id}`,
        kind: 'transcript.confirm',
        title: `Học bạ lớp ${c.name}: ${left} học sinh chưa xác nhận năm học này`,
        detail: 'Kết quả cả năm đã phê duyệt; xác nhận thông tin và kết quả đưa vào học bạ.',
        count: left,
        href: `/xac-nhan-hoc-ba/${c.id}`,
        classId: c.id,
      }),
    );
}

/** "ĐĐGtx 1: 38/40 · ĐĐGgk: 0/40" */
const columnsDetail = (cols: readonly EmptyColumn[]) => cols.map((c) => `${c.columnLabel}: ${c.entered}/${c.students}`).join(' · ');
const emptyCells = (cols: readonly EmptyColumn[]) => cols.reduce((n, c) => n + c.students - c.entered, 0);

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** A teacher's open windows (and those opening within a week): per class × subject, the required columns still empty, with the days left. */
async function myEmptyColumns(db: Executor, s: TodoScope, windows: readonly WindowRow[]): Promise<TodoItem[]> {
  const pairs = s.actor.teaching;
  // Open windows, and those opening within a week (a window months away is not today's work).
  const live = windows.filter((w) => w.state === 'open' || (w.state === 'upcoming' && daysLeft(vietnamDay(s.now), w.opensOn) <= 7));
  const empty = await loadEmptyColumns(db, s.yearId, live, { pairs, exceptClosedBy: windows.filter((w) => w.state === 'closed') });
  const today = vietnamDay(s.now);
  return [...groupBy(empty, (c) => `${c.window.id}|${c.classId}|${c.subjectId}`).values()]
    .map((cols) => {
      const c = cols[0];
      return item({
        id: `empty:${c.window.id}:${c.classId}:${c.subjectId}`,
        kind: 'window.emptyColumns',
        title: `${c.subjectName} lớp ${c.className} — đợt cập nhật ${c.window.label} ${c.window.state === 'upcoming' ? '(sắp mở)' : daysLeftLabel(today, c.window.closesOn)}`,
        detail: `Đã nhập/cần nhập: ${columnsDetail(cols)}`,
        count: emptyCells(cols),
        href: `/so-diem/${c.classId}/${c.subjectId}/${c.termNo}`,
        classId: c.classId,
        closesOn: c.window.closesOn,
        daysLeft: daysLeft(today, c.window.closesOn),
      });
    })
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
}

/** The principal: windows that ended by themselves with required cells empty — per window × class, per column name. */
async function closedWithEmpty(db: Executor, s: TodoScope, windows: readonly WindowRow[]): Promise<TodoItem[]> {
  const closed = windows.filter((w) => w.state === 'closed');
  const empty = await loadEmptyColumns(db, s.yearId, closed);
  return [...groupBy(empty, (c) => `${c.window.id}|${c.classId}`).values()].map((cols) => {
    const c = cols[0];
    const byColumn = [...groupBy(cols, (x) => x.columnLabel).entries()].map(([label, xs]) => `${label} ${c.className}: ${xs.reduce((n, x) => n + x.entered, 0)}/${xs.reduce((n, x) => n + x.students, 0)} ô`);
    return item({
      id: `closedEmpty:${c.window.id}:${c.classId}`,
      kind: 'window.closedEmpty',
      title: byColumn.join(' · '),
      detail: `Đợt cập nhật ${c.window.label} đã kết thúc ${formatDay(c.window.closesOn)}, sổ tự khóa các ô còn trống ở ${new Set(cols.map((x) => x.subjectId)).size} môn. Xem ở trang Khóa sổ; nhập bổ sung qua giấy đề nghị.`,
      count: emptyCells(cols),
      href: '/khoa-so',
      classId: c.classId,
      closesOn: c.window.closesOn,
    });
  });
}

/** Corrections of the teacher sent back (refused) whose notice she has not read yet. */
async function correctionsReturned(db: Executor, s: TodoScope): Promise<TodoItem[]> {
  const rows = await db
    .selectFrom('correction_requests')
    .innerJoin('classes', 'classes.id', 'correction_requests.class_id')
    .innerJoin('notifications', (j) => j.on('notifications.user_id', '=', s.actor.userId).on('notifications.kind', '=', 'correction.rejected').on('notifications.read_at', 'is', null))
    .select(['correction_requests.id', 'correction_requests.number', 'correction_requests.decision_reason', 'correction_requests.class_id', 'classes.name', 'notifications.link'])
    .where('correction_requests.school_year_id', '=', s.yearId)
    .where('correction_requests.requested_by', '=', s.actor.userId)
    .where('correction_requests.status', '=', 'rejected')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => r.link === `/corrections/${r.id}` && !seen.has(r.id) && seen.add(r.id))
    .map((r) =>
      item({
        id: `returned:${r.id}`,
        kind: 'correction.returned',
        title: `Giấy đề nghị số ${r.number} (lớp ${r.name}) bị trả lại`,
        detail: r.decision_reason ? `Lý do: ${r.decision_reason}` : 'Mở giấy đề nghị để xem lý do.',
        count: 1,
        href: `/de-nghi-sua-diem/${r.id}`,
        classId: r.class_id,
      }),
    );
}

/** The school's bulk print jobs still queued or running. */
async function printJobs(db: Executor, s: TodoScope): Promise<TodoItem[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'status', 'created_at', 'progress_done', 'progress_total'])
    .where('school_id', '=', s.schoolId)
    .where('kind', '=', 'print_documents')
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .execute();
  return rows.map((j) =>
    item({
      id: `print:${j.id}`,
      kind: 'print.job',
      title: `Lệnh in lúc ${formatVietnamDateTime(j.created_at)}: ${j.status === 'queued' ? 'đang chờ' : `đang in ${Number(j.progress_done)}/${Number(j.progress_total)}`}`,
      detail: 'Theo dõi và tải kết quả ở trang In ấn.',
      count: 1,
      href: '/in-an',
    }),
  );
}

/**
 * The bell: the user's unread notifications, less those whose subject is no longer waiting (a
 * correction decided, results approved or sent back): they are returned as `doneIds`.
 */
async function bell(db: Executor, s: TodoScope): Promise<Todo['bell']> {
  const unread = await db.selectFrom('notifications').select(['id', 'kind', 'link']).where('user_id', '=', s.actor.userId).where('read_at', 'is', null).orderBy('created_at', 'desc').limit(100).execute();
  const correctionIds = unread.filter((n) => n.kind === 'correction.filed').map((n) => /^\/corrections\/([^/?#]+)/.exec(n.link)?.[1]).filter((id): id is string => !!id);
  const pendingCorrections = new Set(
    correctionIds.length ? (await db.selectFrom('correction_requests').select('id').where('id', 'in', correctionIds).where('status', '=', 'pending').execute()).map((r) => r.id) : [],
  );
  const proposedClassIds = unread.filter((n) => n.kind === 'results.proposed').map((n) => /^\/(?:results|so-tong-hop)\/([^/?#]+)/.exec(n.link)?.[1]).filter((id): id is string => !!id);
  const proposed = new Set(
    proposedClassIds.length
      ? (await db.selectFrom('result_snapshots').select(['class_id', 'scope']).where('class_id', 'in', proposedClassIds).where('status', '=', 'proposed').execute()).map((r) => `${r.class_id}|${r.scope}`)
      : [],
  );
  const done = unread.filter((n) => {
    if (n.kind === 'correction.filed') return !pendingCorrections.has(/^\/corrections\/([^/?#]+)/.exec(n.link)?.[1] ?? '');
    if (n.kind === 'results.proposed') {
      const m = /^\/results\/([^/?#]+)\/([^/?#]+)/.exec(n.link) ?? /^\/so-tong-hop\/([^/?#]+)\?thoi-diem=([^&#]+)/.exec(n.link);
      return !!m && !proposed.has(`${m[1]}|${m[2]}`);
    }
    return false;
  });
  return { unread: unread.length - done.length, doneIds: done.map((n) => n.id) };
}

/** Everything the user has to do now in the year, most pressing kinds first. */
export async function loadTodo(db: Executor, s: TodoScope): Promise<Todo> {
  const a = s.actor;
  const leader = hasRole(a, 'principal', s.schoolId) || hasRole(a, 'vice_principal', s.schoolId);
  const clerk = hasRole(a, 'clerk', s.schoolId);
  const teacher = a.teaching.length > 0;
  const windows = teacher || hasRole(a, 'principal', s.schoolId) ? await loadWindows(db, s.yearId, s.now) : [];
  const signRoles = [...(a.homeroomClassIds.length ? (['homeroom'] as const) : []), ...(leader ? (['principal'] as const) : []), ...(clerk ? (['seal'] as const) : [])];
  const items = [
    ...(leader ? await resultsToApprove(db, s) : []),
    ...(leader ? await correctionsToDecide(db, s) : []),
    ...(leader ? await lockRequestsToConfirm(db, s) : []),
    ...(teacher ? await myEmptyColumns(db, s, windows) : []),
    ...(await correctionsReturned(db, s)),
    ...(await documentsToSign(db, s, signRoles)),
    ...(leader ? await transcriptsToConfirm(db, s) : []),
    ...(hasRole(a, 'principal', s.schoolId) ? await closedWithEmpty(db, s, windows) : []),
    ...(clerk ? await printJobs(db, s) : []),
  ];
  return { items, bell: await bell(db, s) };
}
