import { randomUUID } from 'node:crypto';
import { bodyText } from '../http-helpers';
import type { ForgeContext, ForgeShape } from '../types';

export const TWILIO_USER_AGENT = 'TwilioProxy/1.1';

/**
 * The headers Twilio sends with a webhook (twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 * and /docs/usage/security): form-encoded parameters (JSON for some products), `TwilioProxy/1.1`,
 * I-Twilio-Idempotency-Token and X-Home-Region. X-Twilio-Signature comes from sign(), which also
 * appends bodySHA256 to the URL of a JSON body.
 */
export function forgeTwilio(context: ForgeContext): ForgeShape {
  const json = bodyText(context.body).trimStart().startsWith('{');
  return {
    headers: [
      ['Content-Type', json ? 'application/json' : 'application/x-www-form-urlencoded'],
      ['User-Agent', TWILIO_USER_AGENT],
      ['Accept', '*/*'],
      ['I-Twilio-Idempotency-Token', randomUUID()],
      ['X-Home-Region', 'us1'],
    ],
    framing: 'length',
  };
}
