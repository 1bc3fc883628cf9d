import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { missingHeader, nowSeconds, preview, result } from '../crypto-helpers';
import {
  header,
  isRecord,
  jsonAnswer,
  jsonObject,
  stringField,
  stringOption,
  withHeaders,
} from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, Provider, VerifyResult } from '../types';

const SIGNATURE = 'X-Signature-Ed25519';
const TIMESTAMP = 'X-Signature-Timestamp';
/** DER prefixes that wrap a raw 32-byte Ed25519 key as SPKI (public) or PKCS#8 (private seed). */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const INTERACTION_TYPES: Record<number, string> = {
  1: 'PING',
  2: 'APPLICATION_COMMAND',
  3: 'MESSAGE_COMPONENT',
  4: 'APPLICATION_COMMAND_AUTOCOMPLETE',
  5: 'MODAL_SUBMIT',
};

/** The application's public key as shown in the developer portal: 64 hex characters. */
export function discordPublicKey(hex: string): KeyObject | null {
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) return null;
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, Buffer.from(trimmed, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Signing key for forge: a 32-byte hex seed (64 hex, or 128 hex seed + public key) or a PKCS#8 PEM. */
export function discordPrivateKey(secret: string): KeyObject {
  const trimmed = secret.trim();
  if (/^([0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/.test(trimmed)) {
    const seed = Buffer.from(trimmed.slice(0, 64), 'hex');
    return createPrivateKey({
      key: Buffer.concat([PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
  }
  if (trimmed.includes('PRIVATE KEY')) return createPrivateKey(trimmed);
  throw new Error(
    'Discord signing needs an Ed25519 private key: 64 hex characters (seed) or a PKCS#8 PEM.',
  );
}

function configuredKeys(options: Record<string, unknown>, secrets: readonly string[]): string[] {
  const fromOptions = stringOption(options, 'publicKey');
  return fromOptions === null ? [...secrets] : [fromOptions];
}

function verifyDiscord(delivery: DeliveryInput, keys: readonly string[]): VerifyResult {
  const signature = header(delivery, SIGNATURE)?.trim() ?? null;
  if (signature === null) return missingHeader('Discord', SIGNATURE);
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) {
    return result(
      'invalid',
      `${SIGNATURE} is malformed: expected 128 hex characters, received "${preview(signature, 40)}".`,
    );
  }
  const timestamp = header(delivery, TIMESTAMP);
  if (timestamp === null)
    return result('invalid', `${TIMESTAMP} is missing; it is part of the signed bytes.`);
  if (keys.length === 0) {
    return result(
      'not-applicable',
      'A Discord signature is present but no application public key is configured (options.publicKey).',
    );
  }
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), delivery.body]);
  const details = {
    signed: `timestamp + raw body (${delivery.body.byteLength} bytes)`,
    algorithm: 'Ed25519',
    timestamp,
  };
  for (const [index, hex] of keys.entries()) {
    const key = discordPublicKey(hex);
    if (key === null) {
      return result(
        'not-applicable',
        `Configured Discord public key #${index + 1} is not 64 hex characters.`,
        details,
      );
    }
    if (verify(null, message, key, Buffer.from(signature, 'hex'))) {
      return result('valid', `Ed25519 signature verifies with public key #${index + 1}.`, {
        ...details,
        secretIndex: index,
      });
    }
  }
  return result(
    'invalid',
    `${SIGNATURE} does not verify with the configured public key over timestamp + raw body.`,
    {
      ...details,
      received: signature,
    },
  );
}

function pingAnswer(type: unknown, hasEvent: boolean): HandshakeAnswer | null {
  if (type === 1 && !hasEvent)
    return jsonAnswer({ type: 1 }, 'answered Discord interactions PING with {"type":1}');
  if (type === 0) {
    return {
      status: 204,
      headers: {},
      body: '',
      description: 'answered Discord Webhook Events PING with 204',
    };
  }
  return null;
}

export const discord: Provider = {
  id: 'discord',
  name: 'Discord',
  detect(delivery) {
    if (header(delivery, SIGNATURE) === null) return null;
    const json = jsonObject(delivery.body);
    const inner = json?.['event'];
    if (isRecord(inner)) return { event: stringField(inner, 'type'), confidence: 1 };
    const type = json?.['type'];
    if (type === 0) return { event: 'PING', confidence: 1 };
    return {
      event: typeof type === 'number' ? (INTERACTION_TYPES[type] ?? null) : null,
      confidence: 1,
    };
  },
  verify(delivery, context) {
    return verifyDiscord(delivery, configuredKeys(context.options, context.secrets));
  },
  /** `secret` is the Ed25519 private key (hex seed or PEM), not the public key used to verify. */
  sign(request, secret, options) {
    const timestamp = String(options?.timestamp ?? nowSeconds());
    const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.body]);
    const signature = sign(null, message, discordPrivateKey(secret)).toString('hex');
    return {
      ...request,
      rawHeaders: withHeaders(request.rawHeaders, {
        [TIMESTAMP]: timestamp,
        [SIGNATURE]: signature,
      }),
    };
  },
  /**
   * Discord probes the endpoint with deliberately bad signatures and expects 401, so with a key
   * configured every signed request that fails verification is refused here.
   */
  handshake(delivery, config) {
    if (delivery.method !== 'POST' || header(delivery, SIGNATURE) === null) return null;
    const json = jsonObject(delivery.body);
    const keys = configuredKeys(config.options, config.secrets);
    if (keys.length > 0) {
      const verdict = verifyDiscord(delivery, keys);
      if (verdict.status === 'invalid') {
        return jsonAnswer(
          { error: 'invalid request signature' },
          `refused Discord request with 401: ${verdict.reason}`,
          401,
        );
      }
    }
    return pingAnswer(json?.['type'], isRecord(json?.['event']));
  },
  events: [
    {
      name: 'PING',
      description: 'Interactions endpoint check; answered with {"type":1}.',
      template: {
        id: '1235846591280660510',
        application_id: '1234567890123456789',
        type: 1,
        version: 1,
        token: 'aW50ZXJhY3Rpb246MTIzNDU',
      },
    },
    {
      name: 'APPLICATION_AUTHORIZED',
      description: 'Webhook Events: the app was added to a server or user account.',
      template: {
        version: 1,
        application_id: '1234567890123456789',
        type: 1,
        event: {
          type: 'APPLICATION_AUTHORIZED',
          timestamp: '2024-05-02T10:14:22.000000+00:00',
          data: {
            integration_type: 0,
            scopes: ['applications.commands'],
            user: { id: '80351110224678912', username: 'nelly' },
          },
        },
      },
    },
  ],
};
