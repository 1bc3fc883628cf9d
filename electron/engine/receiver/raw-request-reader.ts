import { BodyCollector, type CollectedBody } from './body-collector';
import type { RequestHead } from './capture';
import { describeParseError } from './errors';

/**
 * A small HTTP/1.x request reader for the requests node's parser refuses only because of their
 * method (llhttp knows a fixed list: `FOO /x HTTP/1.1` fails with HPE_INVALID_METHOD). It reads
 * exactly one request: the connection is closed after its answer.
 *
 * Its rules are llhttp's strict mode (nodejs/llhttp src/llhttp/http.ts and url.ts, as node 20
 * runs it with insecureHTTPParser off), so a request gets the same verdict whichever path reads
 * it: CRLF line ends only (a bare CR or LF is refused), no obs-fold, tokens for names, no
 * control bytes in values (HTAB and obs-text allowed) or in the target (printable ASCII only),
 * versions 0.9, 1.0, 1.1 and 2.0, one Content-Length of digits, `chunked` last and once in
 * Transfer-Encoding and never beside Content-Length, bare hex chunk sizes.
 */
export type ReadStep =
  | { kind: 'need-more' }
  /** The head is read: the caller decides on it (limits, Expect), then calls resume(). */
  | { kind: 'head'; head: RequestHead }
  | { kind: 'request'; head: RequestHead; body: CollectedBody }
  | { kind: 'error'; status: number; message: string };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Method, spaces, target (printable ASCII), spaces, version (llhttp loops over extra spaces).
const REQUEST_LINE = /^([^ ]+) +([\x21-\x7e]+) +HTTP\/(\d)\.(\d)$/;
// Field values: HTAB, visible ASCII, space, obs-text (llhttp strict mode refuses other CTLs).
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const CHUNK_SIZE = /^[0-9a-fA-F]{1,12}$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_CHUNK_LINE = 4096;
const EMPTY = Buffer.alloc(0);

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'done';

export class RawRequestReader {
  private pending: Buffer = EMPTY;
  private state: State = 'head';
  private parsedHead: RequestHead | null = null;
  private collector: BodyCollector;
  private remaining = 0;

  constructor(
    private readonly maxHeaderBytes: number,
    maxBodyBytes: number,
  ) {
    this.collector = new BodyCollector(maxBodyBytes);
  }

  /** True once the head is read: an early EOF then means an aborted body, not garbage. */
  get hasHead(): boolean {
    return this.parsedHead !== null;
  }

  get head(): RequestHead | null {
    return this.parsedHead;
  }

  /** Body bytes seen so far. */
  get bodySeen(): number {
    return this.collector.seen;
  }

  /** True once nothing more is read (a request, an error or an abandon ended it). */
  get done(): boolean {
    return this.state === 'done';
  }

  feed(chunk: Buffer): ReadStep {
    if (this.state === 'done') return { kind: 'need-more' };
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    return this.step();
  }

  /** Continues after a `head` step, over the bytes already received. */
  resume(): ReadStep {
    if (this.state === 'done') return { kind: 'need-more' };
    return this.step();
  }

  /** The sender closed its side: what arrived of the body becomes an aborted capture. */
  endOfInput(): ReadStep {
    if (this.state === 'done' || !this.parsedHead) return { kind: 'need-more' };
    this.state = 'done';
    return { kind: 'request', head: this.parsedHead, body: this.collector.finish(false) };
  }

  /** Stops reading; what arrived of the body, for the record of a refused request. */
  abandon(): CollectedBody {
    this.state = 'done';
    return this.collector.finish(false);
  }

  private step(): ReadStep {
    try {
      return this.advance();
    } catch (error) {
      this.state = 'done';
      if (error instanceof ReadError) {
        const [status, message] = describeParseError(error);
        return { kind: 'error', status, message };
      }
      throw error;
    }
  }

  private advance(): ReadStep {
    for (;;) {
      switch (this.state) {
        case 'head': {
          const end = this.pending.indexOf(HEAD_END);
          if (end === -1) {
            if (this.pending.length > this.maxHeaderBytes) throw overflow();
            return { kind: 'need-more' };
          }
          if (end + 4 > this.maxHeaderBytes) throw overflow();
          const head = parseHead(this.pending.toString('latin1', 0, end));
          this.pending = this.pending.subarray(end + 4);
          try {
            this.state = this.bodyState(head.flatHeaders);
          } catch (error) {
            // llhttp refuses a non-chunked Transfer-Encoding only once the head is complete, after
            // node emitted the request: such a request is recorded with its 400, so here too.
            if (error instanceof ReadError && error.afterHead) this.parsedHead = head;
            throw error;
          }
          this.parsedHead = head;
          return { kind: 'head', head };
        }
        case 'length': {
          if (this.remaining > 0 && this.pending.length > 0) {
            const take = this.pending.subarray(0, this.remaining);
            this.pending = this.pending.subarray(take.length);
            this.remaining -= take.length;
            if (!this.collector.push(Buffer.from(take))) return this.finish(false);
          }
          if (this.remaining > 0) return { kind: 'need-more' };
          return this.finish(true);
        }
        case 'chunk-size': {
          const line = this.takeLine();
          if (line === null) return { kind: 'need-more' };
          const semicolon = line.indexOf(';');
          const sizeText = semicolon === -1 ? line : line.slice(0, semicolon);
          if (!CHUNK_SIZE.test(sizeText)) {
            throw new ReadError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
          }
          if (semicolon !== -1 && !FIELD_VALUE.test(line.slice(semicolon))) {
            throw new ReadError('HPE_STRICT', 'Invalid character in chunk extensions');
          }
          this.remaining = parseInt(sizeText, 16);
          this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          if (this.pending.length === 0) return { kind: 'need-more' };
          const take = this.pending.subarray(0, this.remaining);
          this.pending = this.pending.subarray(take.length);
          this.remaining -= take.length;
          if (!this.collector.push(Buffer.from(take))) return this.finish(false);
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          if (this.pending.length < 2) return { kind: 'need-more' };
          if (this.pending[0] !== 13 || this.pending[1] !== 10)
            throw new ReadError('HPE_STRICT', 'Expected LF after chunk data');
          this.pending = this.pending.subarray(2);
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          // Trailer fields are read and dropped, as node's parser path does for stored records.
          const line = this.takeLine();
          if (line === null) return { kind: 'need-more' };
          if (line === '') return this.finish(true);
          parseField(line);
          break;
        }
        case 'done':
          return { kind: 'need-more' };
      }
    }
  }

