/**
 * Anchors for the audit chains (Q3, issue 14 finding 3). The chains alone prove order, not
 * authorship: someone who can write to the database can rewrite an old event, recompute every
 * hash after it and move the head, or cut the last events off. A checkpoint records the heads
 * of the chains at a moment and is signed with a key that does not live in the database:
 *
 * - always the server's anchor key, an Ed25519 key in DATA_DIR/keys (created on first use,
 *   readable only by the server's user); its public key is kept with the checkpoints;
 * - and, where the school's seal is configured (SODIEM_SEAL_*), a detached CMS signature by
 *   the seal, which `openssl cms -verify` checks without this software.
 *
 * Each checkpoint carries only the heads that moved since the one before it and the SHA-256 of
 * that one, so checkpoints form their own chain. Besides its row, each is written as a file
 * under DATA_DIR/files/audit-checkpoints (in every backup and year-end archive), so deleting
 * checkpoint rows is found too. `verifyCheckpoints` checks every signature and every head
 * against the events: an event at or before a checkpointed head that was rewritten or removed
 * no longer has the hash the checkpoint signed.
 *
 * Taken after every lock, approval and archive (`ANCHORED_ACTIONS`), daily, and by
 * `sodiem anchor-audit`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditAction } from '../../../shared/audit-events.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { Db, Executor } from '../db/database.ts';
import type { Row } from '../db/schema.ts';
import { sha256Hex } from '../sha256.ts';
import { verifyTimestamp } from './tsa-timestamp.ts';

/** The actions after which a checkpoint is taken (locks, approvals, archives), with the reason it records. */
export const ANCHOR_REASONS: Readonly<Partial<Record<AuditAction, string>>> = {
  'lock.set': 'Sau khi khóa sổ',
  'lock.released': 'Sau khi mở khóa sổ',
  'window.set': 'Sau khi đặt thời hạn nhập điểm',
  'lockRequest.confirmed': 'Sau khi xác nhận yêu cầu mở sổ, đổi thời hạn',
  'correction.approved': 'Sau khi duyệt đề nghị sửa điểm',
  'correction.applied': 'Sau khi sửa điểm theo đề nghị đã duyệt',
  'results.approved': 'Sau khi phê duyệt kết quả',
  'archive.started': 'Khi lưu trữ cuối năm',
};
export const ANCHORED_ACTIONS: ReadonlySet<string> = new Set(Object.keys(ANCHOR_REASONS));

export const CHECKPOINT_FORMAT = 'sodiem-audit-checkpoint/1';
const KEY_FILE = join('keys', 'audit-anchor-ed25519.pem');
export const CHECKPOINT_DIR = join('files', 'audit-checkpoints');
const PUBLIC_KEY_DIR = join(CHECKPOINT_DIR, 'keys');

/** What a checkpoint signs. */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  at: string;
  reason: string;
  /** SHA-256 of the previous checkpoint's body; 64 zeros for the first. */
  prevSha256: string;
  /** How many chains exist at this checkpoint. */
  chains: number;
  /** The heads that moved since the previous checkpoint: chain key → [seq, hash]. */
  heads: Record<string, [number, string]>;
}

/** The file form of a checkpoint (DATA_DIR/files/audit-checkpoints/NNNNNNNN.json). */
export interface CheckpointFile {
  body: string;
  sha256: string;
  keyId: string;
  signature: string;
  sealCms: string | null;
  tsaToken?: string | null;
}

export interface AnchorOptions {
  dataDir: string;
  now: Date;
  reason: string;
  /** Signs the body with the school's seal (detached CMS, DER), where one is configured. */
  seal?: (body: Buffer) => Promise<Buffer>;
  /** Gets an RFC 3161 token over the body, where a TSA is configured; asked after the commit. */
  timestamp?: (body: Buffer) => Promise<Buffer>;
  /** Told when the TSA could not be reached: the checkpoint stands without its timestamp. */
  onTimestampError?: (error: unknown) => void;
}

const padded = (seq: number) => String(seq).padStart(8, '0');

/** The server's anchor key, created on first use. */
function anchorKey(dataDir: string): { privateKey: KeyObject; publicKey: KeyObject; keyId: string } {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  const keyId = sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
  const publicFile = join(dataDir, PUBLIC_KEY_DIR, `${keyId}.pem`);
  if (!existsSync(publicFile)) {
    mkdirSync(join(dataDir, PUBLIC_KEY_DIR), { recursive: true });
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
    chmodSync(publicFile, 0o644);
  }
  return { privateKey, publicKey, keyId };
}

/**
 * Takes a checkpoint of every chain's head and returns it (null when no chain moved since the
 * last one). Two processes taking one at once: the second finds the sequence number taken and
 * starts again with the new heads.
 */
