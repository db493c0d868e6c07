/**
 * The transcripts area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { buildReportBook } from './build-report-book.ts';
export { buildTranscriptRecord, primaryYearResults } from './build-transcript-record.ts';
export { buildTranscript } from './build-transcript.ts';
export { confirmTranscriptRecords } from './confirm-transcript-records.ts';
export { registerStudentPrintRoutes } from './student-print.routes.ts';
export { loadTranscriptConfirmation } from './transcript-queries.ts';
