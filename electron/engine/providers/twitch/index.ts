import { randomUUID } from 'node:crypto';
import {
  hmacDigest,
  missingHeader,
  noSecrets,
  preview,
  result,
  timestampProblem,
  toleranceFrom,
  verifyAgainstSecrets,
  withTimestampCheck,
} from '../crypto-helpers';
import { isWellFormedDigest } from '../digest-format';
import { header, withHeaders } from '../http-helpers';
import type { DeliveryInput, Provider, VerifyContext, VerifyResult } from '../types';
import { forgeTwitch } from './forge';
import { createTwitchHandshake, createTwitchHandshakePlay } from './handshake';

const SIGNATURE = 'Twitch-Eventsub-Message-Signature';
const MESSAGE_ID = 'Twitch-Eventsub-Message-Id';
const TIMESTAMP = 'Twitch-Eventsub-Message-Timestamp';
const MESSAGE_TYPE = 'Twitch-Eventsub-Message-Type';
/** Twitch: reject messages older than 10 minutes. */
const DEFAULT_TOLERANCE_SEC = 600;

/** `sha256=` + hex HMAC-SHA256(secret, message id + timestamp + raw body); the timestamp as sent. */
export function twitchSignature(
  secret: string,
  id: string,
  timestamp: string,
  body: Uint8Array,
): string {
  return `sha256=${hmacDigest('sha256', secret, [id, timestamp, body], 'hex')}`;
}

function verifyTwitch(delivery: DeliveryInput, context: VerifyContext): VerifyResult {
  const signature = header(delivery, SIGNATURE)?.trim() ?? null;
  if (signature === null) return missingHeader('Twitch', SIGNATURE);
  if (
    !signature.startsWith('sha256=') ||
    !isWellFormedDigest(signature.slice(7), 'sha256', 'hex')
  ) {
    return result(
      'invalid',
      `${SIGNATURE} is malformed: expected sha256=<64 hex characters>, received "${preview(signature, 40)}".`,
    );
  }
  const id = header(delivery, MESSAGE_ID);
  const timestamp = header(delivery, TIMESTAMP);
  const parsedMs = timestamp === null ? Number.NaN : Date.parse(timestamp);
  if (id === null || timestamp === null || Number.isNaN(parsedMs)) {
    return result(
      'invalid',
      `${MESSAGE_ID} and an RFC 3339 ${TIMESTAMP} are part of the signed bytes (received id ${id === null ? 'missing' : `"${preview(id, 40)}"`}, timestamp ${timestamp === null ? 'missing' : `"${preview(timestamp, 40)}"`}).`,
    );
  }
  if (context.secrets.length === 0) return noSecrets('Twitch', 'subscription secret');
  const verdict = verifyAgainstSecrets({
    providerName: 'Twitch',
    header: SIGNATURE,
    secrets: context.secrets,
    received: [signature],
    expectedFor: (secret) => twitchSignature(secret, id, timestamp, delivery.body),
    signed: `message id + timestamp + raw body (${delivery.body.byteLength} bytes)`,
    details: { messageId: id, timestamp },
  });
  const tolerance = toleranceFrom(context.options, DEFAULT_TOLERANCE_SEC);
  const problem = timestampProblem(Math.floor(parsedMs / 1000), context.now, tolerance);
  return withTimestampCheck(verdict, problem, tolerance);
}

export const twitch: Provider = {
  id: 'twitch',
  name: 'Twitch EventSub',
  detect(delivery) {
    const type = header(delivery, MESSAGE_TYPE);
    if (type === null && header(delivery, SIGNATURE) === null) return null;
    if (type === 'webhook_callback_verification' || type === 'revocation')
      return { event: type, confidence: 1 };
    return { event: header(delivery, 'Twitch-Eventsub-Subscription-Type'), confidence: 1 };
  },
  verify: verifyTwitch,
  sign(request, secret, options) {
    const id = options?.messageId ?? randomUUID();
    const seconds = options?.timestamp;
    const timestamp =
      seconds === undefined ? new Date().toISOString() : new Date(seconds * 1000).toISOString();
    const typeSent = request.rawHeaders.some(
      ([name]) => name.toLowerCase() === MESSAGE_TYPE.toLowerCase(),
    );
    return {
      ...request,
      rawHeaders: withHeaders(request.rawHeaders, {
        ...(typeSent ? {} : { [MESSAGE_TYPE]: 'notification' }),
        [MESSAGE_ID]: id,
        [TIMESTAMP]: timestamp,
        [SIGNATURE]: twitchSignature(secret, id, timestamp, request.body),
      }),
    };
  },
  handshake: createTwitchHandshake(verifyTwitch),
  handshakePlay: createTwitchHandshakePlay((request, secret) => twitch.sign!(request, secret)),
  forge: forgeTwitch,
  events: [
    {
      name: 'channel.follow',
      description: 'A user followed the broadcaster.',
      template: {
        subscription: {
          id: 'f1c2a387-161a-49f9-a165-0f21d7a4e1c4',
          type: 'channel.follow',
          version: '2',
          status: 'enabled',
          cost: 0,
          condition: { broadcaster_user_id: '1337', moderator_user_id: '1337' },
          transport: { method: 'webhook', callback: 'https://example.com/webhooks/callback' },
          created_at: '2024-05-02T10:14:22.634234626Z',
        },
        event: {
          user_id: '1234',
          user_login: 'cool_user',
          user_name: 'Cool_User',
          broadcaster_user_id: '1337',
          broadcaster_user_login: 'cooler_user',
          broadcaster_user_name: 'Cooler_User',
          followed_at: '2024-05-02T10:14:22.634234626Z',
        },
      },
    },
  ],
};
