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
