import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PROTOCOL } from '../../../electron/contract/bridge-messages';
import { decodeMessage, encodeMessage } from '../../../electron/contract/wire';
import { createWebSocketApi, type WebSocketApi } from '../../../electron/contract/ws-client';
import { browserLikeWebSocket } from './helpers';

/**
 * A bare bridge peer on a real socket: answers every call with the call's own name and input, and
 * lets the test push events or drop connections.
 */
async function startPeer() {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http, handleProtocols: () => BRIDGE_PROTOCOL });
  const offered: string[][] = [];
  const sockets: WebSocket[] = [];
  let answering = true;
  wss.on('connection', (socket, request) => {
    offered.push(String(request.headers['sec-websocket-protocol']).split(/,\s*/));
    sockets.push(socket);
    socket.on('message', (data: Buffer) => {
      const call = decodeMessage(data) as { id: number; name: string; input: unknown };
      if (!answering) return;
      socket.send(
        encodeMessage({
          type: 'result',
          id: call.id,
          result: { ok: true, value: { name: call.name, input: call.input } },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/bridge`,
    offered,
    sockets,
    stopAnswering: () => (answering = false),
    pushAll: (message: unknown) => sockets.forEach((socket) => socket.send(encodeMessage(message))),
    dropAll: () => sockets.splice(0).forEach((socket) => socket.terminate()),
    close: async () => {
      wss.clients.forEach((socket) => socket.terminate());
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const connectionChanges = (api: WebSocketApi) => {
  const seen: boolean[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  api.onConnectionChange((connected) => {
    seen.push(connected);
    for (const waiter of waiters.splice(0)) {
      if (seen.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  const until = (count: number) =>
    seen.length >= count
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ count, resolve }));
  return { seen, until };
};

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('createWebSocketApi', () => {
  it('offers the bridge protocol and the token, and sends bytes and calls made before the socket opened', async () => {
    const peer = await startPeer();
    cleanup.push(peer.close);
    const api = createWebSocketApi(peer.url, 'ab'.repeat(32), {
      WebSocket: browserLikeWebSocket('http://x'),
    });
    cleanup.push(() => api.close());
    const body = new Uint8Array([0, 1, 254, 255]);
    const result = await api.call('endpoints:set', {
      endpoints: [{ path: '/a', response: { body } }],
    });
    expect(result).toEqual({
      ok: true,
      value: { name: 'endpoints:set', input: { endpoints: [{ path: '/a', response: { body } }] } },
    });
    expect(peer.offered[0]).toEqual([BRIDGE_PROTOCOL, `token.${'ab'.repeat(32)}`]);
  });

  it('delivers pushed events to their listeners only', async () => {
    const peer = await startPeer();
    cleanup.push(peer.close);
    const api = createWebSocketApi(peer.url, 'ab'.repeat(32), {
      WebSocket: browserLikeWebSocket('http://x'),
    });
    cleanup.push(() => api.close());
    await api.call('app:info');
    const deleted = new Promise<string[]>((resolve) => api.on('deliveries:deleted', resolve));
    let clearedCount = 0;
    api.on('deliveries:cleared', () => clearedCount++);
    peer.pushAll({
      type: 'events',
      events: [{ event: 'deliveries:deleted', payload: ['x', 'y'] }],
    });
    expect(await deleted).toEqual(['x', 'y']);
    expect(clearedCount).toBe(0);
  });

  it('fails in-flight calls when the connection drops, then reconnects by itself', async () => {
    const peer = await startPeer();
    cleanup.push(peer.close);
    const api = createWebSocketApi(peer.url, 'ab'.repeat(32), {
      WebSocket: browserLikeWebSocket('http://x'),
      reconnectDelaysMs: [10],
    });
    cleanup.push(() => api.close());
    const changes = connectionChanges(api);
    await changes.until(1);

    peer.stopAnswering();
    const pending = api.call('deliveries:stats');
    // The call has reached the peer once the peer's socket has it; drop the line then.
    await new Promise<void>((resolve) => peer.sockets[0]?.once('message', () => resolve()));
    peer.dropAll();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    await changes.until(3);
    expect(changes.seen).toEqual([true, false, true]);
  });

  it('refuses unknown call names locally and fails everything after close', async () => {
    const peer = await startPeer();
    cleanup.push(peer.close);
    const api = createWebSocketApi(peer.url, 'ab'.repeat(32), {
      WebSocket: browserLikeWebSocket('http://x'),
    });
    const unknown = await api.call('shell:exec' as 'app:info');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    api.close();
    expect(await api.call('app:info')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
