/**
 * The printing area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { buildClassBook, type ClassBookScope } from './class-print-class-book.ts';
export { buildConfirmationSheet, type ConfirmationTerm } from './class-print-confirmation.ts';
export { buildPrimarySummary } from './class-print-primary-summary.ts';
export { registerClassPrintRoutes } from './class-print.routes.ts';
export { approvedSnapshot, classTeacherNames, printAuthority, schoolLevelAddress, schoolPrintInfo, type PrintCache } from './print-cache.ts';
export { loadSchoolPrintInfo, pdfDisposition, principalName, schoolYearLabel, sendDocumentPdf, sendPdf, vnDateTime, vnPrintDate } from './print-data.ts';
export { printDocuments, type PrintDocumentsParams, type PrintDocumentsResult } from './print-documents.ts';
export { registerPrintJobRoutes } from './print-jobs.routes.ts';
export { classStudents, registerPrintTarget, wholeClass } from './print-targets.ts';
export { registerPrintRoutes } from './print.routes.ts';
