/**
 * Why a call to a provider's management API did not do what was asked. The message is one or two
 * sentences a person can act on; `serverMessage` is the provider's own words when it gave any.
 */
export type SubscriptionErrorCode =
  | 'invalid-input'
  | 'auth'
  | 'forbidden'
  | 'unreachable'
  | 'challenge-failed'
  | 'rejected'
  | 'duplicate'
  | 'not-found'
  | 'bad-answer';

export interface SubscriptionError {
  code: SubscriptionErrorCode;
  message: string;
  /** HTTP status of the provider's answer, when there was one. */
  status?: number;
  serverMessage?: string;
}

export type SubscriptionResult<T> =
  { ok: true; value: T } | { ok: false; error: SubscriptionError };

export const succeeded = <T>(value: T): SubscriptionResult<T> => ({ ok: true, value });

export function failed(
  code: SubscriptionErrorCode,
  message: string,
  extra: Omit<SubscriptionError, 'code' | 'message'> = {},
): { ok: false; error: SubscriptionError } {
  return { ok: false, error: { ...extra, code, message } };
}
