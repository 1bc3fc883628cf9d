// A loopback stand-in for pyPreservica's reference webhook receiver, quirks included. It mirrors
// `WebHookHandler` (an `http.server.BaseHTTPRequestHandler`) in carj/pyPreservica @
// dd3097fd12eddc7ecdc812d85e24ffd15239a4e3, pyPreservica/webHooksAPI.py, run the way docs/webhooks.rst
// runs it (`HTTPServer((host, port), MyWebHook)`, `httpd.secret_key = ...`). What the Python does:
//
// - BaseHTTPRequestHandler answers as `HTTP/1.0` and handles one request per connection, then closes
//   it (`close_connection` stays true under protocol_version HTTP/1.0). A request method with no
//   `do_<METHOD>` gets `send_error(501, "Unsupported method ('GET')")`.
// - do_POST with `challengeCode` in the query (`parse_qs`: blank values dropped, first value used):
//   200, `Content-type: application/json`, body `{ "challengeCode": "<code>",     "challengeResponse":
//   "<hex>" }` (code pasted in unescaped; HMAC key and message encoded latin-1), no Content-Length.
// - Otherwise it reads a body only when `"chunked" in headers.get("Transfer-Encoding", "")` (a
//   case-sensitive substring test) and `Preservica-Signature` is present. Anything else (a
//   Content-Length body above all) gets no answer at all: do_POST returns, the connection closes.
// - Chunked reading: `readline().strip()` parsed with `int(line, 16)` (no chunk extensions), then
//   `read(n)` and `chunk.decode("utf-8")` *per chunk* (a character split across chunks raises), then
//   one `readline()`; after the `0` chunk it reads one more line and stops (trailers not read).
// - `verify_body = f"preservica-webhook-auth{payload}"` encoded latin-1 (a character beyond U+00FF
//   raises) under the latin-1 secret; hex digest compared with `==` to the header's first value.
//   Match: `send_response(200)`, `end_headers()` (status line, Server, Date, blank line, no body),
//   then `do_WORK(json.loads(payload))`. Mismatch: no answer.
// - Any exception in the handler (ValueError, UnicodeDecodeError, UnicodeEncodeError) ends the
//   connection with nothing sent (socketserver logs the traceback).
// Divergences, on purpose: connections are served concurrently (the Python HTTPServer serves one at a
// time, which changes timing but not any answer); a negative chunk size (`int('-1', 16)`, then
// `read(-1)` waits for EOF) is treated as malformed.
import { createHmac } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type PyPreservicaOutcome =
  /** Signature verified: answered 200 and passed the document to do_WORK. */
  | 'verified'
  /** Answered a subscription challenge. */
  | 'challenge'
  /** No chunked Transfer-Encoding or no Preservica-Signature: closed without reading the body. */
  | 'ignored'
  /** Read the chunked body; the signature did not match: closed without an answer. */
  | 'signature-mismatch'
  /** The handler raised (bad chunk size, undecodable chunk, text beyond latin-1): closed. */
  | 'error'
  /** No do_<METHOD>: 501. */
  | 'unsupported-method';

export interface PyPreservicaRequest {
  method: string;
  target: string;
  rawHeaders: [string, string][];
  outcome: PyPreservicaOutcome;
  /** What happened, in the Python's terms. */
  reason: string;
  /** The chunk sizes read from the wire (chunked bodies only, the final 0 excluded). */
  chunkSizes: number[];
  /** The body text as the handler built it (chunked bodies only). */
  payload: string | null;
}

export interface PyPreservicaReceiver {
  /** e.g. http://127.0.0.1:1234 (any path: the Python handler ignores it). */
  url: string;
  /** One entry per request handled, in the order they finished. */
  requests: PyPreservicaRequest[];
  /** The documents passed to do_WORK, in order. */
  work: unknown[];
  close(): Promise<void>;
}

/** Python's `sys.version` for http.server's Server header; any 3.x would do. */
const SERVER_HEADER = 'BaseHTTP/0.6 Python/3.12.3';
const SIGNING_PREFIX = 'preservica-webhook-auth';
/** http.server's MAX line length (`_MAXLINE`): longer lines are an error. */
const MAX_LINE = 65_536;

/** Thrown where the Python handler would raise: nothing is sent, the connection closes. */
class HandlerRaised extends Error {}

