// Body framing on the wire: what sendExact writes, read back as raw bytes by a node:net server (a
// node:http server would de-chunk the body and hide the chunk sizes).
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/cli/args';
import { parseFraming, parseHeaderFlags } from '../../../electron/cli/sender-args';
import { framingOf, headersForSending } from '../../../electron/engine/sender/hop-by-hop';
import { buildReplay, overrideHeaders } from '../../../electron/engine/sender/replay';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import type { OutgoingRequest } from '../../../electron/engine/sender/types';

/** Everything one request put on the wire: head as text, and the bytes after the blank line. */
interface RawRequest {
  head: string;
  body: Buffer;
}

let server: Server;
let url: string;
let received: RawRequest[];
let connections: number;

/** The end of a request: a Content-Length body complete, or the chunked terminator seen. */
function complete(bytes: Buffer): RawRequest | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = bytes.subarray(0, end).toString('latin1');
  const body = bytes.subarray(end + 4);
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) {
    return body.toString('latin1').endsWith('0\r\n\r\n') ? { head, body } : null;
  }
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const wanted = length ? Number(length[1]) : 0;
  return body.length >= wanted ? { head, body } : null;
}

beforeAll(async () => {
  server = createServer((socket: Socket) => {
    connections += 1;
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      const request = complete(bytes);
      if (!request) return;
      received.push(request);
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  connections = 0;
});

const text = (value: string) => new TextEncoder().encode(value);
const headerLines = (head: string) => head.split('\r\n').slice(1);

async function sendAndRead(request: Omit<OutgoingRequest, 'url'>): Promise<RawRequest> {
  const outcome = await sendExact({ ...request, url });
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.answer.status).toBe(200);
  expect(received).toHaveLength(1);
  return received[0]!;
}

describe('sendExact framing', () => {
  it('writes the given chunk sizes byte for byte, with no Content-Length', async () => {
    const got = await sendAndRead({
      method: 'POST',
      rawHeaders: [
        ['Content-Type', 'application/json'],
        ['Content-Length', '999'],
      ],
      body: text('{"events":[]}' + 'x'.repeat(20)),
      framing: 'chunked',
      chunkSizes: [1, 12, 17, 3],
    });
    expect(got.body.toString('latin1')).toBe(
      '1\r\n{\r\nc\r\n"events":[]}\r\n11\r\nxxxxxxxxxxxxxxxxx\r\n3\r\nxxx\r\n0\r\n\r\n',
    );
    const lines = headerLines(got.head);
    expect(lines).toContain('Transfer-Encoding: chunked');
    expect(lines.some((line) => /^content-length:/i.test(line))).toBe(false);
    // Where the captured Content-Length stood, the framing header does not go: it is added last.
    expect(lines.indexOf('Content-Type: application/json')).toBeLessThan(
      lines.indexOf('Transfer-Encoding: chunked'),
    );
  });

  it('sends a chunked body in one chunk when no sizes are given', async () => {
    const body = text('{"a":"é"}');
    const got = await sendAndRead({ method: 'POST', rawHeaders: [], body, framing: 'chunked' });
    expect(got.body).toEqual(
      Buffer.concat([
        Buffer.from(`${body.length.toString(16)}\r\n`),
        body,
        Buffer.from('\r\n0\r\n\r\n'),
      ]),
    );
  });

  it('keeps a captured Transfer-Encoding header where it stood, in its case (framing as captured)', async () => {
    const got = await sendAndRead({
      method: 'POST',
      rawHeaders: [
        ['X-First', '1'],
        ['transfer-encoding', 'chunked'],
        ['X-Last', '2'],
      ],
      body: text('hello'),
      chunkSizes: [2, 3],
    });
    expect(headerLines(got.head).slice(1, 4)).toEqual([
      'X-First: 1',
      'transfer-encoding: chunked',
      'X-Last: 2',
    ]);
    expect(got.body.toString('latin1')).toBe('2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n');
  });

  it('sends an empty chunked body as the last chunk alone', async () => {
    const got = await sendAndRead({
      method: 'POST',
      rawHeaders: [],
      body: new Uint8Array(),
      framing: 'chunked',
    });
    expect(got.body.toString('latin1')).toBe('0\r\n\r\n');
  });

  it('length framing drops a captured Transfer-Encoding and sends Content-Length', async () => {
    const got = await sendAndRead({
      method: 'POST',
      rawHeaders: [['Transfer-Encoding', 'chunked']],
      body: text('hello'),
      framing: 'length',
    });
    const lines = headerLines(got.head);
    expect(lines).toContain('content-length: 5');
    expect(lines.some((line) => /^transfer-encoding:/i.test(line))).toBe(false);
    expect(got.body.toString('latin1')).toBe('hello');
  });

  it.each([
    { chunkSizes: [2, 2], problem: 'add up to 4 bytes but the body has 5' },
    { chunkSizes: [5, 0], problem: 'invalid chunk size 0' },
    { chunkSizes: [2.5, 2.5], problem: 'invalid chunk size 2.5' },
  ])('refuses chunk sizes $chunkSizes without connecting', async ({ chunkSizes, problem }) => {
    const outcome = await sendExact({
      method: 'POST',
      url,
      rawHeaders: [],
      body: text('hello'),
      framing: 'chunked',
      chunkSizes,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('invalid-request');
    expect(outcome.message).toContain(problem);
    expect(connections).toBe(0);
  });
});

describe('framing helpers', () => {
  it('framingOf: explicit framing wins, else a chunked Transfer-Encoding, else length', () => {
    expect(framingOf({ rawHeaders: [] })).toBe('length');
    expect(framingOf({ rawHeaders: [['TRANSFER-ENCODING', 'gzip, chunked']] })).toBe('chunked');
    expect(framingOf({ rawHeaders: [['Transfer-Encoding', 'chunked, gzip']] })).toBe('length');
    expect(framingOf({ rawHeaders: [['Transfer-Encoding', 'chunked']], framing: 'length' })).toBe(
      'length',
    );
  });

  it('headersForSending keeps `gzip, chunked`, and fixes a Transfer-Encoding that would not frame', () => {
    const target = new URL('http://127.0.0.1:9/x');
    expect(
      headersForSending([['Transfer-Encoding', 'gzip, chunked']], target, 3, 'chunked'),
    ).toEqual([
      ['host', '127.0.0.1:9'],
      ['Transfer-Encoding', 'gzip, chunked'],
    ]);
    expect(headersForSending([['transfer-encoding', 'gzip']], target, 3, 'chunked')).toEqual([
      ['host', '127.0.0.1:9'],
      ['transfer-encoding', 'chunked'],
    ]);
  });

  it('buildReplay keeps the captured framing unless told otherwise', () => {
    const source = {
      method: 'POST',
      rawHeaders: [['Transfer-Encoding', 'chunked']] as [string, string][],
      body: text('{}'),
    };
    expect(framingOf(buildReplay(source, { url }))).toBe('chunked');
    expect(framingOf(buildReplay(source, { url, framing: 'length' }))).toBe('length');
  });

  it('overrideHeaders replaces a header where it first stood, adds new ones, keeps repeats', () => {
    expect(
      overrideHeaders(
        [
          ['Content-Type', 'application/json'],
          ['x-dup', 'a'],
          ['Preservica-Signature', 'abc'],
          ['X-Dup', 'b'],
        ],
        [
          ['X-Dup', 'one'],
          ['X-New', 'n'],
          ['x-dup', 'two'],
        ],
      ),
    ).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
      ['Preservica-Signature', 'abc'],
      ['X-New', 'n'],
    ]);
  });

  it('parses --header and --framing, refusing what would not be a header or a framing', () => {
    expect(parseHeaderFlags(['X-One:  a b ', 'X-Empty:', 'Preservica-Signature:00'])).toEqual([
      ['X-One', 'a b'],
      ['X-Empty', ''],
      ['Preservica-Signature', '00'],
    ]);
    expect(() => parseHeaderFlags(['no colon'])).toThrow(UsageError);
    expect(() => parseHeaderFlags(['Bad Name: x'])).toThrow(
      "--header must look like 'Name: value'",
    );
    expect(parseFraming(undefined)).toBeUndefined();
    expect(parseFraming('as-captured')).toBeUndefined();
    expect(parseFraming('chunked')).toBe('chunked');
    expect(() => parseFraming('Chunked')).toThrow(
      '--framing must be chunked, length or as-captured',
    );
  });
});
