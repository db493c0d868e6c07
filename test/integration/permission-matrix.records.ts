/**
 * The records the permission matrix's samples point at (an import, a correction with evidence,
 * a lock, a weekly note, a notification, a spare account…), made over HTTP by the users allowed
 * to make them, before the matrix runs.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { storeDocument } from '../../src/server/platform/files/store-document.ts';
import { enqueueJob } from '../../src/server/platform/jobs/job-queue.ts';
import { documentIdFor } from '../../src/server/platform/pdf/document-id.ts';
import { type SecurityFixture, type Subject, requestAs } from '../helpers/security-fixture.ts';

export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MatrixRecords {
  fx: SecurityFixture;
  exportXlsx: Buffer;
  templateXlsx: Buffer;
  importId: string;
  importSha: string;
  correctionId: string;
  correctionVersion: number;
  evidenceFileId: string;
  lockId: string;
  /** The admin board's pending request to move a window (issue 14 §3). */
  lockRequestId: string;
  noteId: string;
  notificationId: string;
  snapshotId: string;
  spareUserId: string;
  spareStaffId: string;
  groupId: string;
  nextYearId: string;
  /** The principal's delegation to the vice-principal for the (empty) next year (issue 22). */
  delegationId: string;
  /** A stored class-book PDF of 6A1 with its signing steps (homeroom, principal). */
  documentId: string;
  documentPdf: Buffer;
  documentSha256: string;
  /** A print job started by the homeroom teacher; a year archive (of the empty next year). */
  jobId: string;
  /** An empty class of the homeroom teacher (print jobs print it). */
  printClassId: string;
  archiveId: string;
  /** 6A1's planned mid-term test of the subject in HK I, whose column has a score: deleting it is refused (409), never done. */
  plannedTestId: string;
}

export function fileForm(buffer: Buffer, type: string, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(buffer)], { type }), name);
  return form;
}

async function ok(fx: SecurityFixture, subject: Subject, method: string, path: string, payload?: { body?: unknown; form?: FormData }) {
  const res = await requestAs(fx, subject, method, path, payload);
  expect(res.status, `${method} ${path} as ${subject}: ${res.text.slice(0, 300)}`).toBe(200);
  return res;
}

