import { STATUS_CODES } from 'node:http';
import type { RawHeaders } from '../../contract/delivery';
import { headerValue, type NewDelivery } from '../delivery';
import { HOOKSCOPE_VERSION } from '../version';
import { bytesAsText, toBase64 } from './bytes';
import { toVerdictRecord, type VerdictRecord } from './delivery-record';
// HAR 1.2 itself comes from @types/har-format; only Hookscope's own extension is declared here.
import type {
  Content as HarContent,
  Entry,
  Har,
  Header as HarNameValue,
  PostData,
  Response as HarResponse,
} from 'har-format';

/**
 * The raw facts HAR cannot carry exactly (its url is rebuilt from the Host header, its version is
 * prefixed), so a Hookscope HAR imports back to the very same delivery.
 */
export interface HarHookscopeFields {
  id: string;
  endpoint: string | null;
  target: string;
  httpVersion: string;
  remoteAddress: string;
  via: 'local' | 'tunnel';
  size: number;
  truncated: boolean;
  provider: string | null;
  event: string | null;
  handshake: boolean;
  verdict: VerdictRecord | null;
}

/**
 * `encoding` is not in HAR 1.2 for postData; it is the common extension (HTTP Toolkit, Charles) for
 * binary bodies.
 */
type HarPostData = PostData & { encoding?: 'base64' };

/** HAR's custom-field slot (`_name`) typed for the one Hookscope writes. */
export type HarEntry = Entry & {
  request: { postData?: HarPostData };
  _hookscope: HarHookscopeFields;
};
export type HarLog = Har;

export interface HarOptions {
  /** Host used in absolute URLs when a delivery carries no usable Host header. */
  fallbackHost?: string;
}

const toHarHeaders = (rawHeaders: RawHeaders): HarNameValue[] =>
  rawHeaders.map(([name, value]) => ({ name, value }));

/** `1.1` -> `HTTP/1.1` (HAR's spelling); anything else is kept as received. */
export function harHttpVersion(version: string): string {
  return /^\d/.test(version) ? `HTTP/${version}` : version;
}

/**
 * The absolute URL viewers need, from the Host header the sender used. The raw target is kept in
 * `_hookscope.target`; this URL is only for display, so an unusable Host falls back.
 */
export function absoluteUrl(delivery: NewDelivery, fallbackHost = 'localhost'): string {
  const { target } = delivery;
  if (/^https?:\/\//i.test(target) && URL.canParse(target)) return target;
  const forwarded = headerValue(delivery.rawHeaders, 'x-forwarded-proto')?.split(',')[0]?.trim();
  const scheme = forwarded === 'https' ? 'https' : 'http';
  const path = target.startsWith('/') ? target : `/${target}`;
  const host = headerValue(delivery.rawHeaders, 'host')?.trim();
  const candidate = `${scheme}://${host}${path}`;
  if (host && URL.canParse(candidate)) return candidate;
  const fallback = `${scheme}://${fallbackHost}${path}`;
  return URL.canParse(fallback) ? fallback : `${scheme}://${fallbackHost}/`;
}

function queryString(target: string): HarNameValue[] {
  const start = target.indexOf('?');
  if (start < 0) return [];
  const params: HarNameValue[] = [];
  new URLSearchParams(target.slice(start + 1)).forEach((value, name) =>
    params.push({ name, value }),
  );
  return params;
}

function postData(delivery: NewDelivery): HarPostData | undefined {
  if (delivery.body.byteLength === 0) return undefined;
  const mimeType = headerValue(delivery.rawHeaders, 'content-type') ?? 'application/octet-stream';
  const text = bytesAsText(delivery.body);
  return text === null
    ? { mimeType, text: toBase64(delivery.body), encoding: 'base64' }
    : { mimeType, text };
}

function content(body: Uint8Array, rawHeaders: RawHeaders): HarContent {
  const mimeType = headerValue(rawHeaders, 'content-type') ?? 'x-unknown';
  const text = bytesAsText(body);
  return text === null
    ? { size: body.byteLength, mimeType, text: toBase64(body), encoding: 'base64' }
    : { size: body.byteLength, mimeType, text };
}

function harResponse(delivery: NewDelivery, httpVersion: string): HarResponse {
  const { response } = delivery;
  // Status 0 is how HAR writers (Chrome, HTTP Toolkit) mark "no response"; import maps it back to null.
  if (!response) {
    return {
      status: 0,
      statusText: '',
      httpVersion,
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    };
  }
  return {
    status: response.status,
    statusText: STATUS_CODES[response.status] ?? '',
    httpVersion,
    cookies: [],
    headers: toHarHeaders(response.rawHeaders),
    content: content(response.body, response.rawHeaders),
    redirectURL: headerValue(response.rawHeaders, 'location') ?? '',
    headersSize: -1,
    bodySize: response.body.byteLength,
  };
}

/** One HAR 1.2 entry; the time Hookscope took to answer is `wait` (it includes the commit). */
export function toHarEntry(delivery: NewDelivery, options: HarOptions = {}): HarEntry {
  const httpVersion = harHttpVersion(delivery.httpVersion);
  const latency = delivery.response?.latencyMs ?? 0;
  const body = postData(delivery);
  return {
    startedDateTime: new Date(delivery.receivedAt).toISOString(),
    time: latency,
    request: {
      method: delivery.method,
      url: absoluteUrl(delivery, options.fallbackHost),
      httpVersion,
      cookies: [],
      headers: toHarHeaders(delivery.rawHeaders),
      queryString: queryString(delivery.target),
      ...(body ? { postData: body } : {}),
      headersSize: -1,
      bodySize: delivery.size,
    },
    response: harResponse(delivery, httpVersion),
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: latency, receive: 0, ssl: -1 },
    _hookscope: {
      id: delivery.id,
      endpoint: delivery.endpoint,
      target: delivery.target,
      httpVersion: delivery.httpVersion,
      remoteAddress: delivery.remoteAddress,
      via: delivery.via,
      size: delivery.size,
      truncated: delivery.truncated,
      provider: delivery.provider,
      event: delivery.event,
      handshake: delivery.handshake,
      verdict: delivery.verdict && toVerdictRecord(delivery.verdict),
    },
  };
}

export const HAR_CREATOR = { name: 'Hookscope', version: HOOKSCOPE_VERSION } as const;

/**
 * A whole HAR document, written piece by piece so a large store is never held in memory.
 * Joining the chunks gives the same text as `JSON.stringify(harLog, null, 2)`.
 */
export function* harChunks(
  deliveries: Iterable<NewDelivery>,
  options: HarOptions = {},
): Generator<string> {
  const head: HarLog = {
    log: { version: '1.2', creator: { ...HAR_CREATOR }, pages: [], entries: [] },
  };
  const shell = JSON.stringify(head, null, 2);
  const open = shell.slice(0, shell.lastIndexOf('[]') + 1);
  const close = shell.slice(shell.lastIndexOf('[]') + 1);
  yield open;
  let first = true;
  for (const delivery of deliveries) {
    // Entries sit three levels deep (6 spaces); JSON strings hold no raw newline, so this is safe.
    const entry = JSON.stringify(toHarEntry(delivery, options), null, 2).replace(/\n/g, '\n      ');
    yield `${first ? '' : ','}\n      ${entry}`;
    first = false;
  }
  yield `${first ? '' : '\n    '}${close}\n`;
}
