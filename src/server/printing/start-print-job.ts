/**
 * Starting a bulk print (P1–P3): one kind of document for one or more classes, as a
 * `print_documents` job the background worker runs (print-documents.ts). Its outputs are named
 * after the kind and the class (or the number of classes).
 */
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';
import { enqueueJob } from '../platform/jobs/job-queue.ts';
import type { PrintDocumentsParams } from './print-documents.ts';
import { PRINT_TARGETS } from './print-targets.ts';

const KIND_FILE_NAMES: Record<string, string> = {
  class_book: 'so-theo-doi',
  confirmation_sheet: 'bang-xac-nhan',
  transcript: 'hoc-ba',
  report_book: 'so-lien-lac',
  primary_summary: 'bang-tong-hop',
};

export interface StartPrintJobOptions {
  db: Db;
  schoolId: string;
  kind: string;
  /** The classes to print, in the order asked (the route checked each one). */
  classes: { id: string; name: string }[];
  options: Record<string, string>;
  /** Printed into each document's verification link. */
  baseUrl: string;
  createdBy: string;
  /** The role the documents' `document.create` audit entries record. */
  actorRole: string;
  now: Date;
}

export async function startPrintJob(o: StartPrintJobOptions): Promise<Row<'jobs'>> {
  if (!PRINT_TARGETS[o.kind]) throw invalid('Loại văn bản này chưa in hàng loạt được.', [{ field: 'kind', message: 'chưa hỗ trợ' }]);
  const name = `${KIND_FILE_NAMES[o.kind]}-${o.classes.length === 1 ? o.classes[0].name : `${o.classes.length}-lop`}`.replace(/[^\w.-]+/g, '-');
  const params: PrintDocumentsParams = { kind: o.kind, classIds: o.classes.map((c) => c.id), options: o.options, baseUrl: o.baseUrl, name, actorRole: o.actorRole };
  return enqueueJob(o.db, { schoolId: o.schoolId, kind: 'print_documents', params, createdBy: o.createdBy, now: o.now });
}