/** Reads a socket the way `rfile` (a buffered reader) is read: by line or by byte count. */
class SocketReader {
  private buffered = Buffer.alloc(0);
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.notify();
    });
    socket.on('end', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** Bytes received but not read: closing with them unread resets the connection, as in Python. */
  get unread(): number {
    return this.buffered.length;
  }

  private notify() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private more(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** `readline()`: up to and including `\n`, or what is left at EOF (maybe empty). */
  async readline(): Promise<Buffer> {
    for (;;) {
      const newline = this.buffered.indexOf(0x0a);
      if (newline >= 0) return this.take(newline + 1);
      if (this.buffered.length > MAX_LINE) throw new HandlerRaised('line too long');
      if (this.ended) return this.take(this.buffered.length);
      await this.more();
    }
  }

  /** `read(n)`: n bytes, fewer only at EOF. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered.length < n && !this.ended) await this.more();
    return this.take(Math.min(n, this.buffered.length));
  }

  private take(n: number): Buffer {
    const head = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return head;
  }
}

/** Python's `bytes.strip()`: ASCII whitespace at both ends. */
function pyStrip(line: Buffer): string {
  return line.toString('latin1').replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
}

/** `int(text, 16)`: optional sign, optional 0x, digits with single underscores between them. */
function pyIntHex(text: string): number {
  const match = /^([+-]?)(?:0[xX])?_?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)$/.exec(text);
  if (!match)
    throw new HandlerRaised(`ValueError: invalid literal for int() with base 16: '${text}'`);
  const value = Number.parseInt(match[2]!.replaceAll('_', ''), 16);
  if (match[1] === '-' && value !== 0) throw new HandlerRaised('negative chunk size');
  return value;
}

/** `chunk.decode("utf-8")`, strict like Python's. */
function pyDecodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HandlerRaised("UnicodeDecodeError: 'utf-8' codec can't decode a chunk");
  }
}

/** `bytes(text, 'latin-1')`, which raises beyond U+00FF. */
function pyLatin1(text: string): Buffer {
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/u.test(text))
    throw new HandlerRaised("UnicodeEncodeError: 'latin-1' codec can't encode character");
  return Buffer.from(text, 'latin1');
}

/** `WebHookHandler.hmac(key, message)`. */
function pyHmac(key: string, message: string): string {
  return createHmac('sha256', pyLatin1(key)).update(pyLatin1(message)).digest('hex');
}

/** `parse_qs(urlparse(path).query)['challengeCode'][0]`, or null when absent or blank. */
function challengeCodeOf(target: string): string | null {
  const query = target.includes('?') ? target.slice(target.indexOf('?') + 1).split('#')[0]! : '';
  for (const field of query.split('&')) {
    const at = field.indexOf('=');
    if (at < 0) continue;
    const name = decodeQueryPart(field.slice(0, at));
    const value = decodeQueryPart(field.slice(at + 1));
    if (name === 'challengeCode' && value !== '') return value;
  }
  return null;
}