  private bodyState(flat: readonly string[]): State {
    const codings: string[] = [];
    let length: string | null = null;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = (flat[i] as string).toLowerCase();
      const value = flat[i + 1] as string;
      if (name === 'transfer-encoding') {
        for (const part of value.toLowerCase().split(',')) codings.push(part.trim());
      } else if (name === 'content-length') {
        if (length !== null) {
          throw new ReadError('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
        }
        if (!/^\d{1,15}$/.test(value)) {
          throw new ReadError('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
        }
        length = value;
      }
    }
    if (codings.length > 0) {
      // llhttp: a request's last coding must be chunked, and chunked only once. A coding after
      // chunked fails while the header is read; no chunked at all fails after the head.
      const chunkedAt = codings.indexOf('chunked');
      if (chunkedAt !== codings.length - 1) {
        throw new ReadError(
          'HPE_INVALID_TRANSFER_ENCODING',
          'Request has invalid `Transfer-Encoding`',
          chunkedAt === -1,
        );
      }
      // Both framings at once is the classic request-smuggling shape (RFC 9112 §6.1): refuse it.
      if (length !== null) {
        throw new ReadError(
          'HPE_UNEXPECTED_CONTENT_LENGTH',
          "Content-Length can't be present with Transfer-Encoding",
        );
      }
      return 'chunk-size';
    }
    this.remaining = length === null ? 0 : Number(length);
    return 'length';
  }

  private takeLine(): string | null {
    const end = this.pending.indexOf(CRLF);
    if (end === -1) {
      if (this.pending.length > MAX_CHUNK_LINE)
        throw new ReadError('HPE_STRICT', 'chunk line too long');
      return null;
    }
    const line = this.pending.toString('latin1', 0, end);
    this.pending = this.pending.subarray(end + 2);
    return line;
  }

  private finish(ended: boolean): ReadStep {
    this.state = 'done';
    return {
      kind: 'request',
      head: this.parsedHead as RequestHead,
      body: this.collector.finish(ended),
    };
  }
}

class ReadError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    /** Raised once the head was read: the request is recorded with the error answer. */
    readonly afterHead = false,
  ) {
    super(reason);
  }
}

function overflow(): ReadError {
  return new ReadError('HPE_HEADER_OVERFLOW', 'Header overflow');
}

// Versions llhttp accepts in strict mode (src/llhttp/http.ts, `checkVersion`).
const VERSIONS = new Set(['0.9', '1.0', '1.1', '2.0']);

function parseHead(text: string): RequestHead {
  const lines = text.split('\r\n');
  for (const line of lines) {
    // A bare CR or LF inside the head: llhttp strict mode wants CRLF everywhere.
    if (line.includes('\n'))
      throw new ReadError('HPE_CR_EXPECTED', 'Missing expected CR after header value');
    if (line.includes('\r'))
      throw new ReadError('HPE_LF_EXPECTED', 'Missing expected LF after header value');
  }
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!requestLine) {
    throw new ReadError('HPE_INVALID_URL', 'Invalid char in url path');
  }
  const [, method = '', target = '', major = '', minor = ''] = requestLine;
  // Not a token: malformed (400), not an unknown method (501).
  if (!TOKEN.test(method))
    throw new ReadError('HPE_INVALID_CONSTANT', 'Invalid method encountered');
  const httpVersion = `${major}.${minor}`;
  if (!VERSIONS.has(httpVersion))
    throw new ReadError('HPE_INVALID_VERSION', 'Invalid HTTP version');
  const flatHeaders: string[] = [];
  for (let i = 1; i < lines.length; i++) parseField(lines[i] as string, flatHeaders);
  return { method, target, httpVersion, flatHeaders };
}

/** One `name: value` line; appends to `into` when given. OWS around the value is not kept. */
function parseField(line: string, into?: string[]): void {
  const colon = line.indexOf(':');
  const name = colon === -1 ? line : line.slice(0, colon);
  // Covers obs-fold too: a continuation line starts with a space, which is no token byte.
  if (colon <= 0 || !TOKEN.test(name)) {
    throw new ReadError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
  }
  const value = line.slice(colon + 1);
  if (!FIELD_VALUE.test(value)) {
    throw new ReadError('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char');
  }
  into?.push(name, value.replace(/^[ \t]+|[ \t]+$/g, ''));
}
