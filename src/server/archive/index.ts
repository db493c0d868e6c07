/**
 * The archive area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { registerArchiveRoutes } from './archive.routes.ts';
export { ArchiveError, buildYearArchive } from './build-year-archive.ts';
export { type ArchiveProblem, verifyYearArchive } from './verify-year-archive.ts';
export { yearArchiveJob } from './year-archive-job.ts';
