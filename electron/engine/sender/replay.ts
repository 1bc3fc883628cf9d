import type { RawHeaders } from '../../contract/delivery';
import type { BodyFraming, Provider, SignOptions } from '../providers/types';
import type { OutgoingRequest } from './types';

/** A captured request's raw facts: what a replay starts from. */
export interface ReplaySource {
  method: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

/** What the user changed before sending; anything left out is sent exactly as captured. */
export interface ReplayEdits {
  url: string;
  method?: string;
  rawHeaders?: RawHeaders;
  body?: Uint8Array;
  /**
   * How the body goes on the wire. Absent: as captured (a delivery that came with
   * `Transfer-Encoding: chunked` is sent chunked; the store keeps no chunk sizes, so in one chunk
   * unless `chunkSizes` says otherwise).
   */
  framing?: BodyFraming;
  chunkSizes?: readonly number[];
}

export interface Resigning {
  provider: Provider;
  secret: string;
  options?: SignOptions;
}

/**
 * Builds the request a replay sends: the captured method, header order and body bytes unless edited.
 * With `resign`, the provider signs it afresh (new timestamp and id), which a replay needs once the
 * original signature is past the provider's tolerance (Stripe: 5 minutes).
 */
export function buildReplay(
  source: ReplaySource,
  edits: ReplayEdits,
  resign?: Resigning,
): OutgoingRequest {
  const request: OutgoingRequest = {
    method: edits.method ?? source.method,
    url: edits.url,
    rawHeaders: edits.rawHeaders ?? source.rawHeaders,
    body: edits.body ?? source.body,
    ...(edits.framing === undefined ? {} : { framing: edits.framing }),
    ...(edits.chunkSizes === undefined ? {} : { chunkSizes: edits.chunkSizes }),
  };
  if (!resign) return request;
  if (!resign.provider.sign)
    throw new Error(`provider "${resign.provider.id}" cannot sign requests`);
  return resign.provider.sign(request, resign.secret, { freshIds: true, ...resign.options });
}

/**
 * The user's `Name: value` headers over a request's own: the headers of a name given replace every
 * header of that name (any case), at the place of the first one, or at the end when the request has
 * none. Repeating a name sends it several times. Applied last, so it can replace a signature header
 * on purpose (to see a receiver refuse it).
 */
export function overrideHeaders(rawHeaders: RawHeaders, overrides: RawHeaders): RawHeaders {
  const given = new Map<string, RawHeaders>();
  for (const pair of overrides) {
    const key = pair[0].toLowerCase();
    given.set(key, [...(given.get(key) ?? []), pair]);
  }
  const result: RawHeaders = [];
  for (const pair of rawHeaders) {
    const key = pair[0].toLowerCase();
    const replacing = given.get(key);
    if (!replacing) result.push(pair);
    else if (replacing.length > 0) {
      result.push(...replacing);
      given.set(key, []);
    }
  }
  for (const pairs of given.values()) result.push(...pairs);
  return result;
}
