import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { framingOf, headersForSending } from './hop-by-hop';
import type { OutgoingRequest, SendFailureCode, SendOutcome } from './types';

export interface SendOptions {
  timeoutMs?: number;
  /** Keep at most this many bytes of the answer's body (the rest is read and dropped). */
  maxAnswerBytes?: number;
}

// node:http, not fetch or undici: given a flat raw header array it sends exactly those headers, in
// that order and case, and adds nothing but `Connection`. Redirects are never followed (providers
// don't follow them either).
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 256 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * Sends a request with its headers in the given order and case and its body bytes untouched.
 * Never throws: a target that is down or too slow is an outcome, not an exception.
 */
export function sendExact(
  outgoing: OutgoingRequest,
  options: SendOptions = {},
): Promise<SendOutcome> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 30_000;
  let url: URL;
  try {
    url = new URL(outgoing.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`unsupported protocol ${url.protocol}`);
  } catch (error) {
    return Promise.resolve(
      failure(
        'invalid-request',
        `invalid target URL "${outgoing.url}": ${(error as Error).message}`,
        started,
      ),
    );
  }
  const framing = framingOf(outgoing);
  let pieces: Uint8Array[];
  try {
    pieces = bodyPieces(outgoing.body, framing, outgoing.chunkSizes);
  } catch (error) {
    return Promise.resolve(failure('invalid-request', (error as Error).message, started));
  }
  const headers = headersForSending(outgoing.rawHeaders, url, outgoing.body.length, framing).flat();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const fail = (code: SendFailureCode, message: string) =>
      settle(failure(code, message, started));
    let req: ReturnType<typeof httpRequest>;
    try {
      req = send(
        url,
        { method: outgoing.method, headers, agent: agents[url.protocol as 'http:' | 'https:'] },
        (res) => collectAnswer(res, started, settle, fail, options.maxAnswerBytes ?? Infinity),
      );
    } catch (error) {
      fail('invalid-request', `the request cannot be sent: ${(error as Error).message}`);
      return;
    }
    const timer = setTimeout(() => {
      fail('timeout', `${url.host} did not answer within ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const { code, message } = describeFailure(error, url);
      fail(code, message);
    });
    // With `Transfer-Encoding: chunked` among the headers node:http frames each write() as exactly one
    // chunk (size line in lowercase hex, no extensions) and end() adds the `0` chunk: the sizes asked for
    // are the sizes on the wire. With Content-Length the pieces are just the body.
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

/**
 * The body split as it will be written: one piece for `length`; for `chunked`, one piece per chunk
 * size (they must be positive and add up to the body's length: a 0 would end the body early), or the
 * whole body as one chunk when no sizes are given.
 */
export function bodyPieces(
  body: Uint8Array,
  framing: 'length' | 'chunked',
  chunkSizes?: readonly number[],
): Uint8Array[] {
  if (body.length === 0) return [];
  if (framing === 'length' || !chunkSizes || chunkSizes.length === 0) return [body];
  const pieces: Uint8Array[] = [];
  let offset = 0;
  for (const size of chunkSizes) {
    if (!Number.isSafeInteger(size) || size <= 0)
      throw new Error(
        `invalid chunk size ${size}: each chunk must be a positive whole number of bytes`,
      );
    pieces.push(body.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== body.length)
    throw new Error(`the chunk sizes add up to ${offset} bytes but the body has ${body.length}`);
  return pieces;
}

function collectAnswer(
  res: IncomingMessage,
  started: number,
  settle: (outcome: SendOutcome) => void,
  fail: (code: SendFailureCode, message: string) => void,
  maxBytes: number,
): void {
  const firstByteMs = performance.now() - started;
  const chunks: Buffer[] = [];
  let kept = 0;
  res.on('data', (chunk: Buffer) => {
    if (kept >= maxBytes) return;
    const piece = kept + chunk.length > maxBytes ? chunk.subarray(0, maxBytes - kept) : chunk;
    kept += piece.length;
    chunks.push(piece);
  });
  res.on('error', (error) => fail('reset', `the answer was cut off: ${error.message}`));
  res.on('end', () => {
    const rawHeaders: [string, string][] = [];
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
      rawHeaders.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
    settle({
      ok: true,
      answer: {
        status: res.statusCode ?? 0,
        rawHeaders,
        body: new Uint8Array(Buffer.concat(chunks)),
        timing: { firstByteMs, totalMs: performance.now() - started },
      },
    });
  });
}

function failure(code: SendFailureCode, message: string, started: number): SendOutcome {
  return { ok: false, code, message, timing: { totalMs: performance.now() - started } };
}

function describeFailure(
  error: NodeJS.ErrnoException,
  url: URL,
): { code: SendFailureCode; message: string } {
  const where = url.host;
  switch (error.code) {
    case 'ECONNREFUSED':
      return {
        code: 'connection-refused',
        message: `nothing is listening on ${where} (connection refused)`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'dns', message: `cannot resolve host ${url.hostname}` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'reset', message: `${where} closed the connection before answering` };
    case 'ERR_INVALID_HTTP_TOKEN':
    case 'ERR_INVALID_CHAR':
    case 'ERR_HTTP_INVALID_HEADER_VALUE':
      return { code: 'invalid-request', message: `the request cannot be sent: ${error.message}` };
    default:
      return { code: 'other', message: `${where}: ${error.message}` };
  }
}
