/**
 * Results approval (C5): the homeroom teacher checks the class's results and proposes them; the
 * principal approves only when every required value is present and nothing changed since the
 * proposal. Approval freezes a snapshot with the rule version and locks the period, so any later
 * change goes through a correction and a new approval. The secondary scopes (term1/term2/year/
 * final) are here; the primary points use the same steps (primary/approve-primary-results.ts).
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, classChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import { computeClassResults, type ResultScope } from './results-queries.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { homeroomUsers, notify, usersWithRole } from '../platform/notify.ts';
import { RESULT_SCOPE_LABELS, inSentence } from '../../shared/labels.ts';

/** What a proposal freezes, computed now from the stored data. */
export interface SnapshotContent {
  ruleVersion: string;
  /** The rows checked for gaps: each pupil with what is still missing. */
  students: readonly { listNumber: number; fullName: string; missing: readonly string[] }[];
  missingCount: number;
  /** What result_snapshots.snapshot_json keeps. */
  frozen: unknown;
  sha256: string;
}

/** One approvable period of a class: a secondary scope or a primary point. */
export interface SnapshotKind {
  /** result_snapshots.scope */
  scope: string;
  /** In a sentence: "học kỳ I", "giữa học kỳ I". */
  label: string;
  /** The page the notices open. */
  link: string;
  compute: (db: Executor) => Promise<SnapshotContent>;
  /** The locks rows approval inserts (class-wide; a null column locks the whole term). */
  locks: readonly { termNo: number; columnKey: string | null }[];
}

function missingMessage(content: SnapshotContent): string {
  const lines = content.students.filter((s) => s.missing.length).slice(0, 5).map((s) => `${s.listNumber}. ${s.fullName}: ${s.missing.slice(0, 3).join('; ')}${s.missing.length > 3 ? '…' : ''}`);
  return `Chưa đủ dữ liệu để phê duyệt kết quả (còn thiếu ${content.missingCount} mục). ${lines.join(' | ')}`;
}

async function completeContent(db: Executor, kind: SnapshotKind): Promise<SnapshotContent> {
  const content = await kind.compute(db);
  if (content.missingCount) throw new AppError('INVALID_STATE', missingMessage(content), { missingCount: content.missingCount });
  return content;
}

/** The secondary results of a scope (TT 22/2021): the term's grade book, or both terms for the year and after the summer. */
export function secondaryResultsKind(cls: Row<'classes'>, scope: ResultScope): SnapshotKind {
  return {
    scope,
    label: inSentence(RESULT_SCOPE_LABELS[scope]),
    link: `/results/${cls.id}/${scope}`,
    compute: async (db) => {
      const r = await computeClassResults(db, cls.id, scope);
      return { ruleVersion: r.ruleVersion, students: r.students, missingCount: r.missingCount, frozen: { students: r.students, summary: r.summary }, sha256: r.contentSha256 };
    },
    // The year locks both terms but leaves the summer re-assessment (term 3) open until the final approval.
    locks: (scope === 'term1' ? [1] : scope === 'term2' ? [2] : scope === 'year' ? [1, 2] : [3]).map((termNo) => ({ termNo, columnKey: null })),
  };
}

export interface ProposeSnapshotOptions {
  db: Db;
  cls: Row<'classes'>;
  userId: string;
  audit: AuditContext;
}

