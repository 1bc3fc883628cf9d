import {
  freshToken,
  is200,
  jsonRequest,
  needStatus,
  answerJson,
  answerText,
} from '../handshake-kit';
import { jsonObject, stringField, textAnswer } from '../http-helpers';
import type { DeliveryInput, HandshakeAnswer, HandshakePlay } from '../types';
import { signV0, type V0Scheme } from '../v0-timestamp-scheme';

/** The Slack SDKs refuse timestamps older than 5 minutes. */
export const SLACK_SCHEME: V0Scheme = {
  providerName: 'Slack',
  signatureHeader: 'X-Slack-Signature',
  timestampHeader: 'X-Slack-Request-Timestamp',
  defaultToleranceSec: 300,
};

/** THE expected answer to url_verification: the challenge itself (api.slack.com/events/url_verification). */
export const slackChallengeAnswer = (challenge: string): string => challenge;

/** The challenge is echoed, never signed: the answer cannot serve as a Slack signature. */
export function slackHandshake(delivery: DeliveryInput): HandshakeAnswer | null {
  const json = jsonObject(delivery.body);
  const challenge = stringField(json, 'challenge');
  if (delivery.method !== 'POST' || json?.['type'] !== 'url_verification' || challenge === null) {
    return null;
  }
  return textAnswer(
    slackChallengeAnswer(challenge),
    'answered Slack url_verification by echoing the challenge',
  );
}

/**
 * Slack signs url_verification like every request (X-Slack-Signature), and receivers built on its
 * SDKs (Bolt) refuse it unsigned: with the signing secret the play signs too; without, it is sent
 * unsigned for receivers that check nothing.
 */
export const slackHandshakePlay: HandshakePlay = {
  needsSecret: false,
  request(url, secret) {
    const challenge = freshToken();
    const request = jsonRequest(url, {
      token: 'verification-token',
      challenge,
      type: 'url_verification',
    });
    return {
      request: secret ? signV0(SLACK_SCHEME, request, secret) : request,
      expected: slackChallengeAnswer(challenge),
    };
  },
  // Slack accepts the challenge as plain text, as a form field, or as JSON {"challenge"}.
  judge(answer, expected) {
    const statusProblem = needStatus(answer, is200, 'HTTP 200');
    if (statusProblem) return statusProblem;
    const body = answerText(answer).trim();
    if (body === expected || body === `challenge=${expected}`) return null;
    const parsed = answerJson(answer);
    if (typeof parsed !== 'string' && parsed['challenge'] === expected) return null;
    return `the answer does not contain the challenge ${JSON.stringify(expected)} (got ${JSON.stringify(body.slice(0, 80))})`;
  },
};
