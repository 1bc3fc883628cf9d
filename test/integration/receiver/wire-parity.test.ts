import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../electron/engine/delivery';
import {
  DEFAULT_LIMITS,
  startReceiver,
  type Receiver,
  type ReceiverLimits,
} from '../../../electron/engine/receiver';
import { bodyText, Collector, openSocket, readResponses, type RawResponse } from './helpers';

/**
 * One table, run against both HTTP/1.1 paths: node's parser (a method llhttp knows, POST) and the
 * raw reader (a custom method, FOO). For every case the sender's view (the responses on the
 * wire) and the records must agree: each stored response is one the sender got, byte for byte
 * (status, every recorded header, body), and each answered request whose head was read is stored.
 */

const MAX_BODY = 1024 * 1024;
const RATE = 1000;
const LIMITS: ReceiverLimits = {
  ...DEFAULT_LIMITS,
  maxBodyBytes: MAX_BODY,
  minUploadBytesPerSecond: RATE,
  uploadRateWindowMs: 300,
};

type Step =
  | { send: string | Buffer }
  /** Half-close: the sender sends FIN and keeps reading. */
  | { halfClose: true }
  /** Wait until this many responses (1xx included) have arrived. */
  | { awaitResponses: number };

interface Expected {
  /** Statuses on the wire, in order (1xx included). */
  wire: number[];
  /** Records in order: target, method, the stored status (null: no response stored). */
  records: Array<{ target: string; method?: string; status: number | null }>;
}

interface Case {
  name: string;
  steps: (method: string) => Step[];
  /** The same for both paths unless the path's own shape differs (raw: one request per connection). */
  expect: (path: PathName) => Expected;
  check?: (records: NewDelivery[], wire: RawResponse[], method: string) => void;
  /** The JSON error of the last wire answer: the same words on both paths. */
  error?: string;
}

type PathName = 'node' | 'raw';
const PATHS: Array<{ path: PathName; method: string }> = [
  { path: 'node', method: 'POST' },
  { path: 'raw', method: 'FOO' },
];

const manyHeaders = (method: string): string => {
  let head = `${method} /many HTTP/1.1\r\nHost: x\r\n`;
  for (let i = 0; i < 1_100; i++) head += `X-H${i}: v\r\n`;
  return `${head}Content-Length: 2\r\n\r\nok`;
};

