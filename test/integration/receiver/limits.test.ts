import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  OVERFLOW_DRAIN_BYTES,
  TRUNCATED_KEEP_BYTES,
  startReceiver,
} from '../../../electron/engine/receiver';
import {
  bodyText,
  openSocket,
  rawExchange,
  readResponses,
  startTestReceiver,
  type TestReceiver,
} from './helpers';

let t: TestReceiver | null = null;

afterEach(async () => {
  await t?.receiver.close();
  t = null;
});

describe('receiver limits and bad input', () => {
  it('answers 413 past maxBodyBytes, keeps the first 64 KiB and the connection', async () => {
    const maxBodyBytes = 100 * 1024;
    t = await startTestReceiver({ limits: { ...DEFAULT_LIMITS, maxBodyBytes } });
    const body = Buffer.alloc(300 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = i % 251;
    const socket = await openSocket(t.receiver.port);
    const first = readResponses(socket, 1);
    socket.write(`POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body);
    const { responses, closed } = await first;
    expect(closed).toBe(false);
    expect(responses[0]?.status).toBe(413);
    expect(JSON.parse(responses[0]?.body.toString() ?? '')).toEqual({
      ok: false,
      error: `body exceeds ${maxBodyBytes} bytes`,
    });
    const delivery = t.collector.only();
    expect(delivery.truncated).toBe(true);
    expect(delivery.size).toBe(body.length);
    expect(delivery.body.length).toBe(TRUNCATED_KEEP_BYTES);
    expect(Buffer.from(delivery.body).equals(body.subarray(0, TRUNCATED_KEEP_BYTES))).toBe(true);
    expect(delivery.response?.status).toBe(413);

    // The connection is still in sync: the next request on it is served.
    const second = readResponses(socket, 1);
    socket.write('POST /after HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok');
    expect((await second).responses[0]?.status).toBe(200);
    socket.destroy();
    expect(t.collector.deliveries[1]?.target).toBe('/after');
  });

  it('answers 413 and closes when a body runs past the drain limit too', async () => {
    t = await startTestReceiver({ limits: { ...DEFAULT_LIMITS, maxBodyBytes: 1024 } });
    const socket = await openSocket(t.receiver.port);
    socket.on('error', () => undefined);
    const reading = readResponses(socket, 1);
    const total = OVERFLOW_DRAIN_BYTES + 4 * 1024 * 1024;
    socket.write(`POST /huge HTTP/1.1\r\nHost: x\r\nContent-Length: ${total}\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const pump = (): void => {
      while (!socket.destroyed && socket.bytesWritten < total) if (!socket.write(chunk)) return;
    };
    socket.on('drain', pump);
    pump();
    const { responses } = await reading;
    socket.destroy();
    expect(responses[0]?.status).toBe(413);
    expect(responses[0]?.headers).toContainEqual(['connection', 'close']);
    await t.collector.waitFor(1);
    const delivery = t.collector.only();
    expect(delivery.truncated).toBe(true);
    expect(delivery.size).toBeGreaterThan(1024 + OVERFLOW_DRAIN_BYTES);
    expect(delivery.body.length).toBe(1024);
  });

  it('answers 400 to a malformed request line and serves the next connection', async () => {
    t = await startTestReceiver();
    const bad = await rawExchange(t.receiver.port, 'GET /x HTTP/9.Z\r\nHost: x\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(bad.closed).toBe(true);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ ok: false });
    const garbage = await rawExchange(
      t.receiver.port,
      Buffer.from([0x00, 0xff, 0x13, 0x0d, 0x0a, 0x0d, 0x0a]),
    );
    expect(garbage.status).toBe(400);
    const good = await rawExchange(t.receiver.port, 'GET /ok HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(good.status).toBe(200);
    expect(t.collector.deliveries.map((d) => d.target)).toEqual(['/ok']);
  });

  it('refuses smuggling-shaped framing with 400', async () => {
    t = await startTestReceiver();
    const response = await rawExchange(
      t.receiver.port,
      'POST /s HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expect(response.status).toBe(400);
    expect(t.collector.deliveries).toEqual([]);
  });

  it('answers 431 to headers over maxHeaderBytes', async () => {
    t = await startTestReceiver({ limits: { ...DEFAULT_LIMITS, maxHeaderBytes: 2048 } });
    const response = await rawExchange(
      t.receiver.port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`,
    );
    expect(response.status).toBe(431);
  });

  it('answers 408 when headers do not arrive within headersTimeoutMs', async () => {
    t = await startTestReceiver({ limits: { ...DEFAULT_LIMITS, headersTimeoutMs: 300 } });
    const socket = await openSocket(t.receiver.port);
    const reading = readResponses(socket, 1);
    socket.write('POST /slow HTTP/1.1\r\nHost: x\r\n');
    const { responses } = await reading;
    expect(responses[0]?.status).toBe(408);
    socket.destroy();
  });

  it('keeps a truncated record without a response when the sender aborts mid-body', async () => {
    t = await startTestReceiver();
    const socket = await openSocket(t.receiver.port);
    socket.write('POST /abort HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A reset: nothing can be answered. (A FIN is a half-close, answered 400: see wire-parity.)
    socket.resetAndDestroy();
    await t.collector.waitFor(1);
    const delivery = t.collector.only();
    expect(delivery.truncated).toBe(true);
    expect(delivery.response).toBeNull();
    expect(delivery.size).toBe(7);
    expect(bodyText(delivery)).toBe('partial');
  });

  it('rejects with a clear EADDRINUSE error when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startReceiver({
          host: '127.0.0.1',
          port,
          limits: DEFAULT_LIMITS,
          endpoints: () => [],
          sink: async () => undefined,
        }),
      ).rejects.toMatchObject({
        code: 'EADDRINUSE',
        message: `port ${port} on 127.0.0.1 is already in use`,
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('picks a free port for port 0 and reports it in url', async () => {
    t = await startTestReceiver({ port: 0 });
    expect(t.receiver.port).toBeGreaterThan(0);
    expect(t.receiver.url).toBe(`http://127.0.0.1:${t.receiver.port}`);
    const response = await fetch(`${t.receiver.url}/p`, { method: 'POST', body: 'z' });
    expect(response.status).toBe(200);
  });

  it('refuses limits that make no sense', async () => {
    await expect(
      startReceiver({
        host: '127.0.0.1',
        port: 0,
        limits: { ...DEFAULT_LIMITS, maxBodyBytes: -1 },
        endpoints: () => [],
        sink: async () => undefined,
      }),
    ).rejects.toMatchObject({ code: 'EINVAL' });
  });
});
