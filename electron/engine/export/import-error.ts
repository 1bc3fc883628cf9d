/** A file that cannot be imported; the message says where (line or entry) and why. */
export class ImportError extends Error {
  override name = 'ImportError';
}
