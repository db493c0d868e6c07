/**
 * Stored records against their audit chains, both ways (Q3, issue 14 finding 3): every record
 * of an audited table must equal what its audit events say it is, every record must have an
 * event, and every record an event speaks of must still exist. A change made straight in the
 * database — a score moved to another pupil or column, a cell deleted, a role granted, a lock
 * released, a window widened, a pupil's status or a correction's state rewritten — is found.
 *
 * Each audited table has one rule: which stored fields it checks, and what each audit action
 * says about those fields (`claims`). Replaying a record's events in chain order gives the
 * values it must have; fields no event speaks of are not checked.
 */
import type { Executor } from '../db/database.ts';
import type { AuditAction } from '../../../shared/audit-events.ts';

export interface RecordMismatch {
  table: string;
  entityId: string;
  chainKey: string;
  problem: string;
}

type Fields = Record<string, unknown>;

/** What one audit event says about records of a table: their id and the values it sets. */
interface Claim {
  id: string;
  fields: Fields;
  /** The event took the record out (e.g. a test deleted from the testing plan): it must no longer be stored. */
  removed?: boolean;
}

interface StoredEvent {
  chainKey: string;
  action: string;
  entityId: string;
  at: string;
  before: unknown;
  after: unknown;
}

interface AuditedTable {
  table: string;
  /** The Vietnamese name of one record, for the report. */
  noun: string;
  /** The actions that speak about this table's records, and what each says. */
  claims: Partial<Record<AuditAction, (e: StoredEvent) => Claim[]>>;
  /** Every stored record: id → its checked fields, with the chain its events are on. */
  load(db: Executor): Promise<Map<string, Fields>>;
  /** Whether a record must have an event (default: every record). */
  needsEvent?: (record: Fields) => boolean;
}

const obj = (v: unknown): Fields => (v && typeof v === 'object' ? (v as Fields) : {});
const pick = (source: Fields, names: readonly string[]): Fields => Object.fromEntries(names.filter((n) => n in source).map((n) => [n, source[n]]));

const CELL_KEY = ['student_id', 'class_id', 'subject_id', 'term_no', 'column_key'] as const;

function cellClaim(e: StoredEvent): Claim[] {
  const a = obj(e.after);
  const [, classId, subjectId] = e.chainKey.split(':');
  return [
    {
      id: e.entityId,
      fields: {
        student_id: a.studentId,
        class_id: a.classId ?? classId,
        subject_id: a.subjectId ?? subjectId,
        term_no: a.termNo,
        column_key: a.columnKey,
        score_tenths: a.scoreTenths ?? null,
        text_value: a.text ?? null,
        version: a.version,
      },
    },
  ];
}

const STUDENT_FIELDS = ['school_id', 'family_name', 'middle_name', 'given_name', 'sex', 'date_of_birth', 'place_of_birth', 'ethnicity', 'nationality', 'religion', 'national_id', 'student_code', 'address', 'phone', 'guardians_json', 'status'] as const;
const studentSnapshot = (e: StoredEvent, row: unknown): Claim[] => [{ id: e.entityId, fields: pick(obj(row), STUDENT_FIELDS) }];
const studentStatus = (e: StoredEvent): Claim[] => {
  const status = obj(e.after).studentStatus;
  return typeof status === 'string' ? [{ id: e.entityId, fields: { status } }] : [];
};

const LOCK_FIELDS = ['school_year_id', 'grade', 'class_id', 'subject_id', 'term_no', 'column_key', 'reason', 'ordered_by', 'set_by', 'set_at', 'released_by', 'released_at'] as const;
const WINDOW_FIELDS = ['point', 'opens_on', 'closes_on', 'ordered_by', 'set_by', 'set_at'] as const;
const PLAN_FIELDS = ['school_year_id', 'class_id', 'subject_id', 'term_no', 'test', 'test_on', 'updated_by', 'updated_at'] as const;

/** A user's roles as one comparable value: the distinct role names, sorted. */
const roleSet = (roles: unknown[]): string => [...new Set(roles.map(String))].sort().join(',');

const accountAccess = (e: StoredEvent): Claim[] => {
  const a = obj(e.after);
  return [{ id: e.entityId, fields: { roles: roleSet(Array.isArray(a.roles) ? a.roles : []), disabled: a.disabled ? 1 : 0 } }];
};

const correctionStatus = (e: StoredEvent): Claim[] => [{ id: e.entityId, fields: { status: obj(e.after).status } }];

async function byId(rows: Fields[]): Promise<Map<string, Fields>> {
  return new Map(rows.map((r) => [String(r.id), r]));
}

