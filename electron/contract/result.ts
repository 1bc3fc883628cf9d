// Every call across the bridge answers with a Result, so error codes survive IPC and WebSocket alike.
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unknown-call'
  | 'forbidden'
  | 'conflict'
  | 'unavailable'
  | 'internal'
  /** The send would reach Hookscope itself: repeat it with `confirmLoop: true` to go ahead. */
  | 'confirm-loop';

export interface ResultError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ResultError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
