import type { RawHeaders } from '../../contract/delivery';

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

/** Drops the connection headers and fixes Host and Content-Length for the bytes actually sent. */
export function headersForSending(
  rawHeaders: RawHeaders,
  url: URL,
  bodyLength: number,
): RawHeaders {
  const result: RawHeaders = [];
  let sawHost = false;
  let sawLength = false;
  for (const [name, value] of rawHeaders) {
    const lower = name.toLowerCase();
    if (isConnectionHeader(lower)) continue;
    if (lower === 'host') {
      if (sawHost) continue;
      sawHost = true;
      // Keep the header's position and case; its value must name the server we actually reach.
      result.push([name, url.host]);
      continue;
    }
    if (lower === 'content-length') {
      if (sawLength) continue;
      sawLength = true;
      result.push([name, String(bodyLength)]);
      continue;
    }
    result.push([name, value]);
  }
  // HTTP/1.1 requires Host; a request forged from scratch may not carry one.
  if (!sawHost) result.unshift(['host', url.host]);
  if (!sawLength && bodyLength > 0) result.push(['content-length', String(bodyLength)]);
  return result;
}
