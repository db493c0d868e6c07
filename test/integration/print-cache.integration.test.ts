/**
 * The bulk print job's PrintCache (one per job run): a học bạ or sổ liên lạc built with the cache
 * is byte for byte the one built without it (same id, same data hash, same PDF), the cache is
 * actually used (each class snapshot parsed once, then answered from memory), and the print job
 * itself — which creates the cache — stores exactly the documents the single-document builds make.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/platform/db/database.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import type { JobContext } from '../../src/server/platform/jobs/job-runner.ts';
import { printDocuments } from '../../src/server/printing/print-documents.ts';
import '../../src/server/print-kinds.ts';
import { buildReportBook } from '../../src/server/transcripts/build-report-book.ts';
import { buildTranscript } from '../../src/server/transcripts/build-transcript.ts';
import { loadTranscript } from '../../src/server/transcripts/load-transcript.ts';
import { createPrintCache } from '../../src/server/printing/print-cache.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';

const BASE_URL = 'https://sodiem.example.edu.vn';
const NOW = new Date('2026-11-23T03:00:00.000Z');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let database: TestDatabase;
let db: Db;
let demo: Awaited<ReturnType<typeof seedDemo>>;
/** 9A1 students in list order, those with confirmed years first-class citizens of the học bạ checks */
let withRecords: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
  demo = await seedDemo(db, { now: NOW, scores: true });
  const rows = await db
    .selectFrom('transcript_records')
    .innerJoin('enrollments', 'enrollments.student_id', 'transcript_records.student_id')
    .select('transcript_records.student_id')
    .distinct()
    .where('enrollments.class_id', '=', demo.classIds['9A1'])
    .where('transcript_records.status', '=', 'confirmed')
    .execute();
  withRecords = rows.map((r) => r.student_id).sort();
}, 120_000);
afterAll(async () => database?.drop());

describe('PrintCache (bulk printing)', () => {
  it('học bạ: the same id, data hash and PDF bytes with and without the cache; each class snapshot parsed once', async () => {
    expect(withRecords.length).toBeGreaterThanOrEqual(4);
    const cache = createPrintCache();
    for (const studentId of withRecords) {
      const fresh = await buildTranscript(db, { studentId }, { baseUrl: BASE_URL });
      const cached = await buildTranscript(db, { studentId }, { baseUrl: BASE_URL, cache });
      expect(cached.documentId).toBe(fresh.documentId);
      expect(cached.dataSha256).toBe(fresh.dataSha256);
      expect(cached.inputsVersion).toBe(fresh.inputsVersion);
      expect(cached.filename).toBe(fresh.filename);
      expect(sha256(cached.pdf)).toBe(sha256(fresh.pdf));
      expect(Buffer.compare(cached.pdf, fresh.pdf)).toBe(0);
      expect(fresh.inputsVersion).toMatch(/,/); // record and snapshot parts: the snapshots were used
    }
    // The students share their classes' snapshots: loaded once per (class, scope), then hits.
    const classes = await db.selectFrom('transcript_records').select('class_id').distinct().where('student_id', 'in', withRecords).where('status', '=', 'confirmed').execute();
    expect(cache.loads.snapshot).toBe(classes.length * 3); // term1, term2, year of every class (found or not)
    const years = await db.selectFrom('transcript_records').select(['student_id', 'school_year_id']).distinct().where('student_id', 'in', withRecords).where('status', '=', 'confirmed').execute();
    expect(cache.loads.snapshot + cache.hits.snapshot).toBe(years.length * 3); // every look-up: one per student, year and scope
    expect(cache.hits.snapshot).toBeGreaterThan(cache.loads.snapshot * 2);
    expect(cache.loads.schoolPrintInfo).toBe(1);
    expect(cache.hits.schoolPrintInfo).toBe(withRecords.length - 1);
    expect(cache.loads.teachers).toBeLessThan(cache.hits.teachers);
  });

  it('the loaded transcript (canonical JSON, inputs) is identical with a cache in any state, also in reverse order', async () => {
    const cache = createPrintCache();
    for (const studentId of [...withRecords].reverse()) {
      const fresh = await loadTranscript(db, studentId);
      const cached = await loadTranscript(db, studentId, cache);
      expect(cached.json).toBe(fresh.json);
      expect(cached.dataSha256).toBe(fresh.dataSha256);
      expect(cached.inputsVersion).toBe(fresh.inputsVersion);
      expect(cached.lastConfirmedAt).toBe(fresh.lastConfirmedAt);
      expect(cached.latestClassId).toBe(fresh.latestClassId);
    }
  });

  it('sổ liên lạc (secondary and primary): identical with and without the cache; the class results computed once', async () => {
    for (const className of ['9A1', '3A']) {
      const students = await db.selectFrom('enrollments').select('student_id').where('class_id', '=', demo.classIds[className]).orderBy('list_number').limit(5).execute();
      expect(students.length).toBe(5);
      const cache = createPrintCache();
      for (const { student_id: studentId } of students) {
        const fresh = await buildReportBook(db, { studentId, term: 1 }, { baseUrl: BASE_URL });
        const cached = await buildReportBook(db, { studentId, term: 1 }, { baseUrl: BASE_URL, cache });
        expect(cached.documentId).toBe(fresh.documentId);
        expect(cached.inputsVersion).toBe(fresh.inputsVersion);
        expect(Buffer.compare(cached.pdf, fresh.pdf)).toBe(0);
      }
      const classLevel = className === '3A' ? 'primarySummary' : cache.loads.classResults ? 'classResults' : 'snapshot';
      expect(cache.loads[classLevel]).toBe(1);
      expect(cache.hits[classLevel]).toBe(4);
      expect(cache.loads.schoolPrintInfo).toBe(1);
    }
  });

  it('the print job (one cache per run) stores exactly the documents the uncached builds make', async () => {
    const user = await db.selectFrom('users').select('id').where('username', '=', 'vanthu').executeTakeFirstOrThrow();
    const job = { id: 'print-cache-test-job', school_id: demo.schoolId, created_by: user.id } as JobContext['job'];
    const ctx: JobContext = {
      db,
      job,
      params: { kind: 'transcript', classIds: [demo.classIds['9A1']], options: {}, baseUrl: BASE_URL, name: 'hoc-ba-9A1', actorRole: 'clerk' },
      dataDir: database.dataDir,
      env: {} as JobContext['env'],
      now: () => NOW,
      progress: async () => {},
    };
    const result = await printDocuments(ctx);
    expect(result.documents.map((d) => d.id).sort()).toEqual(
      (await Promise.all(withRecords.map(async (studentId) => (await buildTranscript(db, { studentId }, { baseUrl: BASE_URL })).documentId))).sort(),
    );
    for (const studentId of withRecords) {
      const fresh = await buildTranscript(db, { studentId }, { baseUrl: BASE_URL });
      const stored = await db.selectFrom('documents').selectAll().where('id', '=', fresh.documentId).executeTakeFirstOrThrow();
      expect(stored.sha256).toBe(sha256(fresh.pdf));
    }
  });
});
