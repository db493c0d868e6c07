/**
 * One error type with a stable code and a Vietnamese message safe to show to the user.
 * The central handler in app.ts maps codes to HTTP statuses; unknown errors become a 500.
 */
export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'RATE_LIMITED'
  /** A lock, a closed window or the edit deadline refuses the write (C1). */
  | 'LOCKED'
  /** An Idempotency-Key sent again with another request. */
  | 'IDEMPOTENCY_KEY_REUSED';

export interface FieldError {
  /** Row number as the user sees it (Excel row), when the input was a table. */
  row?: number;
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { errors?: FieldError[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  LOCKED: 423,
  IDEMPOTENCY_KEY_REUSED: 422,
};

export const notFound = (what: string) => new AppError('NOT_FOUND', `Không tìm thấy ${what}.`);
export const forbidden = (reason: string) => new AppError('FORBIDDEN', reason);
export const invalid = (message: string, errors?: FieldError[]) => new AppError('VALIDATION', message, { errors });
