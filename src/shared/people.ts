import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';
import type { StudentPersonalField } from '../domain/policies/student-fields.ts';
import { ZGuardianInput, ZSex, ZStudentInput } from './student.ts';

export const ZStaff = z.object({
  id: z.string(),
  familyName: z.string(),
  middleName: z.string(),
  givenName: z.string(),
  fullName: z.string(),
  sex: ZSex,
  dateOfBirth: z.string().nullable(),
  position: z.string(),
  speciality: z.string(),
  phone: z.string(),
  email: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Staff = z.infer<typeof ZStaff>;

export const ZStaffInput = z.object({
  familyName: z.string().trim().min(1).max(40),
  middleName: z.string().trim().max(60).default(''),
  givenName: z.string().trim().min(1).max(40),
  sex: ZSex,
  dateOfBirth: ZIsoDate.nullable().default(null),
  position: z.enum(['principal', 'vice_principal', 'teacher', 'clerk', 'staff']).default('teacher'),
  speciality: z.string().trim().max(100).default(''),
  phone: z.string().trim().max(20).default(''),
  email: z.string().trim().max(200).default(''),
});
export const ZUpdateStaffInput = ZStaffInput.partial().extend({ active: z.boolean().optional(), version: z.number().int() });

export const ZEnrollmentStatus = z.enum([
  'active',
  'transferred_in',
  'transferred_out',
  'moved_class',
  'dropped_out',
  'graduated',
  'retained',
]);

export const ZEnrollment = z.object({
  id: z.string(),
  schoolYearId: z.string(),
  schoolYearName: z.string(),
  classId: z.string(),
  className: z.string(),
  grade: z.number().int(),
  status: ZEnrollmentStatus,
  origin: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  listNumber: z.number().int().nullable(),
  note: z.string(),
});

export const ZStudent = z.object({
  id: z.string(),
  familyName: z.string(),
  middleName: z.string(),
  givenName: z.string(),
  fullName: z.string(),
  sex: ZSex,
  dateOfBirth: z.string(),
  placeOfBirth: z.string(),
  ethnicity: z.string(),
  nationality: z.string(),
  religion: z.string(),
  nationalId: z.string().nullable(),
  studentCode: z.string().nullable(),
  address: z.string(),
  phone: z.string().nullable(),
  guardians: z.array(ZGuardianInput),
  status: z.string(),
  version: z.number().int(),
});
export type Student = z.infer<typeof ZStudent>;

/** Q4: a student as a reader receives it; the personal fields are absent for those who may not see them (src/domain/policies/student-fields.ts). */
export const ZStudentView = ZStudent.partial({
  placeOfBirth: true,
  ethnicity: true,
  nationality: true,
  religion: true,
  nationalId: true,
  address: true,
  phone: true,
  guardians: true,
} as const satisfies Record<StudentPersonalField, true>);
export type StudentView = z.infer<typeof ZStudentView>;

/** One line of a class list (danh sách lớp), in list order. */
export const ZClassListEntry = z.object({
  listNumber: z.number().int(),
  enrollmentId: z.string(),
  status: ZEnrollmentStatus,
  student: ZStudentView,
});
export const ZClassList = z.object({
  classId: z.string(),
  className: z.string(),
  grade: z.number().int(),
  /** abc: kept in alphabetical order as students join; manual: fine-tuned by hand. */
  orderMode: z.enum(['abc', 'manual']),
  entries: z.array(ZClassListEntry),
});

export const ZStudentDetail = z.object({ student: ZStudentView, enrollments: z.array(ZEnrollment) });

export const ZAddStudentInput = z.object({
  student: ZStudentInput,
  startsOn: ZIsoDate,
  /** intake: new student; transfer_in: from another school. */
  origin: z.enum(['intake', 'transfer_in']).default('intake'),
  note: z.string().trim().max(500).default(''),
});
export const ZUpdateStudentInput = z.object({ student: ZStudentInput, version: z.number().int() });

export const ZTransferOutInput = z.object({
  date: ZIsoDate,
  toSchool: z.string().trim().min(1, 'chưa nhập trường chuyển đến').max(200),
  reason: z.string().trim().max(500).default(''),
});
export const ZDropOutInput = z.object({ date: ZIsoDate, reason: z.string().trim().min(1, 'cần ghi lý do').max(500) });
export const ZChangeClassInput = z.object({
  toClassId: ZId,
  date: ZIsoDate,
  reason: z.string().trim().max(500).default(''),
});

export const ZListOrderInput = z.union([
  z.object({ mode: z.literal('abc') }),
  z.object({ mode: z.literal('manual'), enrollmentIds: z.array(ZId).min(1).max(200) }),
]);

export const ZImportReport = z.object({
  imported: z.number().int(),
  studentIds: z.array(z.string()),
});

export const ZRolloverPreview = z.object({
  fromYearId: z.string(),
  toYearId: z.string(),
  moves: z.array(
    z.object({
      enrollmentId: z.string(),
      studentId: z.string(),
      fullName: z.string(),
      fromClass: z.string(),
      /** promoted: to the next grade; retained: same grade; graduated: last grade leaves. */
      action: z.enum(['promoted', 'retained', 'graduated']),
      toClassId: z.string().nullable(),
      toClassName: z.string().nullable(),
    }),
  ),
  problems: z.array(z.string()),
});
export const ZRolloverInput = z.object({
  toYearId: ZId,
  retainedStudentIds: z.array(ZId).default([]),
  /** Optional explicit mapping from a class of the old year to a class of the new year. */
  classMap: z.record(z.string(), z.string()).default({}),
});
