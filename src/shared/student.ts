import { z } from 'zod';
import { isCalendarDate } from './api-common.ts';

/** Giới tính. */
export const ZSex = z.enum(['male', 'female']);
export type Sex = z.infer<typeof ZSex>;

/** Quan hệ của người giám hộ với học sinh. */
export const ZGuardianRelation = z.enum(['father', 'mother', 'guardian']);
export type GuardianRelation = z.infer<typeof ZGuardianRelation>;

export const ZGuardianInput = z.object({
  relation: ZGuardianRelation,
  fullName: z.string().trim().min(1).max(100),
  phone: z.string().trim().max(20).nullable().default(null),
  occupation: z.string().trim().max(100).nullable().default(null),
  birthYear: z.number().int().min(1900).max(2100).nullable().default(null),
});
export type GuardianInput = z.infer<typeof ZGuardianInput>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng yyyy-mm-dd')
  .refine(isCalendarDate, 'ngày không có trên lịch');

/**
 * A student's identity and profile (sơ yếu lý lịch). Names are stored in three parts so class
 * lists sort by given name, then middle name, then family name (xếp danh sách ABC).
 */
export const ZStudentInput = z.object({
  familyName: z.string().trim().min(1).max(40),
  middleName: z.string().trim().max(60).default(''),
  givenName: z.string().trim().min(1).max(40),
  sex: ZSex,
  dateOfBirth: isoDate,
  placeOfBirth: z.string().trim().max(200).default(''),
  ethnicity: z.string().trim().max(40).default('Kinh'),
  nationality: z.string().trim().max(40).default('Việt Nam'),
  religion: z.string().trim().max(40).default(''),
  /** Mã định danh cá nhân / số CCCD: 12 digits. */
  nationalId: z.string().regex(/^\d{12}$/, 'mã định danh phải có đúng 12 chữ số').nullable().default(null),
  /** Mã học sinh trên CSDL ngành (mã MOET): 10 digits. */
  studentCode: z.string().regex(/^\d{10}$/, 'mã học sinh phải có đúng 10 chữ số').nullable().default(null),
  address: z.string().trim().max(300).default(''),
  phone: z.string().trim().max(20).nullable().default(null),
  guardians: z.array(ZGuardianInput).max(4).default([]),
});
export type StudentInput = z.infer<typeof ZStudentInput>;
