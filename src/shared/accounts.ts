import { z } from 'zod';
import { ZId } from './api-common.ts';
import { ZRole } from './auth.ts';

export const ZAccount = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  staffId: z.string().nullable(),
  roles: z.array(ZRole),
  roleLabels: z.array(z.string()),
  /** guardian accounts: the children */
  studentIds: z.array(z.string()),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type Account = z.infer<typeof ZAccount>;

const staffRoles = z.enum(['principal', 'vice_principal', 'admin', 'teacher', 'clerk']);

export const ZCreateAccountInput = z.object({
  fullName: z.string().trim().min(1).max(100),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/, 'tên đăng nhập gồm 3–40 chữ thường không dấu, số, dấu chấm, gạch')
    .optional(),
  staffId: ZId.nullable().default(null),
  roles: z.array(staffRoles).min(1, 'chọn ít nhất một vai trò'),
});
export const ZCreateGuardianAccountInput = z.object({
  fullName: z.string().trim().min(1).max(100),
  studentIds: z.array(ZId).min(1).max(6),
  username: ZCreateAccountInput.shape.username,
});
export const ZUpdateAccountInput = z.object({
  roles: z.array(staffRoles).min(1).optional(),
  disabled: z.boolean().optional(),
  version: z.number().int(),
});
/** An account slip (phiếu tài khoản) to print and hand over: the password is shown only once. */
export const ZAccountSlip = z.object({
  account: ZAccount,
  oneTimePassword: z.string(),
  schoolName: z.string(),
  loginUrlHint: z.string(),
});
