import { createHash } from 'node:crypto';
import {
  safeEqual,
  hmacDigest,
  missingHeader,
  noSecrets,
  preview,
  result,
  verifyAgainstSecrets,
} from '../crypto-helpers';
import { isWellFormedDigest } from '../digest-format';
import {
  bodyText,
  header,
  headerValue,
  publicRequestUrl,
  queryParam,
  withHeaders,
} from '../http-helpers';
import type { DeliveryInput, EventDefinition, Provider, VerifyResult } from '../types';
import { forgeTwilio, TWILIO_USER_AGENT } from './forge';

const HEADER = 'X-Twilio-Signature';

/** Official validators try the URL with and without the scheme's standard port. */
function portVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#:]+)(:\d+)?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme = '', host = '', port, rest = ''] = match;
  const standard = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  const without = `${scheme}://${host}${rest}`;
  const withPort = `${scheme}://${host}${standard}${rest}`;
  if (port === undefined) return [without, withPort];
  return port === standard ? [without, url] : [url];
}

/** URL + every POST parameter sorted by name, each distinct value sorted (twilio-python). */
export function twilioSignedString(url: string, params: URLSearchParams | null): string {
  let signed = url;
  if (!params) return signed;
  for (const name of [...new Set(params.keys())].sort()) {
    for (const value of [...new Set(params.getAll(name))].sort()) signed += name + value;
  }
  return signed;
}

export function twilioSignature(
  authToken: string,
  url: string,
  params: URLSearchParams | null,
): string {
  return hmacDigest('sha1', authToken, [twilioSignedString(url, params)], 'base64');
}

function isForm(rawHeaders: DeliveryInput['rawHeaders']): boolean {
  const type = headerValue(rawHeaders, 'content-type') ?? '';
  return type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

const events: readonly EventDefinition[] = [
  {
    name: 'incoming-message',
    description: 'An SMS arrived on a Twilio number (form-encoded POST).',
    template:
      'ToCountry=US&ToState=CA&SmsMessageSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&NumMedia=0&ToCity=SAN+FRANCISCO&FromZip=94105&SmsSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO&Body=Hello+from+Hookscope&FromCountry=US&To=%2B14155550100&ToZip=94103&NumSegments=1&MessageSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&AccountSid=AC00000000000000000000000000000000&From=%2B14155550199&ApiVersion=2010-04-01',
  },
  {
    name: 'call-status',
    description: 'Status callback of a voice call (form-encoded POST).',
    template:
      'CallSid=CA1234567890ABCDE&AccountSid=AC00000000000000000000000000000000&From=%2B14155550199&To=%2B14155550100&CallStatus=completed&Direction=outbound-api&CallDuration=42&ApiVersion=2010-04-01',
  },
];

/** An incoming message (status `received`) or a call status callback by name, else `status:<status>`. */
function twilioEvent(params: URLSearchParams): string | null {
  if (params.get('SmsStatus') === 'received' && params.has('Body')) return 'incoming-message';
  const callStatus = params.get('CallStatus');
  if (params.has('CallSid') && callStatus !== null) return 'call-status';
  const status = params.get('SmsStatus') ?? params.get('MessageStatus') ?? callStatus;
  return status ? `status:${status}` : null;
}

export const twilio: Provider = {
  id: 'twilio',
  name: 'Twilio',
  detect(delivery) {
    const signed = header(delivery, HEADER) !== null;
    // Unsigned (forged without an auth token): Twilio's proxy user agent still says Twilio.
    if (!signed && header(delivery, 'User-Agent') !== TWILIO_USER_AGENT) return null;
    const params = isForm(delivery.rawHeaders)
      ? new URLSearchParams(bodyText(delivery.body))
      : null;
    return { event: params ? twilioEvent(params) : null, confidence: signed ? 1 : 0.8 };
  },
  verify(delivery, context) {
    const signature = header(delivery, HEADER)?.trim() ?? null;
    if (signature === null) return missingHeader('Twilio', HEADER);
    if (!isWellFormedDigest(signature, 'sha1', 'base64')) {
      return result(
        'invalid',
        `${HEADER} is malformed: expected 28 base64 characters, received "${preview(signature, 40)}".`,
      );
    }
    if (!delivery.publicUrl) {
      return result(
        'not-applicable',
        'Twilio signs the full public URL it called (scheme, host, path, query); set the public URL of this endpoint (e.g. the tunnel URL) to verify it.',
      );
    }
    if (context.secrets.length === 0) return noSecrets('Twilio', 'auth token');
    const url = publicRequestUrl(delivery.publicUrl, delivery.target);
    const bodyHash = queryParam(url, 'bodySHA256');
    // JSON bodies: the signature covers the URL only, and the URL carries the body's hash.
    if (bodyHash !== null && !safeEqual(sha256Hex(delivery.body), bodyHash.toLowerCase())) {
      return result(
        'invalid',
        `The bodySHA256 query parameter does not match the SHA-256 of the body (expected ${sha256Hex(delivery.body)}, received ${preview(bodyHash, 64)}).`,
        { url },
      );
    }
    const params =
      bodyHash === null && isForm(delivery.rawHeaders)
        ? new URLSearchParams(bodyText(delivery.body))
        : null;
    let verdict: VerifyResult | null = null;
    for (const variant of portVariants(url)) {
      verdict = verifyAgainstSecrets({
        providerName: 'Twilio',
        header: HEADER,
        secrets: context.secrets,
        received: [signature],
        expectedFor: (secret) => twilioSignature(secret, variant, params),
        signed: params
          ? `URL "${variant}" + ${[...new Set(params.keys())].length} POST parameters sorted by name`
          : `URL "${variant}"`,
        details: { url: variant, signedString: twilioSignedString(variant, params) },
      });
      if (verdict.status === 'valid') return verdict;
    }
    if (verdict === null) return result('invalid', `Could not build the signed URL from "${url}".`);
    return {
      ...verdict,
      reason: `${verdict.reason} Also check that the public URL (${preview(url, 60)}) is exactly the URL configured in Twilio.`,
    };
  },
  /** Form bodies are signed with their parameters; other bodies get a bodySHA256 query parameter. */
  sign(request, secret) {
    if (isForm(request.rawHeaders)) {
      const params = new URLSearchParams(bodyText(request.body));
      const value = twilioSignature(secret, request.url, params);
      return { ...request, rawHeaders: withHeaders(request.rawHeaders, { [HEADER]: value }) };
    }
    let url = request.url;
    if (request.body.byteLength > 0) {
      url += `${url.includes('?') ? '&' : '?'}bodySHA256=${sha256Hex(request.body)}`;
    }
    const value = twilioSignature(secret, url, null);
    return { ...request, url, rawHeaders: withHeaders(request.rawHeaders, { [HEADER]: value }) };
  },
  forge: forgeTwilio,
  events,
};
