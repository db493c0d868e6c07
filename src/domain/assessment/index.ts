/**
 * The rules engine: pure functions over plain objects, scores as integer tenths.
 * See docs/rules-engine.md.
 */
export * from './tenths.ts';
export * from './parse-score-input.ts';
export * from './tt22-level.ts';
export * from './required-regular-count.ts';
export * from './term-subject-average.ts';
export * from './year-subject-average.ts';
export * from './comment-term-result.ts';
export * from './missing-assessments.ts';
export * from './resolve-pending-make-up.ts';
export * from './classify-academic-tt22.ts';
export * from './year-conduct-tt22.ts';
export * from './title-tt22.ts';
export * from './promotion-outcome-tt22.ts';
export * from './summer-result-tt22.ts';
export * from './evaluate-tt22.ts';
export * from './explain-tt22.ts';
export * from './subject-name.ts';
export * from './year-level-tt27.ts';
export * from './award-tt27.ts';
export * from './periodic-test-matrix-tt27.ts';
export * from './evaluate-tt27.ts';
export * from './legacy/term-subject-average-tt58.ts';
export * from './legacy/overall-average-tt58.ts';
export * from './legacy/classify-academic-tt58.ts';
export * from './legacy/title-tt58.ts';
export * from './legacy/promotion-outcome-tt58.ts';
export * from './legacy/evaluate-tt58.ts';
export * from './legacy/evaluate-tt22-2016.ts';
export * from './rule-sets.ts';
export { parseEvaluateDocument, type EvaluateDocument } from './document/parse-evaluate-document.ts';
export { evaluateText, evaluateDocument, stringifyOutput } from './document/evaluate-document.ts';
export * from './pack-tt22.ts';
export * from './evaluate-packed-tt22.ts';
export * from './explain-tt27.ts';
