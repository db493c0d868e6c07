/** User accounts, their roles, sessions and login attempts. */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  full_name: string;
  school_id: string | null;
  org_unit_id: string | null;
  staff_id: string | null;
  must_change_password: number;
  totp_secret: string | null;
  totp_enabled: number;
  /** The last TOTP time step accepted (of the business clock): a code of that step or an earlier one is refused. */
  totp_last_step: Generated<number | null>;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserRolesTable {
  id: string;
  user_id: string;
  /** principal | vice_principal | admin | teacher | clerk | district_officer | province_officer | guardian */
  role: string;
  school_id: string | null;
  org_unit_id: string | null;
  /** For a guardian: the child. */
  student_id: string | null;
  created_at: string;
}

/** Powers the principal delegates to a vice-principal for one year and section (migration 0015). */
export interface DelegationsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  delegate_user_id: string;
  /** JSON array of DelegatedPower */
  powers_json: string;
  /** DelegationScope: all | primary | lowerSecondary | upperSecondary */
  scope: string;
  /** null: carried over from the old confirm-delegate setting */
  granted_by: string | null;
  granted_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
  version: number;
}

export interface SessionsTable {
  /** sha256 of the cookie token. */
  id: string;
  user_id: string;
  csrf_token: string;
  /** 1 while the password was right but the TOTP code is still due. */
  pending_totp: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginAttemptsTable {
  id: string;
  username: string;
  ip: string;
  at: string;
  success: number;
}

/** A failure counter with growing delays (src/server/auth/login-throttle.ts). */
export interface LoginThrottlesTable {
  /** name:… | name-at:…|… | device:… | second-factor:… | second-factor-device:… */
  key: string;
  failures: number;
  /** No attempt is checked before this instant. */
  retry_at: string | null;
  /** The last failure counted. */
  updated_at: string;
}

/** A browser that completed a login for a user: its "known device" cookie exempts it from the per-name throttle. */
export interface LoginDevicesTable {
  /** sha256 of the user id and the cookie token. */
  id: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
}

/** A single-use code instead of the TOTP code. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  /** sha256 of the user id and the code. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}
