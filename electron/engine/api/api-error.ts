import type { ErrorCode, ResultError } from '../../contract/result';

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid-input',
  'not-found',
  'unknown-call',
  'forbidden',
  'conflict',
  'unavailable',
  'internal',
  'confirm-loop',
]);

/** An error a handler throws on purpose: its code crosses the bridge unchanged. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && ERROR_CODES.has(value);

/**
 * Maps anything a handler threw to a Result error. Errors that carry a contract code keep it;
 * a busy database is worth retrying; everything else is internal.
 */
export function toResultError(error: unknown): ResultError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (isErrorCode(code)) return { code, message };
  if (error instanceof Error && error.name === 'ZodError')
    return { code: 'invalid-input', message };
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))
    return { code: 'unavailable', message };
  return { code: 'internal', message };
}
