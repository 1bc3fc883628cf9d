import { BodyCollector, type CollectedBody } from './body-collector';
import type { RequestHead } from './capture';

/**
 * A small HTTP/1.x request reader for the requests node's parser refuses only because of their
 * method (llhttp knows a fixed list: `FOO /x HTTP/1.1` fails with HPE_INVALID_METHOD). It reads
 * exactly one request: the connection is closed after its answer.
 */
export type ReadStep =
  | { kind: 'need-more' }
  | { kind: 'request'; head: RequestHead; body: CollectedBody }
  | { kind: 'error'; status: number; message: string };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([^ ]+) ([^ ]+) HTTP\/(\d)\.(\d)$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_CHUNK_LINE = 4096;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'done';

export class RawRequestReader {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = 'head';
  private head: RequestHead | null = null;
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
    return this.head !== null;
  }

  feed(chunk: Buffer): ReadStep {
    if (this.state === 'done') return { kind: 'need-more' };
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      return this.advance();
    } catch (error) {
      this.state = 'done';
      if (error instanceof ReadError)
        return { kind: 'error', status: error.status, message: error.message };
      throw error;
    }
  }

  /** The sender closed its side: what arrived of the body becomes an aborted capture. */
  endOfInput(): ReadStep {
    if (this.state === 'done' || !this.head) return { kind: 'need-more' };
    this.state = 'done';
    return { kind: 'request', head: this.head, body: this.collector.finish(false) };
  }

  private advance(): ReadStep {
    for (;;) {
      switch (this.state) {
        case 'head': {
          const end = this.pending.indexOf(HEAD_END);
          if (end === -1) {
            if (this.pending.length > this.maxHeaderBytes)
              throw new ReadError(431, 'request headers too large');
            return { kind: 'need-more' };
          }
          if (end + 4 > this.maxHeaderBytes) throw new ReadError(431, 'request headers too large');
          this.head = parseHead(this.pending.toString('latin1', 0, end));
          this.pending = this.pending.subarray(end + 4);
          this.state = this.bodyState(this.head.flatHeaders);
          break;
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
          const sizeText = (line.split(';')[0] ?? '').trim();
          if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) throw new ReadError(400, 'invalid chunk size');
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
            throw new ReadError(400, 'missing CRLF after chunk');
          this.pending = this.pending.subarray(2);
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          // Trailer fields are read and dropped, as node's parser path does for stored records.
          const line = this.takeLine();
          if (line === null) return { kind: 'need-more' };
          if (line === '') return this.finish(true);
          break;
        }
        case 'done':
          return { kind: 'need-more' };
      }
    }
  }

  private bodyState(flat: readonly string[]): State {
    let chunked = false;
    let length: string | null = null;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = (flat[i] as string).toLowerCase();
      const value = (flat[i + 1] as string).trim();
      if (name === 'transfer-encoding') {
        const codings = value
          .toLowerCase()
          .split(',')
          .map((part) => part.trim());
        if (codings[codings.length - 1] !== 'chunked')
          throw new ReadError(400, 'unsupported transfer-encoding');
        chunked = true;
      } else if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value) || (length !== null && length !== value)) {
          throw new ReadError(400, 'invalid content-length');
        }
        length = value;
      }
    }
    // Both framings at once is the classic request-smuggling shape (RFC 9112 §6.1): refuse it.
    if (chunked && length !== null)
      throw new ReadError(400, 'both content-length and transfer-encoding');
    if (chunked) return 'chunk-size';
    this.remaining = length === null ? 0 : Number(length);
    return 'length';
  }

  private takeLine(): string | null {
    const end = this.pending.indexOf(CRLF);
    if (end === -1) {
      if (this.pending.length > MAX_CHUNK_LINE) throw new ReadError(400, 'chunk line too long');
      return null;
    }
    const line = this.pending.toString('latin1', 0, end);
    this.pending = this.pending.subarray(end + 2);
    return line;
  }

  private finish(ended: boolean): ReadStep {
    this.state = 'done';
    return { kind: 'request', head: this.head as RequestHead, body: this.collector.finish(ended) };
  }
}

class ReadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseHead(text: string): RequestHead {
  const lines = text.split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!requestLine) throw new ReadError(400, 'malformed request line');
  const [, method = '', target = '', major = '', minor = ''] = requestLine;
  if (!TOKEN.test(method)) throw new ReadError(400, 'malformed method');
  if (major !== '1') throw new ReadError(505, `HTTP/${major}.${minor} is not supported`);
  const flatHeaders: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ReadError(400, 'malformed header line');
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) throw new ReadError(400, 'malformed header name');
    flatHeaders.push(name, line.slice(colon + 1).trim());
  }
  return { method, target, httpVersion: `${major}.${minor}`, flatHeaders };
}
