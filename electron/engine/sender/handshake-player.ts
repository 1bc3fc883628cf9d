import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RawHeaders } from '../../contract/delivery';
import { findHandshakePlay, handshakePlays } from './handshake-plays';
import { headersForSending } from './hop-by-hop';
import type { OutgoingRequest, SendAnswer } from './types';

export interface HandshakeReport {
  provider: string;
  pass: boolean;
  /** Why it passed or failed, in one sentence (plus what was malformed in the answer, if anything). */
  reason: string;
  sent: OutgoingRequest;
  answer: SendAnswer | null;
  /** What was wrong with the answer's framing but tolerated, as the provider tolerates it. */
  notes: string[];
  totalMs: number;
}

export class UnknownHandshakeError extends Error {
  constructor(provider: string) {
    super(
      `no handshake to play for provider "${provider}"; known: ${handshakePlays.map((p) => p.provider).join(', ')}`,
    );
  }
}

/** RFC 9110 token characters: what a header name may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Answers larger than this are cut (a handshake answer is a few hundred bytes). */
const MAX_ANSWER_BYTES = 1024 * 1024;

interface RawAnswer {
  answer: SendAnswer;
  notes: string[];
}

/**
 * Reads an HTTP/1.x answer leniently, the way providers' HTTP stacks do: a header line that is not
 * `token: value` is skipped and named (pyPreservica's Flask helper sends `application/json:
 * text/plain; charset=utf-8`, which node:http rejects with "Parse Error: Invalid header token"
 * and so hides whether the answer itself was right). Returns null until the answer is complete;
 * `ended` says the connection closed (a body without length runs to the close).
 */
export function parseRawAnswer(bytes: Buffer, ended: boolean): RawAnswer | string | null {
  const headEnd = bytes.indexOf('\r\n\r\n');
  const bareEnd = headEnd === -1 ? bytes.indexOf('\n\n') : -1;
  if (headEnd === -1 && bareEnd === -1)
    return ended ? `the answer ended before its headers did (${bytes.length} bytes)` : null;
  const bodyStart = headEnd !== -1 ? headEnd + 4 : bareEnd + 2;
  const lines = bytes
    .subarray(0, headEnd !== -1 ? headEnd : bareEnd)
    .toString('latin1')
    .split(/\r?\n/);
  const statusLine = lines[0] ?? '';
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})(?: .*)?$/.exec(statusLine);
  if (!status)
    return `the answer does not start with an HTTP status line: \`${statusLine.slice(0, 80)}\``;
  const notes: string[] = [];
  const rawHeaders: RawHeaders = [];
  lines.slice(1).forEach((line, index) => {
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon);
    if (colon === -1 || !TOKEN.test(name)) {
      notes.push(`header line ${index + 1} is not a valid HTTP header: \`${line.slice(0, 120)}\``);
      return;
    }
    rawHeaders.push([name, line.slice(colon + 1).trim()]);
  });
  const headerOf = (wanted: string) =>
    rawHeaders.find(([name]) => name.toLowerCase() === wanted)?.[1] ?? null;
  const rest = bytes.subarray(bodyStart);
  let body: Buffer | null;
  if (/chunked\s*$/i.test(headerOf('transfer-encoding') ?? '')) {
    body = dechunk(rest);
    if (body === null && ended) return 'the chunked answer body ended before its last chunk';
  } else if (headerOf('content-length') !== null) {
    const length = Number(headerOf('content-length'));
    if (!Number.isSafeInteger(length) || length < 0)
      return `the answer's Content-Length is not a number: \`${headerOf('content-length')}\``;
    body = rest.length >= length ? rest.subarray(0, length) : null;
    if (body === null && ended)
      return `the answer declared ${length} body bytes but the connection closed after ${rest.length}`;
  } else {
    body = ended ? rest : null;
  }
  if (body === null) return null;
  return {
    answer: {
      status: Number(status[1]),
      rawHeaders,
      body: new Uint8Array(body),
      timing: { firstByteMs: 0, totalMs: 0 },
    },
    notes,
  };
}

/** The body of a complete chunked stream, or null while it is incomplete. */
function dechunk(bytes: Buffer): Buffer | null {
  const pieces: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd === -1) return null;
    const size = parseInt(
      bytes.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '',
      16,
    );
    if (!Number.isFinite(size)) return null;
    if (size === 0) return Buffer.concat(pieces);
    if (bytes.length < lineEnd + 2 + size + 2) return null;
    pieces.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

