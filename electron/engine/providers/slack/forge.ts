import { bodyText } from '../http-helpers';
import type { ForgeContext, ForgeShape } from '../types';

/** The user agent of Slack's outgoing requests (api.slack.com/robots). */
export const SLACKBOT_USER_AGENT = 'Slackbot 1.0 (+https://api.slack.com/robots)';

/**
 * The headers Slack sends (api.slack.com "Verifying requests from Slack"): the request timestamp
 * the signature covers, which sign() rewrites with the same clock, and Slackbot's user agent. Events
 * API bodies are JSON; slash commands and interactivity are form-encoded.
 */
export function forgeSlack(context: ForgeContext): ForgeShape {
  const text = bodyText(context.body).trimStart();
  const json = text.startsWith('{');
  return {
    headers: [
      ['Content-Type', json ? 'application/json' : 'application/x-www-form-urlencoded'],
      ['User-Agent', SLACKBOT_USER_AGENT],
      ['X-Slack-Request-Timestamp', String(Math.floor(context.now / 1000))],
    ],
    framing: 'length',
  };
}