export async function makeRecords(fx: SecurityFixture): Promise<MatrixRecords> {
  const sheet = `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/terms/1`;
  await ok(fx, 'subjectTeacher', 'POST', `${sheet}/cells`, { body: { changes: [{ studentId: fx.childId, columnKey: 'GK', value: '5', baseVersion: 0 }] } });
  const exportXlsx = (await ok(fx, 'subjectTeacher', 'GET', `${sheet}/export.xlsx`)).body as Buffer;
  const templateXlsx = (await ok(fx, 'principal', 'GET', '/api/v1/students/import-template.xlsx')).body as Buffer;
  const preview = await ok(fx, 'subjectTeacher', 'POST', `${sheet}/import/preview`, { form: fileForm(exportXlsx, XLSX, 'bang-diem.xlsx') });
  // Lock the GK column of this class-subject so a correction can be filed; TX columns stay open.
  await ok(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/locks`, {
    body: { classId: fx.classId, subjectId: fx.subjectId, termNo: 1, columnKey: 'GK', reason: 'Khóa điểm giữa kỳ' },
  });
  const second = await ok(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/locks`, { body: { classId: fx.otherClassId, termNo: 2, reason: 'Khóa thử' } });
  const lockId = second.body.locks.find((l: any) => !l.releasedAt && l.termNo === 2).id;
  const correction = await ok(fx, 'subjectTeacher', 'POST', `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/corrections`, {
    body: { termNo: 1, cells: [{ studentId: fx.childId, columnKey: 'GK', newValue: '8' }], reason: 'Cộng nhầm điểm', evidenceKind: 'testPaper' },
  });
  const evidence = await ok(fx, 'subjectTeacher', 'POST', `/api/v1/corrections/${correction.body.id}/evidence`, { form: fileForm(PNG, 'image/png', 'bai-kiem-tra.png') });
  const filed = await ok(fx, 'subjectTeacher', 'GET', `/api/v1/corrections/${correction.body.id}`);
  const notifications = await ok(fx, 'principal', 'GET', '/api/v1/notifications');
  // The admin board asks to move a window: a request for the principal to confirm or refuse (issue 14 §3).
  const windowRequest = await requestAs(fx, 'adminBoard', 'PUT', `/api/v1/years/${fx.yearId}/windows/term2.endOfTerm`, {
    body: { opensOn: '2027-04-01', closesOn: '2027-05-20', reason: 'Theo kế hoạch của Phòng' },
  });
  expect(windowRequest.status, windowRequest.text).toBe(202);
  const lockRequestId: string = windowRequest.body.requests.find((x: any) => x.status === 'pending').id;
  const note = await ok(fx, 'homeroom', 'POST', `/api/v1/classes/${fx.classId}/weekly-notes`, { body: { weekStart: '2026-11-16', kind: 'discipline', text: 'Lớp giữ trật tự tốt.' } });
  const proposal = await requestAs(fx, 'homeroom', 'POST', `/api/v1/classes/${fx.classId}/results/term1/proposal`);
  let snapshotId = proposal.body?.snapshotId as string | undefined;
  if (!snapshotId) {
    // The results are not complete enough to propose (409): make the proposal row directly, so the
    // approval route has a record to judge (it still refuses an incomplete class, after authorizing).
    snapshotId = randomUUID();
    await fx.server.database.handle.db
      .insertInto('result_snapshots')
      .values({
        id: snapshotId,
        school_id: fx.schoolId,
        school_year_id: fx.yearId,
        class_id: fx.classId,
        scope: 'term1',
        rule_version: 'TT22',
        snapshot_json: '{}',
        sha256: '0'.repeat(64),
        status: 'proposed',
        proposed_by: fx.userIds.homeroom,
        proposed_at: fx.server.clock().toISOString(),
        approved_by: null,
        approved_at: null,
        superseded_by: null,
        version: 1,
      })
      .execute();
  }
  await ok(fx, 'principal', 'PUT', `/api/v1/years/${fx.yearId}/testing-plan`, { body: { entries: [{ classId: fx.classId, subjectId: fx.subjectId, termNo: 1, test: 'midterm', testOn: '2026-11-02' }] } });
  const plannedTest = await fx.server.database.handle.db.selectFrom('testing_plan_entries').select('id').where('class_id', '=', fx.classId).where('subject_id', '=', fx.subjectId).where('term_no', '=', 1).where('test', '=', 'midterm').executeTakeFirstOrThrow();
  const account = await ok(fx, 'principal', 'POST', `/api/v1/schools/${fx.schoolId}/accounts`, { body: { fullName: 'Tài khoản thử', username: 'tk.thu', roles: ['teacher'] } });
  const staff = await ok(fx, 'principal', 'POST', `/api/v1/schools/${fx.schoolId}/staff`, { body: { familyName: 'Trần', givenName: 'Thử', sex: 'male' } });
  const group = await ok(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/subject-groups`, { body: { name: 'Tổ Thử' } });
  const year = await ok(fx, 'principal', 'POST', `/api/v1/schools/${fx.schoolId}/years`, {
    body: {
      startYear: 2027,
      startsOn: '2027-09-05',
      endsOn: '2028-05-31',
      terms: [
        { termNo: 1, startsOn: '2027-09-05', endsOn: '2028-01-16' },
        { termNo: 2, startsOn: '2028-01-18', endsOn: '2028-05-31' },
      ],
      grades: [6, 7, 8, 9],
    },
  });
  const delegation = await ok(fx, 'principal', 'POST', `/api/v1/schools/${fx.schoolId}/delegations`, {
    body: { schoolYearId: year.body.year.id, delegateUserId: fx.userIds.vicePrincipal, powers: ['lock.confirm'], scope: 'primary' },
  });
  // A stored document: the app's own storeDocument, as a print does, with a real PDF.
  const documentPdf = (await ok(fx, 'principal', 'GET', `/api/v1/corrections/${correction.body.id}/pdf`)).body as Buffer;
  const { row: doc } = await storeDocument(
    fx.server.database.handle.db,
    {
      kind: 'class_book',
      documentId: documentIdFor('SDT', [randomUUID()]),
      title: 'Sổ theo dõi và đánh giá học sinh – lớp 6A1',
      publicHeader: 'Trường THCS Nguyễn Trãi – Sổ theo dõi và đánh giá học sinh lớp 6A1',
      subject: { classId: fx.classId, schoolYearId: fx.yearId },
      seriesKey: `class_book:${fx.classId}:matrix`,
      inputsVersion: '1',
      filename: 'so-theo-doi-6A1.pdf',
      pdf: documentPdf,
    },
    { schoolId: fx.schoolId, dataDir: fx.server.database.dataDir, audit: { actorUserId: fx.userIds.principal, actorRole: 'principal', ip: '127.0.0.1', userAgent: 'test', requestId: 'matrix', now: fx.server.clock().toISOString() } },
  );
  // Print jobs print an empty class the homeroom teacher also has, so no job renders 40 PDFs in the background.
  const homeroomStaff = await fx.server.database.handle.db.selectFrom('users').select('staff_id').where('id', '=', fx.userIds.homeroom).executeTakeFirstOrThrow();
  const emptyClass = await ok(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/classes`, { body: { grade: 6, name: '6A8', homeroomStaffId: homeroomStaff.staff_id } });
  const printClassId: string = emptyClass.body.id ?? emptyClass.body.class?.id;
  const started = await requestAs(fx, 'homeroom', 'POST', `/api/v1/schools/${fx.schoolId}/print-jobs`, { body: { kind: 'confirmation_sheet', classIds: [printClassId], options: {} } });
  // While no print target is registered the route answers 400: queue the job as the route would.
  const jobId: string =
    started.status === 202
      ? started.body.id
      : (
          await enqueueJob(fx.server.database.handle.db, {
            schoolId: fx.schoolId,
            kind: 'print_documents',
            params: { kind: 'confirmation_sheet', classIds: [printClassId], options: {}, name: 'matrix' },
            createdBy: fx.userIds.homeroom,
            now: fx.server.clock(),
          })
        ).id;
  const archive = await requestAs(fx, 'principal', 'POST', `/api/v1/schools/${fx.schoolId}/archives`, { body: { schoolYearId: year.body.year.id } });
  expect(archive.status, archive.text).toBe(202);
  // The archive of the (empty) next year is built in the background: wait for it, so its zip exists.
  let archiveStatus = 'queued';
  for (let i = 0; i < 300 && (archiveStatus === 'queued' || archiveStatus === 'running'); i++) {
    if (i) await new Promise((resolve) => setTimeout(resolve, 200));
    const list = await requestAs(fx, 'principal', 'GET', `/api/v1/schools/${fx.schoolId}/archives`);
    archiveStatus = list.body.find?.((a: any) => a.id === archive.body.id)?.status ?? 'missing';
  }
  expect(archiveStatus, 'the year archive the matrix downloads').toBe('done');
  return {
    documentId: doc.id,
    documentPdf,
    documentSha256: doc.current_sha256,
    jobId,
    archiveId: archive.body.id,
    fx,
    printClassId,
    exportXlsx,
    templateXlsx,
    importId: preview.body.importId,
    importSha: preview.body.sha256,
    correctionId: correction.body.id,
    correctionVersion: filed.body.version,
    evidenceFileId: evidence.body.evidence[0].id,
    lockId,
    lockRequestId,
    noteId: note.body.id,
    notificationId: notifications.body[0]?.id ?? notifications.body.items?.[0]?.id,
    snapshotId,
    spareUserId: account.body.account.id,
    spareStaffId: staff.body.id,
    groupId: group.body.id,
    nextYearId: year.body.year.id,
    delegationId: delegation.body.delegations[0].id,
    plannedTestId: plannedTest.id,
  };
}
