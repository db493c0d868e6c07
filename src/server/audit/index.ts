/**
 * The audit area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { registerAuditRoutes } from './audit.routes.ts';
export { renderEditLogPdf, type EditLogPdfData } from './edit-log-pdf.ts';
export { loadApprovalLog, loadEditLog } from './edit-log-queries.ts';