const AUDITED_TABLES: AuditedTable[] = [
  {
    table: 'gradebook_cells',
    noun: 'ô điểm',
    claims: { 'score.entered': cellClaim, 'score.changed': cellClaim, 'score.cleared': cellClaim },
    load: async (db) => byId(await db.selectFrom('gradebook_cells').select(['id', ...CELL_KEY, 'score_tenths', 'text_value', 'version']).execute()),
  },
  {
    table: 'students',
    noun: 'học sinh',
    claims: {
      'student.created': (e) => studentSnapshot(e, obj(e.after).student),
      'student.transferredIn': (e) => studentSnapshot(e, obj(e.after).student),
      'student.updated': (e) => studentSnapshot(e, e.after),
      'student.transferredOut': studentStatus,
      'student.droppedOut': studentStatus,
      'student.classChanged': studentStatus,
      'schoolYear.rolledOver': (e) => {
        const ids = obj(e.after).graduatedIds;
        return Array.isArray(ids) ? ids.map((id) => ({ id: String(id), fields: { status: 'graduated' } })) : [];
      },
    },
    load: async (db) => byId(await db.selectFrom('students').select(['id', ...STUDENT_FIELDS]).execute()),
  },
  {
    table: 'user_roles',
    noun: 'tài khoản (vai trò)',
    claims: {
      'account.created': (e) => {
        const grants = obj(e.after).grants;
        return [{ id: e.entityId, fields: { roles: roleSet(Array.isArray(grants) ? grants.map((g) => obj(g).role) : []), disabled: 0 } }];
      },
      'account.updated': accountAccess,
      'account.disabled': accountAccess,
      'account.rolesChanged': accountAccess,
    },
    load: async (db) => {
      const users = await db.selectFrom('users').select(['id', 'disabled']).execute();
      const roles = await db.selectFrom('user_roles').select(['user_id', 'role']).execute();
      const byUser = new Map<string, string[]>();
      for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role]);
      return new Map(users.map((u) => [u.id, { roles: roleSet(byUser.get(u.id) ?? []), disabled: Number(u.disabled) ? 1 : 0 }]));
    },
  },
  {
    table: 'locks',
    noun: 'khóa sổ',
    claims: {
      'lock.set': (e) => [{ id: e.entityId, fields: pick(obj(e.after), LOCK_FIELDS) }],
      'lock.released': (e) => {
        const a = obj(e.after);
        return [{ id: e.entityId, fields: { released_at: a.releasedAt, released_by: a.releasedBy } }];
      },
      'results.approved': (e) => {
        const ids = obj(e.after).lockIds;
        return Array.isArray(ids) ? ids.map((id) => ({ id: String(id), fields: { released_at: null } })) : [];
      },
    },
    load: async (db) => byId(await db.selectFrom('locks').select(['id', ...LOCK_FIELDS]).execute()),
  },
  {
    table: 'assessment_windows',
    noun: 'thời hạn nhập điểm',
    claims: { 'window.set': (e) => [{ id: e.entityId, fields: pick(obj(e.after), WINDOW_FIELDS) }] },
    load: async (db) => byId(await db.selectFrom('assessment_windows').select(['id', ...WINDOW_FIELDS]).execute()),
  },
  {
    table: 'testing_plan_entries',
    noun: 'ngày kiểm tra trong kế hoạch kiểm tra',
    claims: { 'testingPlan.set': (e) => [{ id: e.entityId, fields: pick(obj(e.after), PLAN_FIELDS) }], 'testingPlan.deleted': (e) => [{ id: e.entityId, fields: {}, removed: true }] },
    load: async (db) => byId(await db.selectFrom('testing_plan_entries').select(['id', ...PLAN_FIELDS]).execute()),
  },
  {
    table: 'lock_requests',
    noun: 'yêu cầu mở sổ, đổi thời hạn',
    claims: {
      'lockRequest.filed': (e) => {
        const a = obj(e.after);
        return [{ id: e.entityId, fields: { status: a.status, kind: a.kind, lock_id: a.lockId, point: a.point, opens_on: a.opensOn, closes_on: a.closesOn, requested_by: a.requestedBy } }];
      },
      'lockRequest.confirmed': (e) => [{ id: e.entityId, fields: { status: obj(e.after).status } }],
      'lockRequest.refused': (e) => [{ id: e.entityId, fields: { status: obj(e.after).status } }],
    },
    load: async (db) => byId(await db.selectFrom('lock_requests').select(['id', 'status', 'kind', 'lock_id', 'point', 'opens_on', 'closes_on', 'requested_by']).execute()),
  },
  {
    table: 'schools',
    noun: 'phó hiệu trưởng được ủy quyền xác nhận của trường',
    claims: { 'settings.delegateChanged': (e) => [{ id: e.entityId, fields: { confirm_delegate_user_id: obj(e.after).delegateUserId } }] },
    load: async (db) => byId(await db.selectFrom('schools').select(['id', 'confirm_delegate_user_id']).execute()),
    // A school whose delegate was never set has no event; one with a delegate must have one.
    needsEvent: (school) => school.confirm_delegate_user_id !== null,
  },
  {
    table: 'seal_registrations',
    noun: 'đăng kí con dấu số',
    claims: {
      'seal.registered': (e) => {
        const replaced = obj(e.before).id;
        const a = obj(e.after);
        return [
          ...(typeof replaced === 'string' ? [{ id: replaced, fields: { replaced_at: e.at } }] : []),
          { id: e.entityId, fields: { certificate_sha256: a.certificateSha256, subject: a.subject, registered_at: e.at, replaced_at: null } },
        ];
      },
    },
    load: async (db) => byId(await db.selectFrom('seal_registrations').select(['id', 'certificate_sha256', 'subject', 'registered_at', 'replaced_at']).execute()),
  },
  {
    table: 'delegations',
    noun: 'ủy quyền cho phó hiệu trưởng',
    claims: {
      'delegation.granted': (e) => {
        const a = obj(e.after);
        return [{ id: e.entityId, fields: { school_year_id: a.schoolYearId, delegate_user_id: a.delegateUserId, powers_json: JSON.stringify(a.powers), scope: a.scope, granted_by: a.grantedBy, granted_at: a.grantedAt, revoked_by: null, revoked_at: null, version: a.version } }];
      },
      'delegation.revoked': (e) => {
        const a = obj(e.after);
        return [{ id: e.entityId, fields: { revoked_by: a.revokedBy, revoked_at: a.revokedAt, version: a.version } }];
      },
    },
    load: async (db) => byId(await db.selectFrom('delegations').select(['id', 'school_year_id', 'delegate_user_id', 'powers_json', 'scope', 'granted_by', 'granted_at', 'revoked_by', 'revoked_at', 'version']).execute()),
    // Carried over from the old confirm-delegate setting (granted_by null): that setting's event is its record.
    needsEvent: (d) => d.granted_by !== null,
  },
  {
    table: 'correction_requests',
    noun: 'đề nghị sửa điểm',
    claims: {
      'correction.filed': (e) => [{ id: e.entityId, fields: { status: 'pending', number: obj(e.after).number } }],
      'correction.approved': correctionStatus,
      'correction.rejected': correctionStatus,
      'correction.applied': correctionStatus,
    },
    load: async (db) => byId(await db.selectFrom('correction_requests').select(['id', 'status', 'number']).execute()),
  },
];

