import { createHmac } from 'node:crypto';
import { isJsonObject, readJsonObject } from '../../inspect/json-body';
import { isAscii } from '../../inspect/utf8-scan';
import { PRESERVICA_TRIGGERS, preservicaEvents } from './events';
import { bodyEncodingOption, preservicaForge, reencodeAsLatin1, signedBodyBytes } from './forge';
import { indexedHeaderValue, withHeader } from '../raw-headers';
import { queryParam } from '../request-target';
import { safeEqual } from '../safe-equal';
import {
  latin1OrUtf8,
  PRESERVICA_SIGNING_PREFIX,
  preservicaChallengeOf,
  preservicaChallengeResponse,
  preservicaHandshake,
  preservicaHandshakePlay,
} from './handshake';
import type {
  DeliveryInput,
  Detection,
  OutgoingRequest,
  Provider,
  SignOptions,
  VerifyContext,
  VerifyResult,
} from '../types';
import { preservicaSubscription } from './subscription';

export const PRESERVICA_SIGNATURE_HEADER = 'Preservica-Signature';
export { PRESERVICA_SIGNING_PREFIX, preservicaChallengeResponse };

/** Hex HMAC-SHA256 over `preservica-webhook-auth` + raw body bytes. */
export function preservicaSignature(secret: string, body: Uint8Array): string {
  return createHmac('sha256', latin1OrUtf8(secret))
    .update(PRESERVICA_SIGNING_PREFIX, 'latin1')
    .update(body)
    .digest('hex');
}

/**
 * The SDK decodes the body as UTF-8 and re-encodes it as latin-1 before signing; for a non-ASCII
 * body that gives different bytes, so a signature made that way is worth recognising and naming.
 */
function latin1Reencoding(body: Uint8Array): Buffer | null {
  if (isAscii(body)) return null;
  try {
    return reencodeAsLatin1(body);
  } catch {
    // Not UTF-8, or beyond latin-1: the SDK itself could not have signed it that way.
    return null;
  }
}

function detect(delivery: DeliveryInput): Detection | null {
  if (indexedHeaderValue(delivery.rawHeaders, PRESERVICA_SIGNATURE_HEADER) !== null) {
    return { event: eventOf(delivery.body), confidence: 1 };
  }
  if (queryParam(delivery.target, 'challengeCode') !== null && delivery.method === 'POST') {
    return { event: null, confidence: 0.9 };
  }
  return looksLikePreservicaBody(delivery.body)
    ? { event: eventOf(delivery.body), confidence: 0.6 }
    : null;
}

const ENTITY_REF_KEY = Buffer.from('"entityRef"');

function looksLikePreservicaBody(body: Uint8Array): boolean {
  // Every JSON body on an unconfigured path comes through here: skip the parse unless the key a
  // Preservica event list needs is in the bytes (senders do not escape plain ASCII keys).
  if (Buffer.from(body.buffer, body.byteOffset, body.byteLength).indexOf(ENTITY_REF_KEY) === -1)
    return false;
  const events = readJsonObject(body)?.['events'];
  return (
    Array.isArray(events) &&
    events.length > 0 &&
    events.every((item) => isJsonObject(item) && 'entityType' in item && 'entityRef' in item)
  );
}

/** The trigger named in the body, when the notification carries one. */
function eventOf(body: Uint8Array): string | null {
  const envelope = readJsonObject(body);
  const trigger = envelope?.['trigger'] ?? envelope?.['triggerType'];
  return typeof trigger === 'string' && trigger.length > 0 ? trigger : null;
}

function verify(delivery: DeliveryInput, context: VerifyContext): VerifyResult {
  const received = indexedHeaderValue(delivery.rawHeaders, PRESERVICA_SIGNATURE_HEADER);
  if (received === null) {
    return {
      status: 'missing',
      reason: `No ${PRESERVICA_SIGNATURE_HEADER} header: Preservica signs every notification, so this request did not come from a Preservica subscription.`,
    };
  }
  if (context.secrets.length === 0) {
    return {
      status: 'not-applicable',
      reason: `The request carries ${PRESERVICA_SIGNATURE_HEADER} but no shared secret is configured for this endpoint; add the secret given when subscribing.`,
    };
  }
  const signature = received.trim();
  const details: Record<string, unknown> = {
    header: PRESERVICA_SIGNATURE_HEADER,
    received: signature,
    signedMessage: `"${PRESERVICA_SIGNING_PREFIX}" + raw body (${delivery.body.length} bytes)`,
    secretsTried: context.secrets.length,
  };
  if (!/^[0-9a-f]{64}$/i.test(signature)) {
    return {
      status: 'invalid',
      reason: `${PRESERVICA_SIGNATURE_HEADER} should be 64 hex characters (HMAC-SHA256) but is ${signature.length} characters long.`,
      details,
    };
  }
  const lowered = signature.toLowerCase();
  for (const [index, secret] of context.secrets.entries()) {
    if (safeEqual(preservicaSignature(secret, delivery.body), lowered)) {
      return {
        status: 'valid',
        reason: isAscii(delivery.body)
          ? `HMAC-SHA256 of "${PRESERVICA_SIGNING_PREFIX}" + body matches with secret #${index + 1}.`
          : `HMAC-SHA256 of "${PRESERVICA_SIGNING_PREFIX}" + the raw UTF-8 body bytes matches with secret #${index + 1} (not the latin-1 re-encoding pyPreservica checks).`,
        details: isAscii(delivery.body)
          ? { ...details, secretIndex: index }
          : { ...details, secretIndex: index, encoding: 'utf-8' },
      };
    }
  }
  const reencoded = latin1Reencoding(delivery.body);
  if (reencoded) {
    for (const [index, secret] of context.secrets.entries()) {
      if (safeEqual(preservicaSignature(secret, reencoded), lowered)) {
        return {
          status: 'valid',
          reason: `Signature matches the body re-encoded as latin-1 (as pyPreservica does) with secret #${index + 1}; the raw UTF-8 bytes would not match.`,
          details: { ...details, secretIndex: index, encoding: 'latin-1' },
        };
      }
    }
  }
  const first = context.secrets[0] ?? '';
  return {
    status: 'invalid',
    reason:
      context.secrets.length === 1
        ? `${PRESERVICA_SIGNATURE_HEADER} does not match HMAC-SHA256 of "${PRESERVICA_SIGNING_PREFIX}" + body under the configured secret: wrong secret, or the body changed after signing.`
        : `${PRESERVICA_SIGNATURE_HEADER} matches none of the ${context.secrets.length} configured secrets: wrong secret, or the body changed after signing.`,
    details: { ...details, expectedWithFirstSecret: preservicaSignature(first, delivery.body) },
  };
}

/** `options.bodyEncoding` (`utf-8` default, or `latin-1`): which bytes of a non-ASCII body are signed. */
function sign(request: OutgoingRequest, secret: string, options?: SignOptions): OutgoingRequest {
  return {
    ...request,
    rawHeaders: withHeader(
      request.rawHeaders,
      PRESERVICA_SIGNATURE_HEADER,
      preservicaSignature(secret, signedBodyBytes(request.body, bodyEncodingOption(options))),
    ),
  };
}

export const preservica: Provider = {
  id: 'preservica',
  name: 'Preservica',
  detect,
  verify,
  sign,
  forge: preservicaForge,
  handshake: preservicaHandshake,
  handshakePlay: preservicaHandshakePlay,
  challengeOf: preservicaChallengeOf,
  events: preservicaEvents,
  subscription: preservicaSubscription,
};

export { PRESERVICA_TRIGGERS };