/** urllib's `unquote_plus`: `+` is a space, percent escapes decode as UTF-8 with replacement. */
function decodeQueryPart(text: string): string {
  const bytes: number[] = [];
  const plain = text.replaceAll('+', ' ');
  for (let i = 0; i < plain.length; i += 1) {
    const hex = plain.slice(i + 1, i + 3);
    if (plain[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(plain[i]!, 'utf8'));
    }
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
}

function statusHead(status: number, reason: string): string {
  return `HTTP/1.0 ${status} ${reason}\r\nServer: ${SERVER_HEADER}\r\nDate: ${new Date().toUTCString()}\r\n`;
}

/** `send_error(501, ...)` with http.server's DEFAULT_ERROR_MESSAGE page. */
function unsupportedMethod(method: string): Buffer {
  const message = `Unsupported method ('${method}')`;
  const body = Buffer.from(
    `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 501</p>\n        <p>Message: ${message}.</p>\n        <p>Error code explanation: 501 - Server does not support this operation.</p>\n    </body>\n</html>\n`,
    'utf8',
  );
  return Buffer.concat([
    Buffer.from(
      `${statusHead(501, message)}Connection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`,
      'latin1',
    ),
    body,
  ]);
}

/** First value of a header, as `email.message.Message.get` finds it (any case). */
function firstHeader(rawHeaders: [string, string][], name: string): string | null {
  const wanted = name.toLowerCase();
  return rawHeaders.find(([key]) => key.toLowerCase() === wanted)?.[1] ?? null;
}

/** Starts the stand-in on 127.0.0.1 with the shared secret the subscription was made with. */
export async function startPyPreservicaReceiver(secretKey: string): Promise<PyPreservicaReceiver> {
  const requests: PyPreservicaRequest[] = [];
  const work: unknown[] = [];
  const sockets = new Set<Socket>();

  /** What one connection's request got so far: recorded whichever way the handler ends. */
  interface Seen {
    method: string;
    target: string;
    rawHeaders: [string, string][];
    chunkSizes: number[];
  }

  async function handle(socket: Socket, reader: SocketReader, seen: Seen): Promise<boolean> {
    const requestLine = (await reader.readline()).toString('latin1').replace(/\r?\n$/, '');
    if (requestLine === '') return false;
    const [method = '', target = ''] = requestLine.split(' ');
    seen.method = method;
    seen.target = target;
    // http.client.parse_headers: latin-1 lines up to the blank one; the value loses leading blanks
    // and the line end, not trailing spaces (email's compat32 header_source_parse).
    const rawHeaders = seen.rawHeaders;
    for (;;) {
      const line = (await reader.readline()).toString('latin1');
      if (line === '\r\n' || line === '\n' || line === '') break;
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      rawHeaders.push([
        line.slice(0, colon),
        line
          .slice(colon + 1)
          .replace(/^[ \t]+/, '')
          .replace(/\r?\n$/, ''),
      ]);
    }
    const record = (
      outcome: PyPreservicaOutcome,
      reason: string,
      extra: Partial<PyPreservicaRequest> = {},
    ) =>
      requests.push({
        method,
        target,
        rawHeaders,
        outcome,
        reason,
        chunkSizes: seen.chunkSizes,
        payload: null,
        ...extra,
      });

    if (method !== 'POST') {
      socket.write(unsupportedMethod(method));
      record('unsupported-method', `no do_${method}: 501`);
      return true;
    }
    const code = challengeCodeOf(target);
    if (code !== null) {
      const signature = pyHmac(secretKey, code);
      const response = `{ "challengeCode": "${code}",     "challengeResponse": "${signature}" }`;
      socket.write(
        Buffer.concat([
          Buffer.from(`${statusHead(200, 'OK')}Content-type: application/json\r\n\r\n`, 'latin1'),
          Buffer.from(response, 'utf8'),
        ]),
      );
      record('challenge', 'answered the challenge');
      return true;
    }
    const signatureHeader = firstHeader(rawHeaders, 'Preservica-Signature');
    const transferEncoding = firstHeader(rawHeaders, 'Transfer-Encoding') ?? '';
    if (!transferEncoding.includes('chunked') || signatureHeader === null) {
      record(
        'ignored',
        signatureHeader === null
          ? 'no Preservica-Signature header: do_POST does nothing'
          : 'Transfer-Encoding does not contain "chunked": do_POST does nothing, the body is never read',
      );
      return true;
    }
    const chunkSizes = seen.chunkSizes;
    let payload = '';
    for (;;) {
      const size = pyIntHex(pyStrip(await reader.readline()));
      if (size !== 0) {
        chunkSizes.push(size);
        payload += pyDecodeUtf8(await reader.read(size));
      }
      await reader.readline();
      if (size === 0) break;
    }
    const signature = pyHmac(secretKey, `${SIGNING_PREFIX}${payload}`);
    if (signature !== signatureHeader) {
      record('signature-mismatch', `computed ${signature}, header says ${signatureHeader}`, {
        chunkSizes,
        payload,
      });
      return true;
    }
    socket.write(Buffer.from(`${statusHead(200, 'OK')}\r\n`, 'latin1'));
    record('verified', 'Signature Verified. Doing Work...', { chunkSizes, payload });
    // do_WORK(json.loads(payload)): a JSON error raises after the 200 went out.
    work.push(JSON.parse(payload));
    return true;
  }

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const reader = new SocketReader(socket);
    const seen: Seen = { method: '', target: '', rawHeaders: [], chunkSizes: [] };
    void handle(socket, reader, seen)
      .catch((error: unknown) => {
        if (!(error instanceof HandlerRaised)) throw error;
        requests.push({ ...seen, outcome: 'error', reason: error.message, payload: null });
      })
      .finally(() => {
        // shutdown_request: SHUT_WR then close; unread request bytes make the kernel send a reset.
        if (reader.unread > 0) socket.resetAndDestroy();
        else socket.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    work,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
