/** Subject rows as the grade-book and results rules see them. */
import { periodicTestPointsTt27 } from '../../domain/assessment/periodic-test-matrix-tt27.ts';
import { requiredRegularCount } from '../../domain/assessment/required-regular-count.ts';
import type { Row } from '../platform/db/schema.ts';

/** What the domain needs to know of a subject row to lay out and compute its sheet. */
export function subjectAssessment(subject: Pick<Row<'subjects'>, 'assessment_kind' | 'periods_per_year' | 'learning_topic_cluster' | 'has_periodic_test' | 'grade' | 'code'>) {
  return {
    assessmentKind: subject.assessment_kind as 'scored' | 'comment' | 'primaryLevel',
    regularCount:
      subject.assessment_kind === 'primaryLevel'
        ? null
        : requiredRegularCount({ periodsPerYear: Number(subject.periods_per_year), learningTopicCluster: subject.learning_topic_cluster === 1 }),
    hasPeriodicTest: subject.has_periodic_test === 1,
    // TT 27: the points of the periodic tests (grades 4–5 test Tiếng Việt and Toán at mid-term too).
    ...(subject.assessment_kind === 'primaryLevel' && { testPoints: periodicTestPointsTt27(Number(subject.grade), subject.code, subject.has_periodic_test === 1) }),
  };
}
