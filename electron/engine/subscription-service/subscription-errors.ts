import type { ErrorCode } from '../../contract/result';
import type { SubscriptionError } from '../subscriptions/result';

/** A subscription failure that keeps a contract code across the bridge. */
export class SubscriptionServiceError extends Error {
  override name = 'SubscriptionServiceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The mapping of /work/notes/subscriptions-cli.md; the message is kept word for word. */
export function contractCode(code: SubscriptionError['code']): ErrorCode {
  switch (code) {
    case 'auth':
    case 'forbidden':
      return 'forbidden';
    case 'duplicate':
      return 'conflict';
    case 'not-found':
      return 'not-found';
    case 'unreachable':
      return 'unavailable';
    case 'invalid-input':
      return 'invalid-input';
    default:
      return 'internal';
  }
}

export function toServiceError(error: SubscriptionError): SubscriptionServiceError {
  return new SubscriptionServiceError(contractCode(error.code), error.message);
}
