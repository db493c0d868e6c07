/** Explicit field picks from rows to API shapes, so a new column never leaks. */
import { subjectAssessment } from './subject-queries.ts';
import type { ClassGroup, SchoolYear, Subject } from '../../shared/setup.ts';
import type { Row } from '../platform/db/schema.ts';

export function presentSchoolYear(r: Row<'school_years'>): SchoolYear {
  return {
    id: r.id,
    schoolId: r.school_id,
    startYear: Number(r.start_year),
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
  };
}

export function presentSubject(r: Row<'subjects'>): Subject {
  return {
    id: r.id,
    grade: Number(r.grade),
    code: r.code,
    name: r.name,
    periodsPerYear: Number(r.periods_per_year),
    assessmentKind: r.assessment_kind as Subject['assessmentKind'],
    learningTopicCluster: r.learning_topic_cluster === 1,
    hasPeriodicTest: r.has_periodic_test === 1,
    sortOrder: Number(r.sort_order),
    subjectGroupId: r.subject_group_id,
    regularCount: subjectAssessment(r).regularCount,
  };
}

export function presentClass(
  r: Row<'classes'>,
  extra: { homeroomName: string | null; studentCount: number },
): ClassGroup {
  return {
    id: r.id,
    schoolYearId: r.school_year_id,
    grade: Number(r.grade),
    name: r.name,
    homeroomStaffId: r.homeroom_staff_id,
    homeroomName: extra.homeroomName,
    room: r.room,
    studentCount: extra.studentCount,
    version: Number(r.version),
  };
}