export async function takeCheckpoint(db: Db, o: AnchorOptions): Promise<Row<'audit_checkpoints'> | null> {
  const row = await signCheckpoint(db, o);
  if (!row || !o.timestamp) return row;
  // The TSA is asked after the commit: no transaction waits on the network.
  try {
    const token = (await o.timestamp(Buffer.from(row.body, 'utf8'))).toString('base64');
    await db.updateTable('audit_checkpoints').set({ tsa_token: token }).where('seq', '=', row.seq).execute();
    const stamped = { ...row, tsa_token: token };
    writeCheckpointFile(o.dataDir, stamped);
    return stamped;
  } catch (error) {
    o.onTimestampError?.(error);
    return row;
  }
}

async function signCheckpoint(db: Db, o: AnchorOptions): Promise<Row<'audit_checkpoints'> | null> {
  const key = anchorKey(o.dataDir);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.transaction().execute(async (tx) => {
        const last = await tx.selectFrom('audit_checkpoints').select(['seq', 'sha256']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const heads = await tx.selectFrom('audit_chain_heads').selectAll().execute();
        const anchored = new Map((await tx.selectFrom('audit_checkpoint_heads').selectAll().execute()).map((h) => [h.chain_key, h]));
        const moved = heads.filter((h) => {
          const a = anchored.get(h.chain_key);
          return !a || Number(a.seq) !== Number(h.seq) || a.hash !== h.hash;
        });
        if (last && !moved.length) return null;
        const seq = last ? Number(last.seq) + 1 : 1;
        const body: CheckpointBody = {
          format: CHECKPOINT_FORMAT,
          seq,
          at: o.now.toISOString(),
          reason: o.reason,
          prevSha256: last?.sha256 ?? '0'.repeat(64),
          chains: heads.length,
          heads: Object.fromEntries(moved.map((h) => [h.chain_key, [Number(h.seq), h.hash]])),
        };
        const text = canonicalJson(body);
        const bytes = Buffer.from(text, 'utf8');
        const row: Row<'audit_checkpoints'> = {
          seq,
          at: body.at,
          reason: o.reason,
          body: text,
          sha256: sha256Hex(bytes),
          key_id: key.keyId,
          signature: sign(null, bytes, key.privateKey).toString('base64'),
          seal_cms: o.seal ? (await o.seal(bytes)).toString('base64') : null,
          tsa_token: null,
        };
        await tx.insertInto('audit_checkpoints').values(row).execute();
        for (const h of moved) {
          await tx
            .insertInto('audit_checkpoint_heads')
            .values({ chain_key: h.chain_key, seq: h.seq, hash: h.hash, checkpoint_seq: seq })
            .onConflict((oc) => oc.column('chain_key').doUpdateSet({ seq: h.seq, hash: h.hash, checkpoint_seq: seq }))
            .execute();
        }
        writeCheckpointFile(o.dataDir, row);
        return row;
      });
    } catch (error) {
      // Another process took this sequence number first: read the heads again.
      if (attempt < 3 && /unique|duplicate|primary key/i.test(String((error as Error).message))) continue;
      throw error;
    }
  }
}

function writeCheckpointFile(dataDir: string, row: Row<'audit_checkpoints'>): void {
  const dir = join(dataDir, CHECKPOINT_DIR);
  mkdirSync(dir, { recursive: true });
  const file: CheckpointFile = { body: row.body, sha256: row.sha256, keyId: row.key_id, signature: row.signature, sealCms: row.seal_cms, tsaToken: row.tsa_token };
  writeFileSync(join(dir, `${padded(Number(row.seq))}.json`), `${JSON.stringify(file, null, 2)}\n`);
}

/** The checkpoint files of DATA_DIR, by sequence number. */
export function readCheckpointFiles(dataDir: string): Map<number, CheckpointFile> {
  const dir = join(dataDir, CHECKPOINT_DIR);
  const files = new Map<number, CheckpointFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const m = /^(\d{8})\.json$/.exec(name);
    if (m) files.set(Number(m[1]), JSON.parse(readFileSync(join(dir, name), 'utf8')) as CheckpointFile);
  }
  return files;
}

export interface CheckpointProblem {
  seq: number;
  problem: string;
}

export interface CheckpointCheck {
  checkpoints: number;
  /** Checkpoints with a valid RFC 3161 timestamp. */
  timestamped: number;
  /** Heads signed by the checkpoints and checked against the events. */
  heads: number;
  problems: CheckpointProblem[];
}

/**
 * Checks every checkpoint: its row against its file, its signature with the public key kept in
 * DATA_DIR, its link to the previous one, and each head it signed against the stored events.
 * `verifySeal` checks a seal signature (detached CMS) over the body, where one was made.
 */
