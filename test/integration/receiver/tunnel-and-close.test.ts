import { createServer, type Server } from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../electron/engine/delivery';
import {
  deferred,
  httpRequest,
  openSocket,
  readResponses,
  startTestReceiver,
  type TestReceiver,
} from './helpers';

let t: TestReceiver | null = null;
let relay: Server | null = null;

afterEach(async () => {
  await t?.receiver.close();
  t = null;
  if (relay) await new Promise((resolve) => relay!.close(resolve));
  relay = null;
});

/** Two in-memory duplex ends wired to each other, like an ssh2 forwarded channel. */
function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (peer: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        peer().push(chunk);
        callback();
      },
      final(callback) {
        peer().push(null);
        callback();
      },
    });
  ends.push(
    end(() => ends[1] as Duplex),
    end(() => ends[0] as Duplex),
  );
  return [ends[0] as Duplex, ends[1] as Duplex];
}

describe('tunnel connections and close()', () => {
  it('marks requests on a tunnelled socket with via: tunnel', async () => {
    t = await startTestReceiver();
    const receiver = t.receiver;
    // A stand-in tunnel: every connection it accepts is handed to the receiver.
    relay = createServer((socket) =>
      receiver.acceptTunnelConnection(socket, { remoteAddress: '203.0.113.9' }),
    );
    await new Promise<void>((resolve) => relay!.listen(0, '127.0.0.1', resolve));
    const relayUrl = `http://127.0.0.1:${(relay.address() as { port: number }).port}`;
    const viaTunnel = await httpRequest(relayUrl, { path: '/t', body: 'tunnelled' });
    const direct = await httpRequest(receiver.url, { path: '/d', body: 'direct' });
    expect([viaTunnel.status, direct.status]).toEqual([200, 200]);
    expect(t.collector.deliveries.map((d) => [d.target, d.via, d.remoteAddress])).toEqual([
      ['/t', 'tunnel', '203.0.113.9'],
      ['/d', 'local', expect.stringMatching(/127\.0\.0\.1$/)],
    ]);
  });

  it('serves a plain in-memory stream (not a socket) given as a tunnel connection', async () => {
    t = await startTestReceiver();
    const [serverSide, clientSide] = duplexPair();
    t.receiver.acceptTunnelConnection(serverSide);
    const chunks: Buffer[] = [];
    clientSide.on('data', (chunk: Buffer) => chunks.push(chunk));
    clientSide.write('POST /mem HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc');
    await t.collector.waitFor(1);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (Buffer.concat(chunks).includes('"ok":true')) resolve();
        else setTimeout(check, 10);
      };
      check();
    });
    const delivery = t.collector.only();
    expect(delivery).toMatchObject({ target: '/mem', via: 'tunnel', remoteAddress: 'tunnel' });
    expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('close() drops idle connections, lets an in-flight request be answered, then stops', async () => {
    let gate = deferred();
    const entered = deferred<NewDelivery>();
    t = await startTestReceiver({
      sink: (delivery) => {
        if (delivery.target === '/inflight') entered.resolve(delivery);
        return gate.promise;
      },
    });
    // One kept-alive connection that already served a request, one that never sent a byte.
    const used = await openSocket(t.receiver.port);
    const usedReading = readResponses(used, 1);
    used.write('GET /first HTTP/1.1\r\nHost: x\r\n\r\n');
    gate.resolve(); // let the first request through; the gate below holds the in-flight one
    expect((await usedReading).responses[0]?.status).toBe(200);
    const fresh = await openSocket(t.receiver.port);
    const idleClosed = Promise.all(
      [used, fresh].map((socket) => new Promise((resolve) => socket.once('close', resolve))),
    );
    const busy = await openSocket(t.receiver.port);
    const reading = readResponses(busy, 1);
    gate = deferred();
    busy.write('POST /inflight HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz');
    await entered.promise;
    const closing = t.receiver.close();
    await idleClosed; // idle keep-alive connections are dropped at once
    gate.resolve();
    const { responses } = await reading;
    await closing;
    expect(responses[0]?.status).toBe(200);
    expect(responses[0]?.headers).toContainEqual(['connection', 'close']);
    await expect(openSocket(t.receiver.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    t = null;
  });

  it('close() gives up on a request that never finishes after closeTimeoutMs', async () => {
    const entered = deferred();
    t = await startTestReceiver({
      closeTimeoutMs: 200,
      sink: () => {
        entered.resolve();
        return new Promise(() => undefined);
      },
    });
    const socket = await openSocket(t.receiver.port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('POST /stuck HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz');
    await entered.promise;
    await t.receiver.close();
    await closed;
    t = null;
  });
});
