/**
 * The demo's học bạ waiting for each signer (issue 12): the clerk (vanthu) prints the học bạ of
 * 9A1 — the print job's handler run directly, as the job worker would, so every document gets its
 * `document.create` audit entry as the clerk — then, with the demo's test certificates, the
 * homeroom teacher (gvcn.9a1) signs some, the principal (hieutruong) signs a few of those and the
 * clerk applies the school's seal to them (registered as the school's by ensureDemoCertificates;
 * the demo's root is trusted), through the signDocument action (each signature with
 * its `document.sign` audit entry). All of it shortly before the demo's clock: the print 90
 * minutes before `now`, the signatures after it, none before the certificates' validity.
 *
 * Afterwards (with the default counts, 40 students): 4 học bạ fully signed (homeroom, principal,
 * seal), 8 signed by the homeroom teacher and waiting for the principal, the rest waiting for the
 * homeroom teacher. Idempotent: nothing is done when a học bạ of the class is already stored.
 * The caller registers the kinds of print first (src/server/print-kinds.ts; main.ts through app.ts).
 * Null (nothing done) without openssl (no demo certificates) or without a printable học bạ.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import { clockStartingAt } from '../platform/clock.ts';
import { loadSignatures, nextSignature, signDocument, signingPlace, signingTrustStore } from '../documents/index.ts';
import { parseEnv } from '../platform/env.ts';
import { hashToken, newToken, type RequestAuth } from '../platform/http/context.ts';
import { runJobNow } from '../platform/jobs/job-runner.ts';
import { classStudents, printDocuments, type PrintDocumentsParams, type PrintDocumentsResult } from '../printing/index.ts';
import { SIGNING_ORDER } from '../platform/files/store-document.ts';
import { createSigner } from '../platform/signing/create-signer.ts';
import { describeCertificate } from '../platform/signing/describe-certificate.ts';
import type { Signer, SignerConfig } from '../platform/signing/signer.ts';
import { primaryRole } from '../../domain/policies/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { loadActor } from '../platform/http/actors.ts';
import { ensureDemoCertificates } from './demo-certificates.ts';
import { DEMO_PASSWORD } from './seed-demo.ts';

const MINUTE = 60_000;

export interface SeedDemoDocumentsOptions {
  /** DATA_DIR: the stored files and the demo certificates (DATA_DIR/demo-signing) live there. */
  dataDir: string;
  /** The demo's THCS school. */
  schoolId: string;
  /** Class 9A1 (every student has confirmed years, so the whole class prints). */
  classId: string;
  /** The demo's clock: the print and the signatures are dated shortly before it. */
  now: Date;
  /** Printed into each học bạ's verification link (the print route uses the request's host). */
  baseUrl?: string;
  /** How many học bạ (in list order) end fully signed, and how many wait for the principal. */
  fullySigned?: number;
  awaitingPrincipal?: number;
  /**
   * The seal step of the fully signed ones, as the route's `server` method opens it (createSigner
   * of env.signing.seal). Default: the demo seal con-dau-truong.p12 — what main.ts configures
   * when no real seal is. `false`: no seal, those học bạ stay waiting for the seal.
   */
  seal?: SignerConfig | false;
}

export interface SeedDemoDocumentsResult {
  /** false when the học bạ of the class were already stored (nothing done). */
  created: boolean;
  jobId: string | null;
  /** The class's current học bạ by the step they wait for (`signed`: every step given). */
  awaitingHomeroom: number;
  awaitingPrincipal: number;
  awaitingSeal: number;
  signed: number;
  /** wall time of the run, ms */
  elapsedMs: number;
}

/** A logged-in user as the request context (http/context.ts loadSession) would hold it. */
async function authOf(db: Db, username: string, at: Date): Promise<RequestAuth> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const iso = at.toISOString();
  const session = {
    id: hashToken(newToken()),
    user_id: user.id,
    csrf_token: newToken(),
    pending_totp: 0,
    created_at: iso,
    last_seen_at: iso,
    expires_at: new Date(at.getTime() + 120 * MINUTE).toISOString(),
    ip: '127.0.0.1',
    user_agent: 'sodiem seed-demo',
  };
  return { session, user, actor: await loadActor(db, user) };
}

function auditOf(auth: RequestAuth, at: Date, requestId: string): AuditContext {
  return { actorUserId: auth.user.id, actorRole: primaryRole(auth.actor), ip: '127.0.0.1', userAgent: 'sodiem seed-demo', requestId, now: at.toISOString() };
}

