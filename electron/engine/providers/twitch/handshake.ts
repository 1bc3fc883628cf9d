import { freshToken, is200, jsonRequest, judgeEcho } from '../handshake-kit';
import { header, jsonObject, stringField, textAnswer } from '../http-helpers';
import type {
  DeliveryInput,
  HandshakeAnswer,
  HandshakeConfig,
  HandshakePlay,
  OutgoingRequest,
  VerifyContext,
  VerifyResult,
} from '../types';

export const TWITCH_MESSAGE_TYPE = 'Twitch-Eventsub-Message-Type';
const VERIFICATION = 'webhook_callback_verification';

/** THE expected answer: the bare `challenge` string (dev.twitch.tv handling-webhook-events). */
export const twitchChallengeAnswer = (challenge: string): string => challenge;

/**
 * Twitch wants the signature checked before the challenge is echoed (the verification message is
 * signed like a notification). The verifier is the provider's own (index.ts), passed in so this
 * file holds the handshake without a cycle between the two modules.
 */
export function createTwitchHandshake(
  verify: (delivery: DeliveryInput, context: VerifyContext) => VerifyResult,
) {
  return (delivery: DeliveryInput, config: HandshakeConfig): HandshakeAnswer | null => {
    if (delivery.method !== 'POST' || header(delivery, TWITCH_MESSAGE_TYPE) !== VERIFICATION)
      return null;
    const challenge = stringField(jsonObject(delivery.body), 'challenge');
    if (challenge === null) return null;
    if (config.secrets.length === 0) {
      return textAnswer(
        twitchChallengeAnswer(challenge),
        'answered Twitch EventSub verification (signature not checked: no secret configured)',
      );
    }
    const verdict = verify(delivery, { ...config, now: delivery.receivedAt });
    if (verdict.status !== 'valid') {
      return textAnswer(
        'signature verification failed',
        `refused Twitch EventSub verification: ${verdict.reason}`,
        403,
      );
    }
    return textAnswer(
      twitchChallengeAnswer(challenge),
      'answered Twitch EventSub verification by echoing the challenge (signature valid)',
    );
  };
}

/** Twitch's side: a signed webhook_callback_verification, answered 200 with the bare challenge. */
export function createTwitchHandshakePlay(
  sign: (request: OutgoingRequest, secret: string) => OutgoingRequest,
): HandshakePlay {
  return {
    needsSecret: true,
    request(url, secret) {
      const challenge = freshToken();
      const unsigned = jsonRequest(
        url,
        {
          challenge,
          subscription: {
            id: 'f1c2a387-161a-49f9-a165-0f21d7a4e1c4',
            status: 'webhook_callback_verification_pending',
            type: 'channel.follow',
            version: '2',
            condition: { broadcaster_user_id: '12826' },
            transport: { method: 'webhook', callback: url.toString() },
          },
        },
        [[TWITCH_MESSAGE_TYPE, VERIFICATION]],
      );
      return { request: sign(unsigned, secret), expected: twitchChallengeAnswer(challenge) };
    },
    judge: judgeEcho(is200, 'HTTP 200'),
  };
}