/** The homeroom teacher proposes a period's results: refused while anything is missing; replaces an earlier proposal. */
export async function proposeSnapshot(options: ProposeSnapshotOptions, kind: SnapshotKind): Promise<string> {
  const { db, cls, audit } = options;
  const results = await completeContent(db, kind);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('result_snapshots')
      .set({ status: 'superseded', superseded_by: id })
      .where('class_id', '=', cls.id)
      .where('scope', '=', kind.scope)
      .where('status', '=', 'proposed')
      .execute();
    await tx
      .insertInto('result_snapshots')
      .values({
        id,
        school_id: cls.school_id,
        school_year_id: cls.school_year_id,
        class_id: cls.id,
        scope: kind.scope,
        rule_version: results.ruleVersion,
        snapshot_json: JSON.stringify(results.frozen),
        sha256: results.sha256,
        status: 'proposed',
        proposed_by: options.userId,
        proposed_at: audit.now,
        approved_by: null,
        approved_at: null,
        superseded_by: null,
        version: 1,
      })
      .execute();
    await writeAudit(tx, audit, { chainKey: classChain(cls.id), schoolId: cls.school_id, action: 'results.proposed', entityType: 'result_snapshot', entityId: id, before: null, after: { scope: kind.scope, sha256: results.sha256, ruleVersion: results.ruleVersion } });
    await notify(tx, {
      schoolId: cls.school_id,
      userIds: await usersWithRole(tx, cls.school_id, ['principal']),
      kind: 'results.proposed',
      title: `Lớp ${cls.name} đề nghị phê duyệt kết quả ${kind.label}`,
      link: kind.link,
      now: audit.now,
    });
  });
  return id;
}

/**
 * The principal approves the proposal she read: refused when data are missing or changed since
 * (SHA-256); freezes it (superseding an earlier approval) and locks the period.
 */
export async function approveSnapshot(options: ProposeSnapshotOptions & { snapshotId: string }, kind: SnapshotKind): Promise<void> {
  const { db, cls, audit } = options;
  const snapshot = await db.selectFrom('result_snapshots').selectAll().where('id', '=', options.snapshotId).executeTakeFirst();
  if (!snapshot || snapshot.class_id !== cls.id || snapshot.scope !== kind.scope) throw new AppError('NOT_FOUND', 'Không tìm thấy bản đề nghị kết quả này.');
  if (snapshot.status !== 'proposed') throw new AppError('INVALID_STATE', snapshot.status === 'approved' ? 'Kết quả này đã được phê duyệt.' : 'Bản đề nghị này đã được thay bằng bản mới hơn.');
  const now = await completeContent(db, kind);
  if (now.sha256 !== snapshot.sha256) {
    throw new AppError('CONFLICT', 'Kết quả đã thay đổi sau khi giáo viên chủ nhiệm đề nghị. Giáo viên chủ nhiệm cần kiểm tra và đề nghị lại.');
  }
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('result_snapshots').set({ status: 'superseded', superseded_by: snapshot.id }).where('class_id', '=', cls.id).where('scope', '=', kind.scope).where('status', '=', 'approved').execute();
    const res = await tx
      .updateTable('result_snapshots')
      .set({ status: 'approved', approved_by: options.userId, approved_at: audit.now, version: Number(snapshot.version) + 1 })
      .where('id', '=', snapshot.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Bản đề nghị vừa thay đổi. Hãy tải lại.');
    // The approved period is locked: later changes need a correction and a new approval.
    const lockIds: string[] = [];
    for (const { termNo, columnKey } of kind.locks) {
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
          column_key: columnKey,
          reason: `Đã phê duyệt kết quả ${kind.label} lớp ${cls.name}`,
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
      title: `Hiệu trưởng đã phê duyệt kết quả ${kind.label} lớp ${cls.name}`,
      link: kind.link,
      now: audit.now,
    });
  });
}

export interface ProposeClassResultsOptions extends ProposeSnapshotOptions {
  scope: ResultScope;
}

export async function proposeClassResults(options: ProposeClassResultsOptions): Promise<string> {
  return proposeSnapshot(options, secondaryResultsKind(options.cls, options.scope));
}

export interface ApproveClassResultsOptions extends ProposeClassResultsOptions {
  /** The proposal the principal read. */
  snapshotId: string;
}

export async function approveClassResults(options: ApproveClassResultsOptions): Promise<void> {
  return approveSnapshot(options, secondaryResultsKind(options.cls, options.scope));
}
