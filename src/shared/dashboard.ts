/**
 * Dashboards (biểu đồ kết quả): distributions of KQHT and KQRL, subject averages in bands, class
 * means and absences per month — for one class and for the whole school. Every figure is computed
 * from the live results (src/server/results/results-queries.ts); percentages are in tenths of a percent.
 */
import { z } from 'zod';

export const ZDashboardScope = z.enum(['term1', 'term2', 'year']);
export type DashboardScope = z.infer<typeof ZDashboardScope>;

export const ZCountShare = z.object({ count: z.number().int(), percentTenths: z.number().int() });
export type CountShare = z.infer<typeof ZCountShare>;

/** T, K, Đ, CĐ and the students not yet classified. */
export const DASHBOARD_LEVELS = ['T', 'K', 'Đ', 'CĐ', 'pending'] as const;
export type DashboardLevel = (typeof DASHBOARD_LEVELS)[number];
export const ZLevelDistribution = z.object({ T: ZCountShare, K: ZCountShare, Đ: ZCountShare, CĐ: ZCountShare, pending: ZCountShare });
export type LevelDistribution = z.infer<typeof ZLevelDistribution>;

/** Bands of a subject average, in tenths: <3,5 · 3,5–<5 · 5–<6,5 · 6,5–<8 · ≥8. */
export const SCORE_BANDS = [
  { key: 'lt35', label: 'Dưới 3,5', fromTenths: 0, belowTenths: 35 },
  { key: 'from35', label: '3,5 – dưới 5', fromTenths: 35, belowTenths: 50 },
  { key: 'from50', label: '5 – dưới 6,5', fromTenths: 50, belowTenths: 65 },
  { key: 'from65', label: '6,5 – dưới 8', fromTenths: 65, belowTenths: 80 },
  { key: 'from80', label: 'Từ 8 trở lên', fromTenths: 80, belowTenths: 101 },
] as const;
export type ScoreBandKey = (typeof SCORE_BANDS)[number]['key'];
export const ZScoreBands = z.object({ lt35: ZCountShare, from35: ZCountShare, from50: ZCountShare, from65: ZCountShare, from80: ZCountShare });

export const ZSubjectDistribution = z.object({
  subjectId: z.string(),
  code: z.string(),
  name: z.string(),
  /** Students with an average in this scope (the denominator of the band percentages). */
  graded: z.number().int(),
  bands: ZScoreBands,
  /** Class mean of the averages: exact sum of tenths / graded, rounded half up; null with no average yet. */
  meanTenths: z.number().int().nullable(),
  /** The mean as printed, "7,4". */
  mean: z.string().nullable(),
});
export type SubjectDistribution = z.infer<typeof ZSubjectDistribution>;

/** Whole-session absences (buổi) per month, excused (P) and unexcused (K); lessons marked by subject teachers apart. */
export const ZAttendanceMonth = z.object({ month: z.string(), excused: z.number().int(), unexcused: z.number().int(), lessons: z.number().int() });
export type AttendanceMonth = z.infer<typeof ZAttendanceMonth>;

export const ZClassDashboard = z.object({
  classId: z.string(),
  className: z.string(),
  grade: z.number().int(),
  scope: ZDashboardScope,
  students: z.number().int(),
  /** Every score and conduct level of the scope is in. */
  complete: z.boolean(),
  missingCount: z.number().int(),
  academic: ZLevelDistribution,
  conduct: ZLevelDistribution,
  subjects: z.array(ZSubjectDistribution),
  attendance: z.array(ZAttendanceMonth),
});
export type ClassDashboard = z.infer<typeof ZClassDashboard>;

export const ZSchoolDashboardClass = z.object({
  classId: z.string(),
  className: z.string(),
  grade: z.number().int(),
  students: z.number().int(),
  complete: z.boolean(),
  academic: ZLevelDistribution,
  conduct: ZLevelDistribution,
});
export type SchoolDashboardClass = z.infer<typeof ZSchoolDashboardClass>;

export const ZSchoolDashboard = z.object({
  yearId: z.string(),
  scope: ZDashboardScope,
  classes: z.array(ZSchoolDashboardClass),
  totals: z.object({ students: z.number().int(), academic: ZLevelDistribution, conduct: ZLevelDistribution }),
  attendance: z.array(ZAttendanceMonth),
});
export type SchoolDashboard = z.infer<typeof ZSchoolDashboard>;
