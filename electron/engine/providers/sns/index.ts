import { X509Certificate, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { result } from '../crypto-helpers';
import { header, jsonObject, stringField, stringOption } from '../http-helpers';
import type { DeliveryInput, Provider, VerifyResult } from '../types';

const TYPE_HEADER = 'x-amz-sns-message-type';
const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Only AWS's own SNS hosts over https: the URL comes from an unauthenticated body. */
function isSnsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && SNS_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The SubscribeURL of a SubscriptionConfirmation, for a UI "Confirm subscription" action. Never
 * visited automatically: confirming a subscription is the user's decision. Null when the delivery
 * is not a confirmation or the URL is not an https `sns.<region>.amazonaws.com` URL.
 */
export function snsConfirmationUrl(input: DeliveryInput): string | null {
  const json = jsonObject(input.body);
  if (stringField(json, 'Type') !== 'SubscriptionConfirmation') return null;
  const url = stringField(json, 'SubscribeURL');
  return url !== null && isSnsUrl(url) ? url : null;
}

const SIGNED_FIELDS: Record<string, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
};

/** `Name\nValue\n` for each signed field in AWS's fixed order; Subject only when present. */
export function snsStringToSign(message: Record<string, unknown>): string | null {
  const fields = SIGNED_FIELDS[stringField(message, 'Type') ?? ''];
  if (!fields) return null;
  let text = '';
  for (const name of fields) {
    const value = stringField(message, name);
    if (value === null) {
      if (name === 'Subject') continue;
      return null;
    }
    text += `${name}\n${value}\n`;
  }
  return text;
}

function certificateKey(pem: string): KeyObject {
  return pem.includes('CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

/**
 * SNS signs with a certificate fetched from SigningCertURL. The engine fetches nothing while
 * verifying, so it checks only with a certificate given in options.certificate (PEM).
 */
function verifySns(delivery: DeliveryInput, options: Record<string, unknown>): VerifyResult {
  const json = jsonObject(delivery.body);
  const signature = stringField(json, 'Signature');
  if (json === null || signature === null)
    return result('missing', 'The SNS message has no Signature field.');
  const certUrl = stringField(json, 'SigningCertURL') ?? stringField(json, 'SigningCertUrl') ?? '';
  if (!isSnsUrl(certUrl)) {
    return result(
      'invalid',
      `SigningCertURL "${certUrl}" is not an https sns.<region>.amazonaws.com URL.`,
    );
  }
  const stringToSign = snsStringToSign(json);
  if (stringToSign === null)
    return result('invalid', 'The SNS message lacks fields that are part of the signed string.');
  const pem = stringOption(options, 'certificate');
  if (pem === null) {
    return result(
      'not-applicable',
      `SNS signatures are checked with the AWS certificate at ${certUrl}; paste it as options.certificate (PEM) to verify offline.`,
      { signingCertUrl: certUrl },
    );
  }
  const version = stringField(json, 'SignatureVersion');
  const algorithm = version === '2' ? 'sha256' : 'sha1';
  const details = {
    signed: `${(stringToSign.split('\n').length - 1) / 2} fields, each as Name\\nValue\\n`,
    algorithm: `RSA-${algorithm.toUpperCase()}`,
    signingCertUrl: certUrl,
  };
  try {
    const ok = verify(
      algorithm,
      Buffer.from(stringToSign, 'utf8'),
      certificateKey(pem),
      Buffer.from(signature, 'base64'),
    );
    return ok
      ? result(
          'valid',
          `RSA-${algorithm.toUpperCase()} signature verifies with the configured certificate.`,
          details,
        )
      : result(
          'invalid',
          'The SNS signature does not verify with the configured certificate.',
          details,
        );
  } catch (error) {
    return result(
      'not-applicable',
      `options.certificate could not be used: ${(error as Error).message}.`,
      details,
    );
  }
}

export const sns: Provider = {
  id: 'sns',
  name: 'AWS SNS',
  detect(delivery) {
    const type = header(delivery, TYPE_HEADER);
    if (type !== null) return { event: type, confidence: 1 };
    const json = jsonObject(delivery.body);
    const bodyType = stringField(json, 'Type');
    if (bodyType !== null && stringField(json, 'TopicArn') !== null && SIGNED_FIELDS[bodyType]) {
      return { event: bodyType, confidence: 0.8 };
    }
    return null;
  },
  verify(delivery, context) {
    return verifySns(delivery, context.options);
  },
  /** Confirmation needs a GET to SubscribeURL, which only the user may trigger (snsConfirmationUrl). */
  handshake() {
    return null;
  },
  confirmOnRequest: {
    event: 'SubscriptionConfirmation',
    note: 'SNS: confirmed only from the delivery, on request',
  },
  events: [
    {
      name: 'Notification',
      description: 'A message published to the topic.',
      template: {
        Type: 'Notification',
        MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
        TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
        Subject: 'My First Message',
        Message: 'Hello world!',
        Timestamp: '2024-05-02T10:14:22.853Z',
        SignatureVersion: '1',
        Signature:
          'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
        SigningCertURL:
          'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
        UnsubscribeURL:
          'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96',
      },
    },
  ],
};
