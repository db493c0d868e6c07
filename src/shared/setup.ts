import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';

export const ZRegime = z.enum(['TT22_2021', 'TT27_2020', 'TT58_TT26', 'TT58_2011', 'TT22_2016']);
export const ZAssessmentKind = z.enum(['scored', 'comment', 'primaryLevel']);

export const ZTerm = z.object({
  termNo: z.number().int().min(1).max(2),
  name: z.string(),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  /** Date of the end-of-term test (kiểm tra cuối kỳ): re-entries close a week before it (G10). */
  endTestOn: ZIsoDate.nullable().default(null),
});
export type Term = z.infer<typeof ZTerm>;

export const ZSchoolYear = z.object({
  id: z.string(),
  schoolId: z.string(),
  startYear: z.number().int(),
  name: z.string(),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  status: z.string(),
});
export type SchoolYear = z.infer<typeof ZSchoolYear>;

export const ZSubject = z.object({
  id: z.string(),
  grade: z.number().int(),
  code: z.string(),
  name: z.string(),
  periodsPerYear: z.number().int(),
  assessmentKind: ZAssessmentKind,
  learningTopicCluster: z.boolean(),
  hasPeriodicTest: z.boolean(),
  sortOrder: z.number().int(),
  subjectGroupId: z.string().nullable(),
  /** ĐĐGtx per term required by TT 22 Đ6 (null for primary). */
  regularCount: z.number().int().nullable(),
});
export type Subject = z.infer<typeof ZSubject>;

export const ZClassGroup = z.object({
  id: z.string(),
  schoolYearId: z.string(),
  grade: z.number().int(),
  name: z.string(),
  homeroomStaffId: z.string().nullable(),
  homeroomName: z.string().nullable(),
  room: z.string(),
  studentCount: z.number().int(),
  version: z.number().int(),
});
export type ClassGroup = z.infer<typeof ZClassGroup>;

export const ZSubjectGroup = z.object({
  id: z.string(),
  name: z.string(),
  headStaffId: z.string().nullable(),
  memberStaffIds: z.array(z.string()),
});

export const ZGradeLevel = z.object({ grade: z.number().int(), regime: ZRegime });

export const ZYearSetup = z.object({
  year: ZSchoolYear,
  terms: z.array(ZTerm),
  gradeLevels: z.array(ZGradeLevel),
  subjects: z.array(ZSubject),
  classes: z.array(ZClassGroup),
  subjectGroups: z.array(ZSubjectGroup),
});
export type YearSetup = z.infer<typeof ZYearSetup>;

export const ZCreateSchoolYearInput = z.object({
  startYear: z.number().int().min(2000).max(2100),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  terms: z.array(ZTerm.omit({ name: true })).length(2),
  /** Grades taught at the school this year. */
  grades: z.array(z.number().int().min(1).max(12)).min(1),
  /** Copy subjects, subject groups, classes and assignments from this year instead of the template. */
  copyFromYearId: ZId.nullable().default(null),
});
export type CreateSchoolYearInput = z.infer<typeof ZCreateSchoolYearInput>;

export const ZUpdateTermsInput = z.object({ terms: z.array(ZTerm.omit({ name: true })).length(2) });

export const ZCreateSubjectInput = z.object({
  grade: z.number().int().min(1).max(12),
  code: z.string().trim().regex(/^[A-Z0-9_]{1,20}$/, 'mã môn gồm chữ in hoa, số, gạch dưới'),
  name: z.string().trim().min(1).max(100),
  periodsPerYear: z.number().int().min(0).max(400),
  assessmentKind: ZAssessmentKind,
  learningTopicCluster: z.boolean().default(false),
  hasPeriodicTest: z.boolean().default(false),
  subjectGroupId: ZId.nullable().default(null),
});
export const ZUpdateSubjectInput = ZCreateSubjectInput.omit({ grade: true, code: true }).partial();

export const ZCreateClassInput = z.object({
  grade: z.number().int().min(1).max(12),
  name: z.string().trim().min(1).max(20),
  homeroomStaffId: ZId.nullable().default(null),
  room: z.string().trim().max(40).default(''),
});
export const ZUpdateClassInput = z.object({
  name: z.string().trim().min(1).max(20).optional(),
  homeroomStaffId: ZId.nullable().optional(),
  room: z.string().trim().max(40).optional(),
});

export const ZSubjectGroupInput = z.object({
  name: z.string().trim().min(1).max(100),
  headStaffId: ZId.nullable().default(null),
  memberStaffIds: z.array(ZId).default([]),
});

export const ZAssignment = z.object({ classId: z.string(), subjectId: z.string(), staffId: z.string() });
export const ZAssignmentGrid = z.object({
  classes: z.array(ZClassGroup),
  subjects: z.array(ZSubject),
  assignments: z.array(ZAssignment),
});
export const ZUpdateAssignmentsInput = z.object({
  changes: z
    .array(z.object({ classId: ZId, subjectId: ZId, staffId: ZId.nullable() }))
    .min(1)
    .max(5000),
});
