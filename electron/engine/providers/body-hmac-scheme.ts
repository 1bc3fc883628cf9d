import {
  hmacDigest,
  missingHeader,
  preview,
  result,
  verifyAgainstSecrets,
  type DigestEncoding,
  type HmacAlgorithm,
} from './crypto-helpers';
import { digestShape, isWellFormedDigest } from './digest-format';
import { describeBody, header, withHeaders } from './http-helpers';
import type { DeliveryInput, OutgoingRequest, VerifyResult } from './types';

/**
 * The most common scheme: one header carrying prefix + HMAC(secret, raw body). GitHub, Meta,
 * Shopify, Dropbox, Asana, Twitter and WebSub differ only in these four fields.
 */
export interface BodyHmacScheme {
  providerName: string;
  header: string;
  algorithm: HmacAlgorithm;
  encoding: DigestEncoding;
  /** Text before the digest, e.g. `sha256=`; empty for a bare digest. */
  prefix: string;
}

export function bodyHmacValue(scheme: BodyHmacScheme, secret: string, body: Uint8Array): string {
  return scheme.prefix + hmacDigest(scheme.algorithm, secret, [body], scheme.encoding);
}

/** Why a header value is not even a signature of this scheme, or null when it is well formed. */
export function bodyHmacFormatProblem(scheme: BodyHmacScheme, value: string): string | null {
  const shape = `${scheme.prefix}<${digestShape(scheme.algorithm, scheme.encoding)}>`;
  const digest = value.startsWith(scheme.prefix) ? value.slice(scheme.prefix.length) : null;
  if (digest !== null && isWellFormedDigest(digest, scheme.algorithm, scheme.encoding)) return null;
  return `${scheme.header} is malformed: expected ${shape}, received "${preview(value, 40)}".`;
}

export function verifyBodyHmac(
  scheme: BodyHmacScheme,
  delivery: DeliveryInput,
  secrets: readonly string[],
): VerifyResult {
  const received = header(delivery, scheme.header);
  if (received === null) return missingHeader(scheme.providerName, scheme.header);
  const value = received.trim();
  const problem = bodyHmacFormatProblem(scheme, value);
  if (problem) return result('invalid', problem, { received: value });
  return verifyAgainstSecrets({
    providerName: scheme.providerName,
    header: scheme.header,
    secrets,
    received: [value],
    expectedFor: (secret) => bodyHmacValue(scheme, secret, delivery.body),
    signed: describeBody(delivery.body),
    details: { algorithm: `HMAC-${scheme.algorithm.toUpperCase()}`, encoding: scheme.encoding },
  });
}

export function signBodyHmac(
  scheme: BodyHmacScheme,
  request: OutgoingRequest,
  secret: string,
): OutgoingRequest {
  const value = bodyHmacValue(scheme, secret, request.body);
  return { ...request, rawHeaders: withHeaders(request.rawHeaders, { [scheme.header]: value }) };
}
