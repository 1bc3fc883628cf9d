/** An error from starting or running the receiver; `code` survives the bridge as the error code. */
export class ReceiverError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReceiverError';
    this.code = code;
  }
}

/** Turns a listen() failure into a message a person can act on, naming host and port. */
export function listenError(
  cause: NodeJS.ErrnoException,
  host: string,
  port: number,
): ReceiverError {
  const code = cause.code ?? 'ELISTEN';
  switch (code) {
    case 'EADDRINUSE':
      return new ReceiverError(code, `port ${port} on ${host} is already in use`, { cause });
    case 'EACCES':
      return new ReceiverError(code, `permission denied to listen on port ${port} on ${host}`, {
        cause,
      });
    case 'EADDRNOTAVAIL':
      return new ReceiverError(code, `address ${host} is not available on this machine`, { cause });
    default:
      return new ReceiverError(code, `cannot listen on ${host}:${port}: ${cause.message}`, {
        cause,
      });
  }
}

/** The message of anything thrown, for logs and JSON error bodies. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** What a parse error carries (node's `prepareError` in _http_common, or the raw reader's). */
export interface ParseFailure {
  code?: string;
  reason?: string;
  message: string;
}

/**
 * The status and JSON reason for a parse error. Both parser paths map their errors through it,
 * so the same malformed input gets the same answer whichever path read it.
 */
export function describeParseError(error: ParseFailure): [number, string] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'request headers too large'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'chunk extensions too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request timed out'];
    case 'HPE_INVALID_METHOD':
      return [501, 'request method not supported'];
    default:
      return [
        400,
        `malformed HTTP request: ${error.reason ?? error.message} (${error.code ?? 'parse error'})`,
      ];
  }
}
