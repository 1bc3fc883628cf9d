import { createHmac } from 'node:crypto';
import { safeEqual } from './safe-equal';
import type { VerifyResult } from './types';

/** Shared by the signature providers so each module only states its own wire format. */

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';
export type DigestEncoding = 'hex' | 'base64';

export type Bytes = string | Uint8Array;

/** HMAC over the concatenation of `parts` (text parts are UTF-8), in the given encoding. */
export function hmacDigest(
  algorithm: HmacAlgorithm,
  key: Bytes,
  parts: readonly Bytes[],
  encoding: DigestEncoding,
): string {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest(encoding);
}

/** Constant-time comparison shared with the seed providers (crypto.timingSafeEqual over hashes). */
export { safeEqual };

export function result(
  status: VerifyResult['status'],
  reason: string,
  details?: Record<string, unknown>,
): VerifyResult {
  return details ? { status, reason, details } : { status, reason };
}

export function missingHeader(providerName: string, header: string): VerifyResult {
  return result('missing', `No ${header} header: this ${providerName} delivery is not signed.`);
}

export function noSecrets(providerName: string, what = 'secret'): VerifyResult {
  return result(
    'not-applicable',
    `A ${providerName} signature is present but no ${what} is configured for this endpoint, so it was not checked.`,
  );
}

/** Shortens long values (bodies, tokens) so a reason stays one readable line. */
export function preview(value: string, max = 24): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}

export interface SecretCheck {
  providerName: string;
  /** Header the proof came from, named in reasons. */
  header: string;
  secrets: readonly string[];
  /** Every signature the request carries for this scheme (several while a secret is rotated). */
  received: readonly string[];
  /** The value the header would carry if signed with `secret`, in the header's exact format. */
  expectedFor(secret: string): string;
  /** Human description of the signed bytes, e.g. "t + '.' + raw body (57 bytes)". */
  signed: string;
  details?: Record<string, unknown>;
}

export type SecretMatch =
  | { matched: true; secretIndex: number; expected: string; received: string }
  | { matched: false; expected: string[] };

/** Tries every configured secret against every received signature (secret rotation). */
export function matchSecrets(check: SecretCheck): SecretMatch {
  const expectedAll: string[] = [];
  for (const [secretIndex, secret] of check.secrets.entries()) {
    const expected = check.expectedFor(secret);
    expectedAll.push(expected);
    for (const received of check.received) {
      if (safeEqual(expected, received)) {
        return { matched: true, secretIndex, expected, received };
      }
    }
  }
  return { matched: false, expected: expectedAll };
}

/** The common ending of a verify: valid with the matching secret, or invalid naming both sides. */
export function verifyAgainstSecrets(check: SecretCheck): VerifyResult {
  if (check.secrets.length === 0) return noSecrets(check.providerName);
  const match = matchSecrets(check);
  const base = { signed: check.signed, ...check.details };
  if (match.matched) {
    return result('valid', `${check.header} matches configured secret #${match.secretIndex + 1}.`, {
      ...base,
      secretIndex: match.secretIndex,
      expected: match.expected,
      received: match.received,
    });
  }
  return result('invalid', mismatchReason(check, match.expected), {
    ...base,
    expected: match.expected,
    received: check.received,
  });
}

export function mismatchReason(check: SecretCheck, expected: readonly string[]): string {
  const count = check.secrets.length;
  const which = count === 1 ? 'the configured secret' : `any of the ${count} configured secrets`;
  const received = check.received.map((value) => preview(value, 32)).join(', ');
  const first = expected[0] === undefined ? '' : `, expected ${preview(expected[0], 32)}`;
  return `${check.header} does not match ${which} (received ${received}${first}); check the secret and that the body was not altered.`;
}

/** Seconds since epoch from a strict decimal string; null for anything else. */
export function parseUnixSeconds(text: string | null): number | null {
  if (text === null || !/^\d{1,12}$/.test(text.trim())) return null;
  return Number(text.trim());
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Tolerance in seconds from `options.toleranceSec`, else the provider default. <= 0 disables. */
export function toleranceFrom(options: Record<string, unknown>, defaultSec: number): number {
  const value = options['toleranceSec'];
  return typeof value === 'number' && Number.isFinite(value) ? value : defaultSec;
}

/** "45 s", "7 min", "5 min 1 s", "3 h 2 min", "4 days". */
export function formatDuration(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${total} s`;
  if (total < 3600) {
    const minutes = Math.floor(total / 60);
    const rest = total % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  if (total < 172_800) {
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  return `${Math.floor(total / 86_400)} days`;
}

/**
 * Replay-window check. Returns the problem in words, or null when the timestamp is acceptable.
 * `allowFuture`: Stripe only bounds the age; Standard Webhooks also refuses future timestamps.
 */
export function timestampProblem(
  timestampSec: number,
  nowMs: number,
  toleranceSec: number,
  allowFuture = false,
): string | null {
  if (toleranceSec <= 0) return null;
  const age = Math.floor(nowMs / 1000) - timestampSec;
  const tolerance = formatDuration(toleranceSec);
  if (age > toleranceSec) return `timestamp ${formatDuration(age)} old, tolerance ${tolerance}`;
  if (!allowFuture && -age > toleranceSec) {
    return `timestamp ${formatDuration(-age)} in the future, tolerance ${tolerance}`;
  }
  return null;
}

/** Applies a replay-window problem to an otherwise valid result: a stale signature is not valid. */
export function withTimestampCheck(
  verdict: VerifyResult,
  problem: string | null,
  toleranceSec: number,
): VerifyResult {
  const details = { ...verdict.details, toleranceSec };
  if (verdict.status !== 'valid' || problem === null) return { ...verdict, details };
  return result(
    'invalid',
    `Signature matches, but ${problem}: this may be a replay (raise toleranceSec to accept old deliveries).`,
    details,
  );
}