/**
 * The học bạ of the class's students (as printed: the students of print-targets.ts, their series
 * `transcript:<studentId>`). Not by the document's classId: that is the class of the latest
 * confirmed year (8A1 of last year for 9A1).
 */
async function classTranscripts(db: Db, schoolId: string, classId: string) {
  const students = await classStudents(db, classId);
  if (!students.length) return [];
  return db
    .selectFrom('documents')
    .select(['id', 'current_sha256', 'superseded_by_id'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'transcript')
    .where('series_key', 'in', students.map((s) => `transcript:${s.studentId}`))
    .execute();
}

async function summarize(db: Db, o: { schoolId: string; classId: string }) {
  const docs = (await classTranscripts(db, o.schoolId, o.classId)).filter((d) => !d.superseded_by_id);
  const signatures = await loadSignatures(db, docs.map((d) => d.id));
  const counts = { awaitingHomeroom: 0, awaitingPrincipal: 0, awaitingSeal: 0, signed: 0 };
  for (const d of docs) {
    const next = nextSignature(signatures.get(d.id) ?? []);
    if (!next) counts.signed++;
    else if (next.role === 'homeroom') counts.awaitingHomeroom++;
    else if (next.role === 'principal') counts.awaitingPrincipal++;
    else if (next.role === 'seal') counts.awaitingSeal++;
  }
  return counts;
}

/** Prints the học bạ of the class as the clerk: a print_documents job run here, start to finish, as the worker would. */
async function printAsClerk(db: Db, o: SeedDemoDocumentsOptions, clerk: RequestAuth, at: Date): Promise<{ jobId: string; result: PrintDocumentsResult }> {
  const cls = await db.selectFrom('classes').select(['name']).where('id', '=', o.classId).executeTakeFirstOrThrow();
  const params: PrintDocumentsParams = {
    kind: 'transcript',
    classIds: [o.classId],
    options: {},
    baseUrl: o.baseUrl ?? 'http://localhost:3000',
    name: `hoc-ba-${cls.name}`.replace(/[^\w.-]+/g, '-'),
    actorRole: primaryRole(clerk.actor),
  };
  const { job, outcome } = await runJobNow({
    db,
    // The print job reads only DATA_DIR of the configuration.
    env: parseEnv({ DATA_DIR: o.dataDir, LOG_LEVEL: 'silent' }),
    enqueue: { schoolId: o.schoolId, kind: 'print_documents', params, createdBy: clerk.user.id, now: new Date(at.getTime() - 5_000) },
    handler: printDocuments,
    workerId: `seed-demo:${process.pid}:${randomUUID().slice(0, 8)}`,
    // The job's own times are the demo's; the lease is kept on the running clock (a job worker
    // already running must not take the job over).
    clock: clockStartingAt(at),
    leaseClock: clockStartingAt(o.now),
    retry: false,
  });
  if (outcome.status === 'failed') throw outcome.error;
  if (outcome.status === 'released') throw new Error(`print job ${job.id} was taken over`);
  return { jobId: job.id, result: outcome.result as PrintDocumentsResult };
}

export async function seedDemoDocuments(db: Db, o: SeedDemoDocumentsOptions): Promise<SeedDemoDocumentsResult | null> {
  const started = performance.now();
  const done = async (created: boolean, jobId: string | null): Promise<SeedDemoDocumentsResult> => ({
    created,
    jobId,
    ...(await summarize(db, o)),
    elapsedMs: Math.round(performance.now() - started),
  });
  if ((await classTranscripts(db, o.schoolId, o.classId)).length) return done(false, null);
  const confirmed = await db
    .selectFrom('transcript_records')
    .innerJoin('enrollments', 'enrollments.student_id', 'transcript_records.student_id')
    .select('transcript_records.id')
    .where('enrollments.class_id', '=', o.classId)
    .where('transcript_records.status', '=', 'confirmed')
    .limit(1)
    .executeTakeFirst();
  if (!confirmed) return null; // nothing printable (a demo seeded without scores)
  const certs = await ensureDemoCertificates(db, o.dataDir, o.now);
  if (!certs) return null; // no openssl: no demo certificates to sign with
  const p12 = (username: string): SignerConfig => {
    const file = certs.people.find((p) => p.username === username)?.file;
    if (!file) throw new Error(`no demo certificate for ${username}`);
    return { backend: 'pkcs12', file: readFileSync(file), password: DEMO_PASSWORD };
  };
  // The demo's trust: the shipped roots and the demo's own (a demo configuration, SODIEM_DEMO=1).
  const trust = signingTrustStore(parseEnv({ DATA_DIR: o.dataDir, LOG_LEVEL: 'silent' }));
  const sealConfig: SignerConfig | null = o.seal === false ? null : (o.seal ?? { backend: 'pkcs12', file: readFileSync(certs.seal), password: DEMO_PASSWORD });
  // Each signer opens her certificate once and signs her documents with it (createSigner, as the
  // route does per request); closed at the end.
  const opened: Signer[] = [];
  const openOnce = async (config: SignerConfig): Promise<() => Promise<Signer>> => {
    const signer = await createSigner(config);
    opened.push(signer);
    // signDocument closes what it opened after each signature: this one stays open until the end.
    const shared: Signer = {
      backend: signer.backend,
      certificateChain: () => signer.certificateChain(),
      signatureAlgorithm: () => signer.signatureAlgorithm(),
      sign: (data) => signer.sign(data),
    };
    return async () => shared;
  };
  try {
    const homeroomSigner = await openOnce(p12('gvcn.9a1'));
    const principalSigner = await openOnce(p12('hieutruong'));

    // The demo's afternoon: printed 90 minutes before `now`, signed in the hour after; never
    // before the certificates are valid (made earlier, they are valid from the day before).
    const homeroomCert = describeCertificate((await (await homeroomSigner()).certificateChain())[0]);
    const start = Math.max(o.now.getTime() - 90 * MINUTE, homeroomCert.notBefore.getTime() + MINUTE);
    const at = (minutes: number, i = 0) => new Date(Math.min(start + minutes * MINUTE + i * 40_000, o.now.getTime() - 1_000));

    const clerk = await authOf(db, 'vanthu', new Date(start));
    const { jobId, result } = await printAsClerk(db, o, clerk, new Date(start));

    const fullySigned = Math.min(o.fullySigned ?? 4, result.documents.length);
    const awaitingPrincipal = Math.min(o.awaitingPrincipal ?? 8, result.documents.length - fullySigned);
    const toSign = result.documents.slice(0, fullySigned + awaitingPrincipal).map((d) => d.id);
    const location = await signingPlace(db, o.schoolId);

    /** One signature through the action, as the signing route gives it (over the bytes as they stand). */
    const sign = async (auth: RequestAuth, documentId: string, role: string, when: Date, openSigner: () => Promise<Signer>, n: number) => {
      const doc = await db.selectFrom('documents').select(['current_sha256']).where('id', '=', documentId).executeTakeFirstOrThrow();
      const step = nextSignature((await loadSignatures(db, [documentId])).get(documentId) ?? []);
      if (step?.role !== role) throw new Error(`${documentId}: next step is ${step?.role ?? 'none'}, not ${role}`);
      await signDocument({
        db,
        dataDir: o.dataDir,
        auth,
        audit: auditOf(auth, when, `seed-demo-documents:${role}:${n}`),
        documentId,
        seq: step.seq,
        expectedSha256: doc.current_sha256,
        openSigner,
        location,
        now: when,
        trust,
      });
    };

    const homeroom = await authOf(db, 'gvcn.9a1', at(20));
    for (const [i, id] of toSign.entries()) await sign(homeroom, id, 'homeroom', at(20, i), homeroomSigner, i);
    const principal = await authOf(db, 'hieutruong', at(45));
    for (const [i, id] of toSign.slice(0, fullySigned).entries()) await sign(principal, id, 'principal', at(45, i), principalSigner, i);
    // Only where the học bạ's signing order has the seal step (store-document.ts SIGNING_ORDER).
    if (sealConfig && SIGNING_ORDER.transcript?.some((s) => s.role === 'seal')) {
      // The seal is kept by the clerk and applied on the principal's signature (document.applySeal).
      const sealSigner = await openOnce(sealConfig);
      const sealer = await authOf(db, 'vanthu', at(65));
      for (const [i, id] of toSign.slice(0, fullySigned).entries()) await sign(sealer, id, 'seal', at(65, i), sealSigner, i);
    }
    return done(true, jobId);
  } finally {
    for (const signer of opened) await signer.close?.().catch(() => {});
  }
}
