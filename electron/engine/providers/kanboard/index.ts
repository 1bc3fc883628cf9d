import { readJsonObject } from '../../inspect/json-body';
import { KANBOARD_EVENT_NAMES, kanboardEvents } from './events';
import { indexedHeaderValue } from '../raw-headers';
import { queryParams, withQueryParam } from '../request-target';
import { safeEqual } from '../safe-equal';
import type {
  DeliveryInput,
  Detection,
  ForgeContext,
  ForgeShape,
  OutgoingRequest,
  Provider,
  VerifyContext,
  VerifyResult,
} from '../types';
import { kanboardSubscription } from './subscription';

/** Current code sends `Kanboard`; `Kanboard Webhook` until v1.0.16 and still in the docs. */
const USER_AGENT = /^Kanboard(?: Webhook)?\b/;
/** `bin2hex(random_bytes(30))`. */
const TOKEN_FORMAT = /^[0-9a-f]{60}$/;

function detect(delivery: DeliveryInput): Detection | null {
  const envelope = readJsonObject(delivery.body);
  const eventName = envelope?.['event_name'];
  const hasEnvelope = typeof eventName === 'string' && typeof envelope?.['event_data'] === 'object';
  const event = hasEnvelope ? eventName : null;
  const userAgent = indexedHeaderValue(delivery.rawHeaders, 'user-agent') ?? '';
  if (USER_AGENT.test(userAgent)) return { event, confidence: hasEnvelope ? 1 : 0.8 };
  if (!hasEnvelope) return null;
  const known = KANBOARD_EVENT_NAMES.includes(eventName as string);
  const hasToken = queryParams(delivery.target, 'token').length > 0;
  return { event, confidence: (known ? 0.6 : 0.4) + (hasToken ? 0.2 : 0) };
}

/** The token this endpoint expects: `options.token`, else the configured secrets (rotation). */
function configuredTokens(context: VerifyContext): string[] {
  const token = context.options['token'];
  if (typeof token === 'string' && token.length > 0) return [token];
  return context.secrets.filter((secret) => secret.length > 0);
}

function verify(delivery: DeliveryInput, context: VerifyContext): VerifyResult {
  const received = queryParams(delivery.target, 'token');
  const expected = configuredTokens(context);
  const first = received[0];
  if (first === undefined) {
    return {
      status: 'missing',
      reason:
        'No ?token= in the URL: Kanboard appends its webhook token to every delivery, so the webhook URL or the sender is not Kanboard.',
    };
  }
  if (expected.length === 0) {
    return {
      status: 'not-applicable',
      reason:
        'The URL carries ?token= but no Kanboard token is configured for this endpoint; copy it from Settings > Webhooks.',
    };
  }
  const details: Record<string, unknown> = {
    where: 'query parameter token',
    receivedLength: first.length,
    looksLikeKanboardToken: TOKEN_FORMAT.test(first),
    tokensTried: expected.length,
  };
  if (received.length > 1) details['duplicateTokenParameters'] = received.length;
  const index = expected.findIndex((token) => safeEqual(token, first));
  if (index !== -1) {
    return {
      status: 'valid',
      reason: `The ?token= query parameter matches the configured Kanboard token${expected.length > 1 ? ` #${index + 1}` : ''}.`,
      details: { ...details, secretIndex: index },
    };
  }
  const hint = TOKEN_FORMAT.test(first)
    ? 'the token was probably regenerated in Kanboard (Settings > Webhooks > Reset token).'
    : `Kanboard tokens are 60 lowercase hex characters and this one is ${first.length} characters long.`;
  return {
    status: 'invalid',
    reason: `The ?token= query parameter does not match the configured Kanboard token: ${hint}`,
    details,
  };
}

/** Kanboard "signs" by appending the token to the URL; forge and replay do the same. */
function sign(request: OutgoingRequest, secret: string): OutgoingRequest {
  return { ...request, url: withQueryParam(request.url, 'token', secret) };
}

/**
 * The request Kanboard's HTTP client sends with its default transport, cURL (app/Core/Http/Client.php
 * at 2cba210d: `doRequest` picks cURL whenever the extension is loaded, as in the official image;
 * lines 234-258): `CURLOPT_USERAGENT` "Kanboard", curl's own Accept header (any type), `postJson`'s
 * header spelled `Content-type` (lines 65-76), then curl's Content-Length for `CURLOPT_POSTFIELDS`.
 * HTTP/1.1 with `CURLOPT_FORBID_REUSE`: one connection per delivery. The PHP-stream fallback
 * (`getContext`, lines 325-350) sends `User-Agent: Kanboard` and `Connection: close` before
 * `Content-type` instead.
 */
function forge(context: ForgeContext): ForgeShape {
  return {
    headers: [
      ['Host', new URL(context.url).host],
      ['User-Agent', 'Kanboard'],
      ['Accept', '*/*'],
      ['Content-type', 'application/json'],
      ['Content-Length', String(context.body.length)],
    ],
    framing: 'length',
  };
}

export const kanboard: Provider = {
  id: 'kanboard',
  name: 'Kanboard',
  detect,
  verify,
  sign,
  forge,
  events: kanboardEvents,
  subscription: kanboardSubscription,
};