/** Values as stored by either database and as read back from JSON compare equal. */
function same(stored: unknown, claimed: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && /^-?\d+$/.test(v) && v.length < 16 ? Number(v) : v);
  return norm(stored) === norm(claimed);
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? 'trống' : String(v));

/** Checks every record of every audited table against its events; one line per record. */
export async function verifyStoredRecords(db: Executor): Promise<RecordMismatch[]> {
  const actions = [...new Set(AUDITED_TABLES.flatMap((t) => Object.keys(t.claims)))];
  const events = await db
    .selectFrom('audit_events')
    .select(['chain_key', 'seq', 'action', 'entity_id', 'at', 'before_json', 'after_json'])
    .where('action', 'in', actions)
    .orderBy('chain_key')
    .orderBy('seq')
    .execute();
  const problems: RecordMismatch[] = [];
  for (const rule of AUDITED_TABLES) {
    const expected = new Map<string, { chainKey: string; seq: number; fields: Fields }>();
    for (const row of events) {
      const claim = rule.claims[row.action as AuditAction];
      if (!claim) continue;
      const event = {
        chainKey: row.chain_key,
        action: row.action,
        entityId: row.entity_id,
        at: row.at,
        before: row.before_json ? JSON.parse(row.before_json) : null,
        after: row.after_json ? JSON.parse(row.after_json) : null,
      };
      for (const c of claim(event)) {
        if (c.removed) {
          expected.delete(c.id);
          continue;
        }
        const prior = expected.get(c.id);
        expected.set(c.id, { chainKey: row.chain_key, seq: Number(row.seq), fields: { ...prior?.fields, ...c.fields } });
      }
    }
    const stored = await rule.load(db);
    for (const [id, record] of stored) {
      const audited = expected.get(id);
      if (!audited) {
        if (rule.needsEvent && !rule.needsEvent(record)) continue;
        problems.push({ table: rule.table, entityId: id, chainKey: '', problem: `${rule.noun} ${id} không có sự kiện nào trong nhật kí (ghi thẳng vào cơ sở dữ liệu?)` });
        continue;
      }
      const differing = Object.keys(audited.fields).filter((f) => !same(record[f], audited.fields[f]));
      if (differing.length) {
        const detail = differing.map((f) => `${f} đang lưu ${shown(record[f])}, nhật kí ghi ${shown(audited.fields[f])}`).join('; ');
        problems.push({ table: rule.table, entityId: id, chainKey: audited.chainKey, problem: `${rule.noun} ${id} khác nhật kí (sự kiện số ${audited.seq}): ${detail}` });
      }
    }
    for (const [id, audited] of expected) {
      if (!stored.has(id)) problems.push({ table: rule.table, entityId: id, chainKey: audited.chainKey, problem: `${rule.noun} ${id} có trong nhật kí (sự kiện số ${audited.seq}) nhưng không còn trong cơ sở dữ liệu (bị xóa?)` });
    }
  }
  return problems;
}