export async function verifyCheckpoints(db: Executor, dataDir: string, verifySeal?: (body: Buffer, cms: Buffer) => string | null): Promise<CheckpointCheck> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const files = readCheckpointFiles(dataDir);
  const problems: CheckpointProblem[] = [];
  const keys = new Map<string, KeyObject | null>();
  const publicKey = (keyId: string) => {
    if (!keys.has(keyId)) {
      const file = join(dataDir, PUBLIC_KEY_DIR, `${keyId}.pem`);
      const found = existsSync(file) ? createPublicKey(readFileSync(file)) : null;
      keys.set(keyId, found && sha256Hex(found.export({ type: 'spki', format: 'der' })) === keyId ? found : null);
    }
    return keys.get(keyId) ?? null;
  };
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  for (const seq of files.keys()) if (!bySeq.has(seq)) problems.push({ seq, problem: 'điểm neo có tệp trong thư mục dữ liệu nhưng đã bị xóa khỏi cơ sở dữ liệu' });

  let prevSha = '0'.repeat(64);
  let heads = 0;
  let timestamped = 0;
  const claims: { seq: number; chainKey: string; eventSeq: number; hash: string }[] = [];
  for (const [i, row] of rows.entries()) {
    const seq = Number(row.seq);
    const fail = (problem: string) => problems.push({ seq, problem });
    if (seq !== i + 1) fail(`thiếu điểm neo: mong đợi số ${i + 1}, gặp ${seq}`);
    const file = files.get(seq);
    if (!file) fail('điểm neo không có tệp trong thư mục dữ liệu (tệp bị xóa, hoặc điểm neo được thêm thẳng vào cơ sở dữ liệu)');
    else if (file.body !== row.body || file.signature !== row.signature || file.keyId !== row.key_id || (file.sealCms ?? null) !== (row.seal_cms ?? null) || (file.tsaToken ?? null) !== (row.tsa_token ?? null))
      fail('điểm neo trong cơ sở dữ liệu khác tệp của nó trong thư mục dữ liệu');
    const bytes = Buffer.from(row.body, 'utf8');
    if (sha256Hex(bytes) !== row.sha256) fail('mã băm của điểm neo không khớp nội dung');
    const key = publicKey(row.key_id);
    if (!key) fail(`không tìm thấy khóa công khai ${row.key_id.slice(0, 16)}… trong thư mục dữ liệu để kiểm tra chữ ký điểm neo`);
    else if (!verify(null, bytes, key, Buffer.from(row.signature, 'base64'))) fail('chữ ký của điểm neo không hợp lệ (nội dung bị sửa hoặc ký bằng khóa khác)');
    if (row.tsa_token) {
      const stamp = await verifyTimestamp(Buffer.from(row.tsa_token, 'base64'), bytes);
      if (stamp.valid) timestamped += 1;
      else fail(`dấu thời gian RFC 3161 của điểm neo: ${stamp.problem}`);
    }
    if (row.seal_cms && verifySeal) {
      const sealProblem = verifySeal(bytes, Buffer.from(row.seal_cms, 'base64'));
      if (sealProblem) fail(`chữ ký con dấu của điểm neo: ${sealProblem}`);
    }
    let body: CheckpointBody;
    try {
      body = JSON.parse(row.body) as CheckpointBody;
    } catch {
      fail('không đọc được nội dung điểm neo');
      continue;
    }
    if (body.seq !== seq) fail(`nội dung điểm neo ghi số ${body.seq}`);
    if (body.prevSha256 !== prevSha) fail('điểm neo không nối tiếp điểm neo trước (điểm neo bị xóa hoặc thay)');
    prevSha = row.sha256;
    for (const [chainKey, [eventSeq, hash]] of Object.entries(body.heads)) claims.push({ seq, chainKey, eventSeq, hash });
    heads += Object.keys(body.heads).length;
  }

  // Each signed head against the stored event at that place in its chain.
  for (let i = 0; i < claims.length; i += 200) {
    const batch = claims.slice(i, i + 200);
    const stored = await db
      .selectFrom('audit_events')
      .select(['chain_key', 'seq', 'hash'])
      .where((eb) => eb.or(batch.map((c) => eb.and([eb('chain_key', '=', c.chainKey), eb('seq', '=', c.eventSeq)]))))
      .execute();
    const found = new Map(stored.map((s) => [`${s.chain_key}#${Number(s.seq)}`, s.hash]));
    for (const c of batch) {
      const hash = found.get(`${c.chainKey}#${c.eventSeq}`);
      if (hash === undefined) problems.push({ seq: c.seq, problem: `chuỗi ${c.chainKey}: sự kiện số ${c.eventSeq} đã được neo nhưng không còn (nhật kí bị cắt bớt)` });
      else if (hash !== c.hash) problems.push({ seq: c.seq, problem: `chuỗi ${c.chainKey}: sự kiện số ${c.eventSeq} khác với lúc neo (nhật kí đến đó đã bị viết lại)` });
    }
  }
  return { checkpoints: rows.length, timestamped, heads, problems };
}
