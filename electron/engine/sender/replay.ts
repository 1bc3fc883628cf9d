import type { RawHeaders } from '../../contract/delivery';
import type { Provider, SignOptions } from '../providers/types';
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
  };
  if (!resign) return request;
  if (!resign.provider.sign)
    throw new Error(`provider "${resign.provider.id}" cannot sign requests`);
  return resign.provider.sign(request, resign.secret, resign.options);
}