const CASES: Case[] = [
  {
    name: 'a valid request then a malformed one on the same connection',
    steps: (m) => [
      {
        send: `${m} /first HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nokGET /x HTTP/9.9\r\n\r\n`,
      },
    ],
    // The raw path serves one request per connection and closes: the rest is never answered.
    expect: (path) => ({
      wire: path === 'node' ? [200, 400] : [200],
      records: [{ target: '/first', status: 200 }],
    }),
  },
  {
    name: 'a pipelined custom method after a body without a line break',
    steps: (m) => [
      {
        send: `${m} /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcFOO /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
      },
    ],
    expect: (path) => ({
      wire: path === 'node' ? [200, 200] : [200],
      records:
        path === 'node'
          ? [
              { target: '/a', status: 200 },
              { target: '/b', method: 'FOO', status: 200 },
            ]
          : [{ target: '/a', status: 200 }],
    }),
    check: (records) => {
      expect(bodyText(records[0] as NewDelivery)).toBe('abc');
      expect(records.map((d) => d.method)).not.toContain('abcFOO');
    },
  },
  {
    name: 'a pipelined custom method whose name starts like a known one (PUX)',
    steps: (m) => [
      {
        send: `${m} /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcPUX /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
      },
    ],
    expect: (path) => ({
      wire: path === 'node' ? [200, 200] : [200],
      records:
        path === 'node'
          ? [
              { target: '/a', status: 200 },
              { target: '/b', method: 'PUX', status: 200 },
            ]
          : [{ target: '/a', status: 200 }],
    }),
  },
  {
    name: 'a bad chunk size',
    error: 'malformed HTTP request: Invalid character in chunk size (HPE_INVALID_CHUNK_SIZE)',
    steps: (m) => [
      {
        send: `${m} /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nZZ\r\n`,
      },
    ],
    expect: () => ({ wire: [400], records: [{ target: '/c', status: 400 }] }),
    check: (records) => {
      expect(bodyText(records[0] as NewDelivery)).toBe('abc');
      expect(records[0]?.truncated).toBe(true);
    },
  },
  {
    name: 'a Transfer-Encoding that is not chunked',
    error:
      'malformed HTTP request: Request has invalid `Transfer-Encoding` (HPE_INVALID_TRANSFER_ENCODING)',
    steps: (m) => [{ send: `${m} /te HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc` }],
    expect: () => ({ wire: [400], records: [{ target: '/te', status: 400 }] }),
  },
  {
    name: 'a coding after chunked (refused inside the head: nothing to record)',
    steps: (m) => [
      { send: `${m} /te2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc` },
    ],
    expect: () => ({ wire: [400], records: [] }),
  },
  {
    name: 'a half-close mid-body',
    error: 'malformed HTTP request: Invalid EOF state (HPE_INVALID_EOF_STATE)',
    steps: (m) => [
      { send: `${m} /half HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc` },
      { halfClose: true },
    ],
    expect: () => ({ wire: [400], records: [{ target: '/half', status: 400 }] }),
    check: (records) => expect(bodyText(records[0] as NewDelivery)).toBe('abc'),
  },
  {
    name: 'Expect: 999-weird',
    error: 'expectation not supported: 999-weird',
    steps: (m) => [
      { send: `${m} /weird HTTP/1.1\r\nHost: x\r\nExpect: 999-weird\r\nContent-Length: 3\r\n\r\n` },
    ],
    expect: () => ({ wire: [417], records: [{ target: '/weird', status: 417 }] }),
    check: (records) => expect(records[0]?.note).toMatch(/417.*999-weird/),
  },
  {
    name: 'Expect: 100-continue with a body over the limit (no 100 Continue first)',
    steps: (m) => [
      {
        send: `${m} /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`,
      },
    ],
    expect: () => ({ wire: [413], records: [{ target: '/big', status: 413 }] }),
    check: (records) => {
      expect(records[0]?.truncated).toBe(true);
      expect(records[0]?.size).toBe(0);
    },
  },
  {
    name: 'Expect: 100-continue with a body that fits',
    steps: (m) => [
      {
        send: `${m} /fits HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n`,
      },
      { awaitResponses: 1 },
      { send: 'hello' },
    ],
    expect: () => ({ wire: [100, 200], records: [{ target: '/fits', status: 200 }] }),
    check: (records) => expect(bodyText(records[0] as NewDelivery)).toBe('hello'),
  },
  {
    name: 'more than 1,023 header lines',
    error: 'more than 1000 header lines',
    steps: (m) => [{ send: manyHeaders(m) }],
    expect: () => ({ wire: [431], records: [{ target: '/many', status: 431 }] }),
    check: (records) => {
      const headers = records[0]?.rawHeaders ?? [];
      // Nothing dropped: all 1,102 lines, Content-Length (the last one) among them.
      expect(headers).toHaveLength(1_102);
      expect(headers[headers.length - 1]).toEqual(['Content-Length', '2']);
      expect(records[0]?.note).toMatch(/1102 header lines exceed the limit of 1000/);
    },
  },
  {
    name: 'a control byte in a header value',
    error: 'malformed HTTP request: Invalid header value char (HPE_INVALID_HEADER_TOKEN)',
    steps: (m) => [
      { send: `${m} /ctl HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\nContent-Length: 0\r\n\r\n` },
    ],
    expect: () => ({ wire: [400], records: [] }),
  },
  {
    name: 'a control byte in the target',
    error: 'malformed HTTP request: Invalid char in url path (HPE_INVALID_URL)',
    steps: (m) => [{ send: `${m} /a\x7fb HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n` }],
    expect: () => ({ wire: [400], records: [] }),
  },
  {
    name: 'a bare LF inside the head',
    steps: (m) => [{ send: `${m} /lf HTTP/1.1\r\nHost: x\nX-B: c\r\nContent-Length: 0\r\n\r\n` }],
    expect: () => ({ wire: [400], records: [] }),
  },
  {
    name: 'an HTTP version llhttp refuses (1.2)',
    error: 'malformed HTTP request: Invalid HTTP version (HPE_INVALID_VERSION)',
    steps: (m) => [{ send: `${m} /v HTTP/1.2\r\nHost: x\r\n\r\n` }],
    expect: () => ({ wire: [400], records: [] }),
  },
  {
    name: 'HTTP/2.0 on the request line (llhttp accepts it: stored on both paths)',
    steps: (m) => [{ send: `${m} /v2 HTTP/2.0\r\nHost: x\r\nContent-Length: 0\r\n\r\n` }],
    expect: () => ({ wire: [200], records: [{ target: '/v2', status: 200 }] }),
    check: (records) => expect(records[0]?.httpVersion).toBe('HTTP/2.0'),
  },
  {
    name: 'a slow upload (cut by the minimum upload rate)',
    steps: (m) => [{ send: `${m} /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\na` }],
    expect: () => ({ wire: [408], records: [{ target: '/slow', status: 408 }] }),
    check: (records, wire) => {
      expect(JSON.parse(wire[0]?.body.toString() ?? '')).toEqual({
        ok: false,
        error: `upload slower than ${RATE} bytes/s`,
      });
      expect(bodyText(records[0] as NewDelivery)).toBe('a');
    },
  },
];

