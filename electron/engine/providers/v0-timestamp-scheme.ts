import {
  hmacDigest,
  missingHeader,
  noSecrets,
  nowSeconds,
  parseUnixSeconds,
  preview,
  result,
  timestampProblem,
  toleranceFrom,
  verifyAgainstSecrets,
  withTimestampCheck,
} from './crypto-helpers';
import { isWellFormedDigest } from './digest-format';
import { header, withHeaders } from './http-helpers';
import type {
  DeliveryInput,
  OutgoingRequest,
  SignOptions,
  VerifyContext,
  VerifyResult,
} from './types';

/**
 * Slack and Zoom sign the same message: `v0:<timestamp>:<raw body>`, header `v0=<hex HMAC-SHA256>`,
 * the timestamp travelling in its own header.
 */
export interface V0Scheme {
  providerName: string;
  signatureHeader: string;
  timestampHeader: string;
  defaultToleranceSec: number;
}

export function v0Signature(secret: string, timestamp: string, body: Uint8Array): string {
  return `v0=${hmacDigest('sha256', secret, [`v0:${timestamp}:`, body], 'hex')}`;
}

export function verifyV0(
  scheme: V0Scheme,
  delivery: DeliveryInput,
  context: VerifyContext,
): VerifyResult {
  const signature = header(delivery, scheme.signatureHeader)?.trim() ?? null;
  if (signature === null) return missingHeader(scheme.providerName, scheme.signatureHeader);
  if (!signature.startsWith('v0=') || !isWellFormedDigest(signature.slice(3), 'sha256', 'hex')) {
    return result(
      'invalid',
      `${scheme.signatureHeader} is malformed: expected v0=<64 hex characters>, received "${preview(signature, 40)}".`,
    );
  }
  const timestampText = header(delivery, scheme.timestampHeader);
  const timestamp = parseUnixSeconds(timestampText);
  if (timestamp === null) {
    const received =
      timestampText === null ? 'it is missing' : `received "${preview(timestampText, 30)}"`;
    return result(
      'invalid',
      `${scheme.timestampHeader} must be integer Unix seconds (${received}); it is part of the signed bytes.`,
    );
  }
  if (context.secrets.length === 0) return noSecrets(scheme.providerName);
  const ts = String(timestamp);
  const verdict = verifyAgainstSecrets({
    providerName: scheme.providerName,
    header: scheme.signatureHeader,
    secrets: context.secrets,
    received: [signature],
    expectedFor: (secret) => v0Signature(secret, ts, delivery.body),
    signed: `"v0:${ts}:" + raw body (${delivery.body.byteLength} bytes)`,
    details: { timestamp },
  });
  const tolerance = toleranceFrom(context.options, scheme.defaultToleranceSec);
  return withTimestampCheck(
    verdict,
    timestampProblem(timestamp, context.now, tolerance),
    tolerance,
  );
}

export function signV0(
  scheme: V0Scheme,
  request: OutgoingRequest,
  secret: string,
  options?: SignOptions,
): OutgoingRequest {
  const timestamp = String(options?.timestamp ?? nowSeconds());
  return {
    ...request,
    rawHeaders: withHeaders(request.rawHeaders, {
      [scheme.timestampHeader]: timestamp,
      [scheme.signatureHeader]: v0Signature(secret, timestamp, request.body),
    }),
  };
}
