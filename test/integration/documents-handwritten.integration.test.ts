/**
 * Signatures given by hand on the paper copy (mixed mode, P5): the step is marked `handwritten`
 * with its audit entry; a mark out of turn or a second mark of the same step is refused; two marks
 * of one step at the same instant give exactly one success and one refusal, and one audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { storeDocument } from '../../src/server/platform/files/store-document.ts';
import { documentIdFor } from '../../src/server/platform/pdf/document-id.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let homeroom: TestClient;
let subjectTeacher: TestClient;
let anonymous: TestClient;

const NOT_YET_PRINCIPAL = 'Chưa đến lượt ký này: văn bản đang chờ chữ ký của Hiệu trưởng.';
const markPath = (documentId: string, seq: number) => `/api/v1/documents/${documentId}/signatures/${seq}/handwritten`;

/** A class book of 6A1 in the registry (homeroom teacher, then principal), as a print job stores it. */
async function storeClassBook(n: number): Promise<string> {
  const classId = server.demo!.classIds['6A1'];
  const documentId = documentIdFor('STD', ['handwritten-test', n]);
  await storeDocument(
    server.database.handle.db,
    {
      kind: 'class_book',
      documentId,
      title: `Sổ theo dõi 6A1 (${n})`,
      publicHeader: `Sổ theo dõi lớp 6A1 (${n})`,
      subject: { classId },
      seriesKey: `class_book:handwritten-test:${n}`,
      inputsVersion: String(n),
      filename: `so-theo-doi-${n}.pdf`,
      pdf: Buffer.from(`%PDF-1.4\n% test ${n}\n`),
    },
    {
      schoolId: server.demo!.schoolId,
      dataDir: server.database.dataDir,
      audit: { actorUserId: null, actorRole: 'clerk', ip: '', userAgent: 'test', requestId: `handwritten-${n}`, now: server.clock().toISOString() },
    },
  );
  return documentId;
}

async function markedEvents(documentId: string) {
  return server.database.handle.db
    .selectFrom('audit_events')
    .select(['action', 'after_json'])
    .where('action', '=', 'document.signHandwritten')
    .where('entity_id', '=', documentId)
    .execute();
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  homeroom = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  subjectTeacher = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password);
  anonymous = new TestClient(server.baseUrl);
});
afterAll(async () => server?.close());

describe('a signature given on paper', () => {
  it('401 without login, 404 for an unknown step, 403 for someone not the signer', async () => {
    const documentId = await storeClassBook(0);
    expect((await anonymous.post(markPath(documentId, 1))).status).toBe(401);
    expect((await homeroom.post(markPath(documentId, 5))).status).toBe(404);
    expect((await subjectTeacher.post(markPath(documentId, 1))).status).toBe(403);
    expect(await markedEvents(documentId)).toHaveLength(0);
  });

  it('the homeroom teacher marks her step: shown as handwritten, audited; out of turn or twice is refused', async () => {
    const documentId = await storeClassBook(1);
    expect((await homeroom.post(markPath(documentId, 2))).status).toBe(403); // the principal's step is not hers
    const res = await homeroom.post(markPath(documentId, 1));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: documentId, status: 'signing', canSign: null });
    expect(res.body.signatures.map((s: any) => [s.role, s.status])).toEqual([
      ['homeroom', 'handwritten'],
      ['principal', 'pending'],
    ]);
    const again = await homeroom.post(markPath(documentId, 1));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'INVALID_STATE', message: NOT_YET_PRINCIPAL });
    const events = await markedEvents(documentId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].after_json!)).toEqual({ seq: 1, role: 'homeroom', status: 'handwritten' });
  });

  it('two marks of the same step at the same instant: exactly one 200 and one refusal; one audit entry', async () => {
    // Several rounds, so a lost race cannot hide behind a lucky interleaving.
    for (const round of [2, 3, 4]) {
      const documentId = await storeClassBook(round);
      const answers = await Promise.all([homeroom.post(markPath(documentId, 1)), homeroom.post(markPath(documentId, 1))]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      // The loser hears what a later mark hears, whether it lost before or inside the write.
      expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ error: 'INVALID_STATE', message: NOT_YET_PRINCIPAL });
      expect(await markedEvents(documentId)).toHaveLength(1);
      const signatures = await server.database.handle.db.selectFrom('document_signatures').select(['seq', 'status']).where('document_id', '=', documentId).orderBy('seq').execute();
      expect(signatures.map((s) => s.status)).toEqual(['handwritten', 'pending']);
    }
    expect((await verifyAuditChains(server.database.handle.db)).breaks).toEqual([]);
  });
});
