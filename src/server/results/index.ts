/**
 * The results area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { approveClassResults, approveSnapshot, proposeClassResults, proposeSnapshot, type SnapshotContent, type SnapshotKind } from './approve-class-results.ts';
export {
  computeClassResults,
  computeClassResultsFrom,
  latestApprovedSnapshot,
  listResultSnapshots,
  loadAssessedSubjects,
  loadClassResults,
  loadClassResultsInputs,
  loadConduct,
  yearConduct,
  type ClassResultsInputs,
  type ResultScope,
} from './results-queries.ts';
