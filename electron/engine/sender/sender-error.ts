/** A refusal the caller can act on; its code crosses the bridge (and picks the CLI exit code). */
export class SenderError extends Error {
  override name = 'SenderError';
  constructor(
    readonly code: 'invalid-input' | 'not-found' | 'confirm-loop',
    message: string,
  ) {
    super(message);
  }
}
