/** Query keys, one place, so mutations invalidate exactly what they change. */
export const keys = {
  me: ['me'] as const,
  years: (schoolId: string) => ['years', schoolId] as const,
  year: (yearId: string) => ['year', yearId] as const,
  classes: (yearId: string) => ['classes', yearId] as const,
  assignments: (yearId: string) => ['assignments', yearId] as const,
  staff: (schoolId: string) => ['staff', schoolId] as const,
  classList: (classId: string) => ['classList', classId] as const,
  student: (studentId: string) => ['student', studentId] as const,
  rollover: (yearId: string, toYearId: string) => ['rollover', yearId, toYearId] as const,
  accounts: (schoolId: string) => ['accounts', schoolId] as const,
  audit: (schoolId: string, q: unknown) => ['audit', schoolId, q] as const,
};