type Exchange = { ok: true; raw: RawAnswer; firstByteMs: number } | { ok: false; message: string };

/**
 * One request over a fresh connection (`Connection: close`), the answer read as raw bytes so a
 * malformed answer can still be judged and its faults named. Redirects are not followed.
 */
function exchange(request: OutgoingRequest, timeoutMs: number, started: number): Promise<Exchange> {
  let url: URL;
  try {
    url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`unsupported protocol ${url.protocol}`);
  } catch (error) {
    return Promise.resolve({
      ok: false,
      message: `invalid target URL "${request.url}": ${(error as Error).message}`,
    });
  }
  const headers = headersForSending(request.rawHeaders, url, request.body.length);
  const head =
    `${request.method} ${url.pathname}${url.search} HTTP/1.1\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    'Connection: close\r\n\r\n';
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise<Exchange>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let firstByteMs = 0;
    let settled = false;
    const socket: Socket =
      url.protocol === 'https:'
        ? tlsConnect({ host, port, servername: host })
        : netConnect({ host, port });
    const settle = (outcome: Exchange) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    const tryParse = (ended: boolean) => {
      const parsed = parseRawAnswer(Buffer.concat(chunks), ended);
      if (parsed === null) return;
      settle(
        typeof parsed === 'string'
          ? { ok: false, message: parsed }
          : { ok: true, raw: parsed, firstByteMs },
      );
    };
    socket.setTimeout(timeoutMs, () =>
      settle({ ok: false, message: `${url.host} did not answer within ${timeoutMs} ms` }),
    );
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      socket.write(head, 'latin1');
      if (request.body.length > 0) socket.write(request.body);
    });
    socket.on('data', (chunk: Buffer) => {
      if (size === 0) firstByteMs = performance.now() - started;
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        settle({ ok: false, message: `the answer is larger than ${MAX_ANSWER_BYTES} bytes` });
        return;
      }
      chunks.push(chunk);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('close', () => {
      tryParse(true);
      settle({ ok: false, message: `${url.host} closed the connection without answering` });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const what =
        error.code === 'ECONNREFUSED'
          ? `nothing listens at ${url.host} (connection refused)`
          : error.code === 'ENOTFOUND'
            ? `the host ${url.hostname} does not resolve`
            : `the connection failed: ${error.message}`;
      settle({ ok: false, message: what });
    });
  });
}

/** A redirect is a failure (providers do not follow them); say where it pointed. */
function redirectNote(answer: SendAnswer): string | null {
  if (answer.status < 300 || answer.status >= 400) return null;
  const location = answer.rawHeaders.find(([name]) => name.toLowerCase() === 'location')?.[1];
  return `the answer is a redirect (HTTP ${answer.status}${location ? ` to ${location}` : ''}), and providers do not follow redirects`;
}

/**
 * Acts as the provider subscribing: sends its handshake request to `targetUrl` and judges the answer
 * exactly as the provider would. The expected value comes from the provider's own handshake
 * function (providers/<id>/handshake.ts), the one its receiver answers with.
 */
export async function playHandshake(
  provider: string,
  targetUrl: string,
  secret: string,
  timeoutMs = 10_000,
): Promise<HandshakeReport> {
  const play = findHandshakePlay(provider);
  if (!play) throw new UnknownHandshakeError(provider);
  if (play.needsSecret && !secret)
    throw new Error(`the ${provider} handshake needs the shared secret (--secret)`);
  const started = performance.now();
  const { request, expected } = play.request(new URL(targetUrl), secret);
  const outcome = await exchange(request, timeoutMs, started);
  const totalMs = performance.now() - started;
  if (!outcome.ok) {
    return {
      provider,
      pass: false,
      reason: outcome.message,
      sent: request,
      answer: null,
      notes: [],
      totalMs,
    };
  }
  const answer: SendAnswer = {
    ...outcome.raw.answer,
    timing: { firstByteMs: outcome.firstByteMs, totalMs },
  };
  const notes = [...outcome.raw.notes];
  const redirect = redirectNote(answer);
  if (redirect) notes.unshift(redirect);
  const problem = play.judge(answer, expected);
  const noted = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  const reason =
    problem === null
      ? `the ${provider} handshake was answered correctly (HTTP ${answer.status})${notes.length > 0 ? `, read leniently as ${provider} does: ${notes.join('; ')}` : ''}`
      : `${problem}${noted}`;
  return { provider, pass: problem === null, reason, sent: request, answer, notes, totalMs };
}