let receiver: Receiver | null = null;

afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

/** Runs the steps, then reads until the receiver closes the connection or `count` responses. */
async function converse(port: number, steps: Step[], count: number): Promise<RawResponse[]> {
  const socket: Socket = await openSocket(port);
  socket.on('error', () => undefined);
  const all = readResponses(socket, count);
  let seen: Promise<unknown> = Promise.resolve();
  for (const step of steps) {
    if ('send' in step)
      socket.write(typeof step.send === 'string' ? Buffer.from(step.send, 'latin1') : step.send);
    else if ('halfClose' in step) socket.end();
    else {
      // A second reader on the same socket only to know when the interim answer arrived.
      seen = readResponses(socket, step.awaitResponses);
      await seen;
    }
  }
  const { responses } = await all;
  socket.destroy();
  return responses;
}

/** The wire response a record claims, matched by status, every recorded header and the body. */
function sentAsRecorded(
  response: NonNullable<NewDelivery['response']>,
  wire: RawResponse[],
): boolean {
  return wire.some(
    (sent) =>
      sent.status === response.status &&
      Buffer.from(response.body).equals(sent.body) &&
      response.rawHeaders.every(([name, value]) =>
        sent.headers.some(([n, v]) => n.toLowerCase() === name.toLowerCase() && v === value),
      ),
  );
}

describe.each(PATHS)('one HTTP/1.1 behaviour: $path path ($method)', ({ path, method }) => {
  it.each(CASES)('$name', async (c) => {
    // A sink that takes a moment, as a real store does: an answer written before the record is
    // stored (or an error written before an earlier answer) would show up as a wire mismatch.
    const collector = new Collector();
    receiver = await startReceiver({
      host: '127.0.0.1',
      port: 0,
      limits: LIMITS,
      endpoints: () => [],
      sink: async (delivery) => {
        await sleep(20);
        await collector.sink(delivery);
      },
    });
    const expected = c.expect(path);
    const wire = await converse(receiver.port, c.steps(method), expected.wire.length);
    await collector.waitFor(expected.records.length);
    const records = collector.deliveries;

    expect(wire.map((r) => r.status)).toEqual(expected.wire);
    expect(
      records.map((d) => ({
        target: d.target,
        method: d.method,
        status: d.response?.status ?? null,
      })),
    ).toEqual(
      expected.records.map((r) => ({
        target: r.target,
        method: r.method ?? method,
        status: r.status,
      })),
    );
    for (const record of records) {
      if (record.response) expect(sentAsRecorded(record.response, wire)).toBe(true);
    }
    if (c.error) {
      const last = wire[wire.length - 1];
      expect(JSON.parse(last?.body.toString() ?? '')).toEqual({ ok: false, error: c.error });
    }
    c.check?.(records, wire, method);
  });
});

describe('methods llhttp knows only for RTSP', () => {
  it('serves PLAY over HTTP as a custom method, pipelined after a body', async () => {
    const collector = new Collector();
    receiver = await startReceiver({
      host: '127.0.0.1',
      port: 0,
      limits: LIMITS,
      endpoints: () => [],
      sink: collector.sink,
    });
    const wire = await converse(
      receiver.port,
      [
        {
          send: 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcPLAY /b HTTP/1.1\r\nHost: x\r\n\r\n',
        },
      ],
      2,
    );
    expect(wire.map((r) => r.status)).toEqual([200, 200]);
    expect(collector.deliveries.map((d) => `${d.method} ${d.target}`)).toEqual([
      'POST /a',
      'PLAY /b',
    ]);
  });
});
