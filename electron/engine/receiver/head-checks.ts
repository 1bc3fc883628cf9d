import type { ResolvedLimits } from './types';

/** A request refused after its head was read: answered `status`, recorded with `note`. */
export interface Refusal {
  status: number;
  message: string;
  note?: string;
}

/** What to do with a head before its body is read. */
export type HeadDecision = Refusal | 'continue' | null;

// node's own test for a 100-continue expectation (lib/_http_server.js, `continueExpression`).
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

/**
 * The checks both parser paths make once a head is read, so they answer alike:
 * - more header lines than maxHeaderCount: 431, the record keeps every header and says why;
 * - an HTTP/1.1 `Expect` other than 100-continue: 417 (node's rule, lib/_http_server.js);
 * - `Expect: 100-continue` with a declared length over maxBodyBytes: 413 before any body is sent,
 *   never `100 Continue` first;
 * - otherwise `continue` when the sender waits for `100 Continue`, else null (read the body).
 * `expect` is the Expect header (node parsed it already on its path); the raw path passes its own.
 */
export function decideHead(
  flatHeaders: readonly string[],
  httpVersion: string,
  expect: string | undefined,
  limits: ResolvedLimits,
): HeadDecision {
  const lines = flatHeaders.length >> 1;
  if (lines > limits.maxHeaderCount) {
    return {
      status: 431,
      message: `more than ${limits.maxHeaderCount} header lines`,
      note: `Hookscope answered 431: ${lines} header lines exceed the limit of ${limits.maxHeaderCount}; every header is kept here, the body was not read.`,
    };
  }
  // Expectations only mean something in HTTP/1.1 (node ignores them otherwise).
  if (expect === undefined || httpVersion !== '1.1') return null;
  if (!CONTINUE.test(expect)) {
    return {
      status: 417,
      message: `expectation not supported: ${expect}`,
      note: `Hookscope answered 417 to Expect: ${expect}; the body was not read.`,
    };
  }
  const declared = declaredLength(flatHeaders);
  if (declared !== null && declared > limits.maxBodyBytes) {
    return {
      status: 413,
      message: `body exceeds ${limits.maxBodyBytes} bytes`,
      note: `Hookscope answered 413 to Expect: 100-continue with Content-Length ${declared}; no 100 Continue was sent and the body was not read.`,
    };
  }
  return 'continue';
}

/** The Expect header of a flat header list (the first one, as node's parsed headers keep). */
export function expectHeader(flatHeaders: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < flatHeaders.length; i += 2) {
    if ((flatHeaders[i] as string).toLowerCase() === 'expect') return flatHeaders[i + 1];
  }
  return undefined;
}

/** True when the head declares a body (a Content-Length above 0, or any Transfer-Encoding). */
export function declaresBody(flatHeaders: readonly string[]): boolean {
  for (let i = 0; i + 1 < flatHeaders.length; i += 2) {
    const name = (flatHeaders[i] as string).toLowerCase();
    if (name === 'transfer-encoding') return true;
    if (name === 'content-length' && Number(flatHeaders[i + 1]) > 0) return true;
  }
  return false;
}

function declaredLength(flatHeaders: readonly string[]): number | null {
  for (let i = 0; i + 1 < flatHeaders.length; i += 2) {
    if ((flatHeaders[i] as string).toLowerCase() === 'content-length') {
      const value = Number((flatHeaders[i + 1] as string).trim());
      return Number.isFinite(value) ? value : null;
    }
  }
  return null;
}
