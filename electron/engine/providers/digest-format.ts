import type { DigestEncoding, HmacAlgorithm } from './crypto-helpers';

/** Digest sizes, so a malformed header is reported as malformed rather than as a wrong secret. */

const DIGEST_BYTES: Record<HmacAlgorithm, number> = {
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

export function isHmacAlgorithm(value: unknown): value is HmacAlgorithm {
  return typeof value === 'string' && Object.hasOwn(DIGEST_BYTES, value);
}

/** What a well-formed digest looks like, e.g. "64 hex characters". */
export function digestShape(algorithm: HmacAlgorithm, encoding: DigestEncoding): string {
  const bytes = DIGEST_BYTES[algorithm];
  return encoding === 'hex'
    ? `${bytes * 2} hex characters`
    : `${Math.ceil(bytes / 3) * 4} base64 characters`;
}

export function isWellFormedDigest(
  digest: string,
  algorithm: HmacAlgorithm,
  encoding: DigestEncoding,
): boolean {
  const bytes = DIGEST_BYTES[algorithm];
  if (encoding === 'hex') return digest.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(digest);
  return digest.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(digest);
}
