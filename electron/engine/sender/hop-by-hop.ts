import type { RawHeaders } from '../../contract/delivery';
import type { BodyFraming } from '../providers/types';

// Headers that describe one connection, not the message (RFC 9110 7.6.1). They can't be replayed as
// they were: the new connection has its own, and the HTTP client refuses to send several of them.
const CONNECTION_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

export function isConnectionHeader(name: string): boolean {
  return CONNECTION_HEADERS.has(name.toLowerCase());
}

/** A `Transfer-Encoding` value whose last coding is `chunked` (RFC 9112 6.1). */
const CHUNKED_LAST = /(?:^|,)[ \t]*chunked[ \t]*$/i;

/**
 * How a request's body goes on the wire: its explicit `framing`, else `chunked` when the raw headers
 * carry `Transfer-Encoding: chunked` (a delivery captured chunked), else `length`.
 */
export function framingOf(request: { rawHeaders: RawHeaders; framing?: BodyFraming }): BodyFraming {
  if (request.framing) return request.framing;
  const captured = request.rawHeaders.some(
    ([name, value]) => name.toLowerCase() === 'transfer-encoding' && CHUNKED_LAST.test(value),
  );
  return captured ? 'chunked' : 'length';
}

/**
 * Drops the connection headers and fixes Host and the framing header for the bytes actually sent:
 * `Content-Length` with `length` framing; `Transfer-Encoding: chunked` (and no Content-Length) with
 * `chunked`. A captured framing header keeps its position and case.
 */
export function headersForSending(
  rawHeaders: RawHeaders,
  url: URL,
  bodyLength: number,
  framing: BodyFraming = 'length',
): RawHeaders {
  const result: RawHeaders = [];
  let sawHost = false;
  let sawFraming = false;
  for (const [name, value] of rawHeaders) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding' && framing === 'chunked') {
      if (sawFraming) continue;
      sawFraming = true;
      // A captured `gzip, chunked` stays as it was; anything not ending in chunked would not frame.
      result.push([name, CHUNKED_LAST.test(value) ? value : 'chunked']);
      continue;
    }
    if (isConnectionHeader(lower)) continue;
    if (lower === 'host') {
      if (sawHost) continue;
      sawHost = true;
      // Keep the header's position and case; its value must name the server we actually reach.
      result.push([name, url.host]);
      continue;
    }
    if (lower === 'content-length') {
      // Chunked bodies carry no length (RFC 9112 6.2: a sender must not send both).
      if (sawFraming || framing === 'chunked') continue;
      sawFraming = true;
      result.push([name, String(bodyLength)]);
      continue;
    }
    result.push([name, value]);
  }
  // HTTP/1.1 requires Host; a request forged from scratch may not carry one.
  if (!sawHost) result.unshift(['host', url.host]);
  if (!sawFraming) {
    if (framing === 'chunked') result.push(['Transfer-Encoding', 'chunked']);
    else if (bodyLength > 0) result.push(['content-length', String(bodyLength)]);
  }
  return result;
}
