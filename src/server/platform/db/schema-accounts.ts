/** User accounts, their roles, sessions and login attempts. */

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
