/**
 * Results approval (C5): the homeroom teacher checks the class's results and proposes them; the
 * principal approves only when every required score and conduct level is present. Approval
 * freezes a snapshot with the rule version and locks the period's grade book, so any later
 * change goes through a correction and a new approval.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, classChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { computeClassResults, type ResultScope } from './results-queries.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { homeroomUsers, notify, usersWithRole } from '../platform/notify.ts';
import { RESULT_SCOPE_LABELS, inSentence } from '../../shared/labels.ts';

const scopeText = (scope: ResultScope): string => inSentence(RESULT_SCOPE_LABELS[scope]);

function missingMessage(results: Awaited<ReturnType<typeof computeClassResults>>): string {
  const lines = results.students.filter((s) => s.missing.length).slice(0, 5).map((s) => `${s.listNumber}. ${s.fullName}: ${s.missing.slice(0, 3).join('; ')}${s.missing.length > 3 ? '…' : ''}`);
  return `Chưa đủ dữ liệu để phê duyệt kết quả (còn thiếu ${results.missingCount} mục). ${lines.join(' | ')}`;
}

export interface ProposeClassResultsOptions {
  db: Db;
  cls: Row<'classes'>;
  scope: ResultScope;
  userId: string;
  audit: AuditContext;
}

export async function proposeClassResults(options: ProposeClassResultsOptions): Promise<string> {
  const { db, cls, scope, audit } = options;
  const results = await computeClassResults(db, cls.id, scope);
  if (!results.complete) throw new AppError('INVALID_STATE', missingMessage(results), { missingCount: results.missingCount });
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('result_snapshots')
      .set({ status: 'superseded', superseded_by: id })
      .where('class_id', '=', cls.id)
      .where('scope', '=', scope)
      .where('status', '=', 'proposed')
      .execute();
    await tx
      .insertInto('result_snapshots')
      .values({
        id,
        school_id: cls.school_id,
        school_year_id: cls.school_year_id,
        class_id: cls.id,
        scope,
        rule_version: results.ruleVersion,
        snapshot_json: JSON.stringify({ students: results.students, summary: results.summary }),
        sha256: results.contentSha256,
        status: 'proposed',
        proposed_by: options.userId,
        proposed_at: audit.now,
        approved_by: null,
        approved_at: null,
        superseded_by: null,
        version: 1,
      })
      .execute();
    await writeAudit(tx, audit, { chainKey: classChain(cls.id), schoolId: cls.school_id, action: 'results.proposed', entityType: 'result_snapshot', entityId: id, before: null, after: { scope, sha256: results.contentSha256, ruleVersion: results.ruleVersion } });
    await notify(tx, {
      schoolId: cls.school_id,
      userIds: await usersWithRole(tx, cls.school_id, ['principal']),
      kind: 'results.proposed',
      title: `Lớp ${cls.name} đề nghị phê duyệt kết quả ${scopeText(scope)}`,
      link: `/results/${cls.id}/${scope}`,
      now: audit.now,
    });
  });
  return id;
}

export interface ApproveClassResultsOptions extends ProposeClassResultsOptions {
  /** The proposal the principal read. */
  snapshotId: string;
}

export async function approveClassResults(options: ApproveClassResultsOptions): Promise<void> {
  const { db, cls, scope, audit } = options;
  const snapshot = await db.selectFrom('result_snapshots').selectAll().where('id', '=', options.snapshotId).executeTakeFirst();
  if (!snapshot || snapshot.class_id !== cls.id || snapshot.scope !== scope) throw new AppError('NOT_FOUND', 'Không tìm thấy bản đề nghị kết quả này.');
  if (snapshot.status !== 'proposed') throw new AppError('INVALID_STATE', snapshot.status === 'approved' ? 'Kết quả này đã được phê duyệt.' : 'Bản đề nghị này đã được thay bằng bản mới hơn.');
  const now = await computeClassResults(db, cls.id, scope);
  if (!now.complete) throw new AppError('INVALID_STATE', missingMessage(now), { missingCount: now.missingCount });
  if (now.contentSha256 !== snapshot.sha256) {
    throw new AppError('CONFLICT', 'Kết quả đã thay đổi sau khi giáo viên chủ nhiệm đề nghị. Giáo viên chủ nhiệm cần kiểm tra và đề nghị lại.');
  }
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('result_snapshots').set({ status: 'superseded', superseded_by: snapshot.id }).where('class_id', '=', cls.id).where('scope', '=', scope).where('status', '=', 'approved').execute();
    const res = await tx
      .updateTable('result_snapshots')
      .set({ status: 'approved', approved_by: options.userId, approved_at: audit.now, version: Number(snapshot.version) + 1 })
      .where('id', '=', snapshot.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Bản đề nghị vừa thay đổi. Hãy tải lại.');
    // The approved period is locked: later changes need a correction and a new approval. The year
    // locks both terms but leaves the summer re-assessment (term 3) open until the final approval.
    const termNos = scope === 'term1' ? [1] : scope === 'term2' ? [2] : scope === 'year' ? [1, 2] : [3];
    const lockIds: string[] = [];
    for (const termNo of termNos) {
      const lockId = randomUUID();
      lockIds.push(lockId);
      await tx
        .insertInto('locks')
        .values({
          id: lockId,
          school_id: cls.school_id,
          school_year_id: cls.school_year_id,
          grade: null,
          class_id: cls.id,
          subject_id: null,
          term_no: termNo,
          column_key: null,
          reason: `Đã phê duyệt kết quả ${scopeText(scope)} lớp ${cls.name}`,
          ordered_by: '',
          set_by: options.userId,
          set_at: audit.now,
          released_by: null,
          released_at: null,
          release_reason: '',
        })
        .execute();
    }
    await writeAudit(tx, audit, { chainKey: classChain(cls.id), schoolId: cls.school_id, action: 'results.approved', entityType: 'result_snapshot', entityId: snapshot.id, before: { status: 'proposed' }, after: { status: 'approved', sha256: snapshot.sha256, ruleVersion: snapshot.rule_version, lockIds } });
    await notify(tx, {
      schoolId: cls.school_id,
      userIds: await homeroomUsers(tx, cls.id),
      kind: 'results.approved',
      title: `Hiệu trưởng đã phê duyệt kết quả ${scopeText(scope)} lớp ${cls.name}`,
      link: `/results/${cls.id}/${scope}`,
      now: audit.now,
    });
  });
}
