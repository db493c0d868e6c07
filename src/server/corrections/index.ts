/**
 * The corrections area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { applyCorrectionRequest } from './apply-correction-request.ts';
export { getCorrectionOr404, presentCorrections } from './correction-queries.ts';
export { renderCorrectionPdf, type CorrectionPdfData } from './correction-request-pdf.ts';
export { registerCorrectionRoutes } from './corrections.routes.ts';
export { decideCorrectionRequest } from './decide-correction-request.ts';
export { fileCorrectionRequest } from './file-correction-request.ts';
