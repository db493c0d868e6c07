/**
 * What every printable document builder returns: the PDF plus what the document registry
 * (the `documents` table, /verify/<id>, bulk jobs, the year-end archive) records about it.
 * Builders load and render; they never store. `storeDocument` stores (idempotent by id).
 */
export type DocumentKind =
  | 'class_book'
  | 'confirmation_sheet'
  | 'transcript'
  | 'report_book'
  | 'primary_summary'
  | 'edit_log'
  | 'correction_request'
  | 'archive_manifest';

export interface RenderedDocument {
  kind: DocumentKind;
  /** the printed document id (footer, QR): documentIdFor(prefix, [ids…, inputs version]) */
  documentId: string;
  /** e.g. "Học bạ – Nguyễn Văn An – lớp 9A1" */
  title: string;
  /**
   * What the public verification page may show: only what the paper's own header says
   * (school, document kind, class / student name as printed, school year). No other personal data.
   */
  publicHeader: string;
  /** ids the document is about, for lookups: { classId, studentId, schoolYearId, term, … } */
  subject: Record<string, string>;
  /** groups the versions of one document, e.g. `transcript:<studentId>` or `class_book:<classId>:<scope>` */
  seriesKey: string;
  /** the version of the inputs (snapshot id, record hashes…) the document was made from */
  inputsVersion: string;
  /** SHA-256 (hex) of the canonical JSON the document was printed from, when there is one (học bạ) */
  dataSha256?: string;
  /**
   * The user the printed principal's block names (the học bạ's confirmer of its latest year, the
   * approver of a class book's results): only she may sign the principal's step (issue 22).
   */
  principalSignerId?: string | null;
  /** a safe file name, e.g. "hoc-ba-9A1-01-nguyen-van-an.pdf" */
  filename: string;
  pdf: Buffer;
}
