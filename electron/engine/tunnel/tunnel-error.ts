/**
 * A tunnel failure worded for a person. `retryable` separates "try again later" (network, server
 * restarting) from "retrying cannot help until the configuration changes" (bad token, bad key).
 */
export class TunnelError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'TunnelError';
    this.retryable = options.retryable;
  }
}

/** Keeps TunnelErrors as they are; anything else becomes a retryable error with its message. */
export function asTunnelError(error: unknown, fallbackPrefix: string): TunnelError {
  if (error instanceof TunnelError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TunnelError(`${fallbackPrefix}: ${message}`, { retryable: true, cause: error });
}

/** "2.5 s", "30 s", "0.01 s": the wording of every timeout message. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : Number(seconds.toPrecision(2))} s`;
}
