import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../electron/engine/inspect/content-encoding';
import {
  bodyText,
  httpRequest,
  openSocket,
  rawExchange,
  readResponses,
  startTestReceiver,
  type TestReceiver,
} from './helpers';

let t: TestReceiver;

beforeEach(async () => {
  t = await startTestReceiver();
});
afterEach(async () => {
  await t.receiver.close();
});

describe('receiver capture over real sockets', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PURGE', 'PROPFIND', 'FOO'])(
    'captures and answers a %s request',
    async (method) => {
      // An explicit length: node's client sends GET/DELETE/OPTIONS bodies unframed otherwise.
      const result = await httpRequest(t.receiver.url, {
        method,
        path: '/m',
        headers: { 'Content-Length': '1' },
        body: 'x',
      });
      expect(result.status).toBe(200);
      const delivery = t.collector.only();
      expect(delivery.method).toBe(method);
      expect(delivery.target).toBe('/m');
      expect(bodyText(delivery)).toBe('x');
      if (method !== 'HEAD') {
        expect(JSON.parse(result.body.toString())).toEqual({ ok: true, id: delivery.id });
      }
    },
  );

  it('serves a custom verb with a chunked body through the fallback reader, then closes', async () => {
    const response = await rawExchange(
      t.receiver.port,
      'FOO /custom?a=1 HTTP/1.1\r\nHost: x\r\nX-Case: Kept\r\nTransfer-Encoding: chunked\r\n\r\n' +
        '3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: t\r\n\r\n',
    );
    expect(response.status).toBe(200);
    expect(response.closed).toBe(true);
    const delivery = t.collector.only();
    expect(delivery).toMatchObject({
      method: 'FOO',
      target: '/custom?a=1',
      httpVersion: 'HTTP/1.1',
    });
    expect(delivery.rawHeaders).toEqual([
      ['Host', 'x'],
      ['X-Case', 'Kept'],
      ['Transfer-Encoding', 'chunked'],
    ]);
    expect(bodyText(delivery)).toBe('abcde');
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true, id: delivery.id });
  });

  it('answers a custom verb pipelined after a normal request in order', async () => {
    const socket = await openSocket(t.receiver.port);
    const reading = readResponses(socket, 2);
    socket.write(
      'GET /first HTTP/1.1\r\nHost: x\r\n\r\nBREW /second HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi',
    );
    const { responses } = await reading;
    socket.destroy();
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const ids = responses.map((r) => (JSON.parse(r.body.toString()) as { id: string }).id);
    expect(t.collector.deliveries.map((d) => [d.method, d.target, d.id])).toEqual([
      ['GET', '/first', ids[0]],
      ['BREW', '/second', ids[1]],
    ]);
  });

  it('keeps header order, case and duplicates exactly as sent', async () => {
    await rawExchange(
      t.receiver.port,
      'POST /h HTTP/1.1\r\nhost: x\r\nX-B: 2\r\nx-a: 1\r\nX-B: 3\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n' +
        'CONTENT-LENGTH: 0\r\nConnection: close\r\n\r\n',
    );
    expect(t.collector.only().rawHeaders).toEqual([
      ['host', 'x'],
      ['X-B', '2'],
      ['x-a', '1'],
      ['X-B', '3'],
      ['Set-Cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['CONTENT-LENGTH', '0'],
      ['Connection', 'close'],
    ]);
  });

  it('keeps the raw target exactly, odd query included', async () => {
    await rawExchange(
      t.receiver.port,
      'GET /a/b?x=1&x=2&y=%ZZ&z=%20+&empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(t.collector.only().target).toBe('/a/b?x=1&x=2&y=%ZZ&z=%20+&empty');
  });

  it('de-frames a chunked body to its exact bytes', async () => {
    await rawExchange(
      t.receiver.port,
      'POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
    );
    const delivery = t.collector.only();
    expect(bodyText(delivery)).toBe('hello world');
    expect(delivery.size).toBe(11);
    expect(delivery.truncated).toBe(false);
  });

  it('stores a gzip body as sent; decodeBody derives the text', async () => {
    const text = JSON.stringify({ event: 'push', n: 'x'.repeat(500) });
    const gz = gzipSync(text);
    await httpRequest(t.receiver.url, {
      path: '/gz',
      headers: { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' },
      body: gz,
    });
    const delivery = t.collector.only();
    expect(Buffer.from(delivery.body).equals(gz)).toBe(true);
    const decoded = decodeBody(delivery.rawHeaders, delivery.body);
    expect(decoded.encoding).toBe('gzip');
    expect(decoded.error).toBeUndefined();
    expect(Buffer.from(decoded.bytes).toString()).toBe(text);
  });

  it('keeps a binary body byte-exact (every byte value, CRLFs, NULs)', async () => {
    const bytes = Buffer.alloc(70_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
    await httpRequest(t.receiver.url, {
      path: '/bin',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    const delivery = t.collector.only();
    expect(delivery.size).toBe(bytes.length);
    expect(Buffer.from(delivery.body).equals(bytes)).toBe(true);
  });

  it('stores invalid JSON under a JSON content type as sent', async () => {
    await httpRequest(t.receiver.url, {
      path: '/j',
      headers: { 'Content-Type': 'application/json' },
      body: '{"broken": ',
    });
    expect(bodyText(t.collector.only())).toBe('{"broken": ');
  });

  it('serves three requests on one keep-alive connection', async () => {
    const socket = await openSocket(t.receiver.port);
    for (const n of [1, 2, 3]) {
      const reading = readResponses(socket, 1);
      socket.write(`POST /k${n} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n${n}`);
      const { responses, closed } = await reading;
      expect(closed).toBe(false);
      expect(responses[0]?.status).toBe(200);
    }
    socket.destroy();
    expect(t.collector.deliveries.map((d) => [d.target, bodyText(d)])).toEqual([
      ['/k1', '1'],
      ['/k2', '2'],
      ['/k3', '3'],
    ]);
  });

  it('records remote address, HTTP version, via, time and the response it gave', async () => {
    const before = Date.now();
    const wire = await rawExchange(t.receiver.port, 'GET /v HTTP/1.0\r\n\r\n');
    const delivery = t.collector.only();
    expect(delivery.remoteAddress).toMatch(/127\.0\.0\.1$/);
    expect(delivery.httpVersion).toBe('HTTP/1.0');
    expect(delivery.via).toBe('local');
    expect(delivery.endpoint).toBeNull();
    expect(delivery.receivedAt).toBeGreaterThanOrEqual(before);
    expect(delivery.response?.status).toBe(200);
    expect(delivery.response?.rawHeaders).toContainEqual(['content-type', 'application/json']);
    expect(Buffer.from(delivery.response?.body ?? []).toString()).toBe(
      `{"ok":true,"id":"${delivery.id}"}`,
    );
    // What went on the wire is what was recorded, framing included.
    expect(Buffer.from(wire.body).equals(Buffer.from(delivery.response?.body ?? []))).toBe(true);
    expect(delivery.response?.rawHeaders).toContainEqual([
      'content-length',
      String(wire.body.length),
    ]);
  });
});
