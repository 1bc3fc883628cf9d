import { randomBytes } from 'node:crypto';
import {
  hmacDigest,
  matchSecrets,
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
  type SecretCheck,
} from '../crypto-helpers';
import { forgeStandardWebhooks } from './forge';
import { header, headerValue, jsonObject, stringField, withHeaders } from '../http-helpers';
import type {
  DeliveryInput,
  EventDefinition,
  Provider,
  VerifyContext,
  VerifyResult,
} from '../types';

/** Reference libraries: WEBHOOK_TOLERANCE_IN_SECONDS = 5 * 60, past and future. */
const DEFAULT_TOLERANCE_SEC = 300;
const SECRET_PREFIX = 'whsec_';

type HeaderStyle = 'webhook' | 'svix';

/** Svix sends the same three values under `svix-*` names. */
function headerStyleOf(delivery: DeliveryInput): HeaderStyle | null {
  if (header(delivery, 'webhook-signature') !== null) return 'webhook';
  if (header(delivery, 'svix-signature') !== null) return 'svix';
  return null;
}

/** The HMAC key: the base64-decoded part after `whsec_` (the prefix is optional). */
export function standardWebhooksKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

function digest(key: string | Uint8Array, id: string, timestamp: string, body: Uint8Array): string {
  return hmacDigest('sha256', key, [`${id}.${timestamp}.`, body], 'base64');
}

/** `v1,<b64> v1a,<b64>` -> the v1 (symmetric) values; v1a (Ed25519) entries are not checked here. */
export function parseSignatureList(value: string): { v1: string[]; versions: string[] } {
  const v1: string[] = [];
  const versions: string[] = [];
  for (const entry of value.split(' ')) {
    const at = entry.indexOf(',');
    if (at === -1) continue;
    const version = entry.slice(0, at);
    versions.push(version);
    if (version === 'v1' && at + 1 < entry.length) v1.push(entry.slice(at + 1));
  }
  return { v1, versions };
}

/** Shared with GitLab, whose signing tokens use this exact scheme. */
export function verifyStandardWebhooks(
  delivery: DeliveryInput,
  context: VerifyContext,
  providerName = 'Standard Webhooks',
): VerifyResult {
  const style = headerStyleOf(delivery);
  if (style === null) return missingHeader(providerName, 'webhook-signature (or svix-signature)');
  const names = {
    id: `${style}-id`,
    timestamp: `${style}-timestamp`,
    signature: `${style}-signature`,
  };
  const id = header(delivery, names.id);
  const timestampText = header(delivery, names.timestamp);
  const signature = header(delivery, names.signature) ?? '';
  if (id === null || id === '') {
    return result(
      'invalid',
      `${names.signature} is present but ${names.id} is missing; the message id is part of the signed bytes.`,
    );
  }
  const timestamp = parseUnixSeconds(timestampText);
  if (timestamp === null) {
    return result(
      'invalid',
      `${names.timestamp} must be integer Unix seconds (received "${preview(timestampText ?? '', 30)}").`,
    );
  }
  const list = parseSignatureList(signature);
  if (list.v1.length === 0) {
    const found =
      list.versions.length > 0 ? `found only ${list.versions.join(', ')}` : 'none found';
    return result(
      'invalid',
      `${names.signature} has no "v1,<base64>" entry (${found}; received "${preview(signature, 40)}").`,
    );
  }
  if (context.secrets.length === 0) return noSecrets(providerName, 'signing secret (whsec_…)');
  const ts = String(timestamp);
  const check: SecretCheck = {
    providerName,
    header: names.signature,
    secrets: context.secrets,
    received: list.v1,
    expectedFor: (secret) => digest(standardWebhooksKey(secret), id, ts, delivery.body),
    signed: `"${preview(id, 40)}.${ts}." + raw body (${delivery.body.byteLength} bytes)`,
    details: { id, timestamp, headerStyle: style },
  };
  let verdict = verifyAgainstSecrets(check);
  if (verdict.status === 'invalid')
    verdict = explainSecretUsedAsText(check, verdict, id, ts, delivery);
  const tolerance = toleranceFrom(context.options, DEFAULT_TOLERANCE_SEC);
  return withTimestampCheck(
    verdict,
    timestampProblem(timestamp, context.now, tolerance),
    tolerance,
  );
}

/** Senders often HMAC with the whsec_ string itself (Stripe-style): say so instead of "wrong secret". */
function explainSecretUsedAsText(
  check: SecretCheck,
  verdict: VerifyResult,
  id: string,
  ts: string,
  delivery: DeliveryInput,
): VerifyResult {
  for (const asText of [
    (secret: string) => secret,
    (secret: string) =>
      secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '',
  ]) {
    const match = matchSecrets({
      ...check,
      expectedFor: (secret) =>
        asText(secret) === '' ? '' : digest(asText(secret), id, ts, delivery.body),
    });
    if (match.matched) {
      return result(
        'invalid',
        `The signature matches secret #${match.secretIndex + 1} only when the secret's characters are used as the key: this secret looks base64 (whsec_) but was used as text. Standard Webhooks signs with the base64-decoded bytes after whsec_; fix the sender.`,
        { ...verdict.details, secretUsedAsText: true },
      );
    }
  }
  return verdict;
}

export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

const events: readonly EventDefinition[] = [
  {
    name: 'invoice.paid',
    description: 'Example event in the Standard Webhooks envelope (type, timestamp, data).',
    template: {
      type: 'invoice.paid',
      timestamp: '2024-05-02T10:14:22.000Z',
      data: { id: 'inv_2Nf7bQk1', customer_id: 'cus_8xYz', amount: 4200, currency: 'EUR' },
    },
  },
  {
    name: 'user.created',
    description: 'Example event in the Standard Webhooks envelope.',
    template: {
      type: 'user.created',
      timestamp: '2024-05-02T10:15:03.000Z',
      data: { id: 'user_29w83sxmDNGwOuEthce5gg', email: 'ada@example.com', name: 'Ada Lovelace' },
    },
  },
];

export const standardWebhooks: Provider = {
  id: 'standard-webhooks',
  name: 'Standard Webhooks / Svix',
  detect(delivery) {
    if (headerStyleOf(delivery) === null) return null;
    return { event: stringField(jsonObject(delivery.body), 'type'), confidence: 1 };
  },
  verify(delivery, context) {
    return verifyStandardWebhooks(delivery, context);
  },
  /** SignOptions: timestamp, messageId, headerStyle: 'svix' to send svix-* names. */
  sign(request, secret, options) {
    const style: HeaderStyle = options?.['headerStyle'] === 'svix' ? 'svix' : 'webhook';
    // Keep the message id forge() set: it is the receiver's idempotency key, so one id per message.
    // A re-signed replay is a new message (freshIds), so it gets a new id.
    const kept = options?.freshIds ? null : headerValue(request.rawHeaders, `${style}-id`);
    const id = options?.messageId ?? kept ?? newMessageId();
    const timestamp = String(options?.timestamp ?? nowSeconds());
    const signature = `v1,${digest(standardWebhooksKey(secret), id, timestamp, request.body)}`;
    return {
      ...request,
      rawHeaders: withHeaders(request.rawHeaders, {
        [`${style}-id`]: id,
        [`${style}-timestamp`]: timestamp,
        [`${style}-signature`]: signature,
      }),
    };
  },
  forge: forgeStandardWebhooks,
  events,
};
