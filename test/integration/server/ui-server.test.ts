import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../electron/contract/api';
import {
  BRIDGE_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
  tokenFromHash,
} from '../../../electron/contract/bridge-messages';
import { decodeMessage, encodeMessage } from '../../../electron/contract/wire';
import { createWebSocketApi, type WebSocketApi } from '../../../electron/contract/ws-client';
import { createEngine, type Engine } from '../../../electron/engine/index';
import { startUiServer, type UiServer } from '../../../electron/server/index';
import { browserLikeWebSocket, rawRequest, tryUpgrade } from './helpers';

const INDEX_HTML =
  '<!doctype html><title>Hookscope</title><script type="module" src="./assets/app.js"></script>';

let root: string;
let engine: Engine;
let server: UiServer;
let token: string;
let api: WebSocketApi;

const bridgeUrl = () => `ws://127.0.0.1:${server.port}/bridge`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-ui-'));
  const staticDir = join(root, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  symlinkSync(join(root, 'secret.txt'), join(staticDir, 'assets', 'link.txt'));
  engine = await createEngine({ dataDir: join(root, 'data') });
  server = await startUiServer({ engine, host: '127.0.0.1', port: 0, staticDir });
  token = tokenFromHash(new URL(server.url).hash) ?? '';
  api = createWebSocketApi(bridgeUrl(), token, { WebSocket: browserLikeWebSocket(server.origin) });
});

afterAll(async () => {
  api?.close();
  await server?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('UI server: static files', () => {
  it('hands out a loopback URL with a random token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
    expect(server.port).not.toBe(engine.receiver.port);
  });

  it('serves index.html with the CSP that allows only its own bridge', async () => {
    const res = await rawRequest(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port};`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content types', async () => {
    expect((await rawRequest(server.port, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await rawRequest(server.port, '/assets/style.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await rawRequest(server.port, '/assets/missing.js')).status).toBe(404);
  });

  it('never serves anything outside the static folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/link.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const res = await rawRequest(server.port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('TOP-SECRET');
    }
  });

  it('refuses other Host names (DNS rebinding) and other methods', async () => {
    expect(
      (await rawRequest(server.port, '/', { host: `evil.example:${server.port}` })).status,
    ).toBe(403);
    expect((await rawRequest(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(
      403,
    );
    expect((await rawRequest(server.port, '/', { method: 'POST' })).status).toBe(405);
  });

  it('refuses to listen anywhere but 127.0.0.1 or on the receiver port', async () => {
    await expect(startUiServer({ engine, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /127\.0\.0\.1/,
    );
    await expect(startUiServer({ engine, port: engine.receiver.port })).rejects.toThrow(/receiver/);
  });
});

describe('UI server: WebSocket bridge', () => {
  const protocols = (t: string) => [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${t}`];

  it('refuses a wrong or missing token before the socket opens', async () => {
    const wrong = await tryUpgrade(bridgeUrl(), protocols('0'.repeat(64)), server.origin);
    expect(wrong).toEqual({ opened: false, status: 401 });
    const missing = await tryUpgrade(bridgeUrl(), [BRIDGE_PROTOCOL], server.origin);
    expect(missing).toEqual({ opened: false, status: 401 });
  });

  it('refuses a foreign Origin even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${server.port}`, 'null']) {
      const outcome = await tryUpgrade(bridgeUrl(), protocols(token), origin);
      expect(outcome, origin).toEqual({ opened: false, status: 403 });
    }
  });

  it('accepts the right token and Origin', async () => {
    const outcome = await tryUpgrade(bridgeUrl(), protocols(token), server.origin);
    expect(outcome.opened).toBe(true);
    if (outcome.opened) {
      expect(outcome.socket.protocol).toBe(BRIDGE_PROTOCOL);
      outcome.socket.close();
    }
  });

  it('answers calls with data from the engine', async () => {
    const info = await api.call('app:info');
    expect(info).toMatchObject({
      ok: true,
      value: { name: 'Hookscope', shell: 'browser', dataDir: engine.dataDir },
    });
    const receiver = await api.call('receiver:info');
    expect(receiver).toEqual({
      ok: true,
      value: { url: engine.receiver.url, port: engine.receiver.port, publicUrl: null },
    });
  });

  it('carries body bytes exactly, as bytes', async () => {
    const body = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const posted = await fetch(`${engine.receiver.url}/bytes?x=1`, { method: 'POST', body });
    expect(posted.status).toBe(200);
    const page = await api.call('deliveries:list', { pathPrefix: '/bytes' });
    if (!page.ok) throw new Error(page.error.message);
    const id = page.value.items[0]?.id ?? '';
    const detail = await api.call('deliveries:get', { id });
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.body).toBeInstanceOf(Uint8Array);
    expect([...detail.value.body]).toEqual([...body]);
    expect(detail.value.target).toBe('/bytes?x=1');
  });

  it('validates input like IPC does and keeps error codes', async () => {
    const invalid = await api.call('deliveries:list', { limit: -1 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!invalid.ok) expect(invalid.error.message).toContain('limit');
    const missing = await api.call('deliveries:get', { id: 'no-such-id' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers unknown calls and malformed messages without dropping the connection', async () => {
    const outcome = await tryUpgrade(bridgeUrl(), protocols(token), server.origin);
    if (!outcome.opened) throw new Error('bridge refused');
    const socket = outcome.socket;
    const replies: unknown[] = [];
    const twoReplies = new Promise<void>((resolve) =>
      socket.on('message', (data: Buffer) => {
        replies.push(decodeMessage(data));
        if (replies.length === 2) resolve();
      }),
    );
    socket.send(encodeMessage({ type: 'call', id: 1, name: 'deliveries:nuke', input: {} }));
    socket.send(encodeMessage({ type: 'nonsense', id: 2 }));
    await twoReplies;
    // Calls run concurrently, so answers may come in either order.
    replies.sort((a, b) => (a as { id: number }).id - (b as { id: number }).id);
    expect(replies).toEqual([
      {
        type: 'result',
        id: 1,
        result: {
          ok: false,
          error: { code: 'unknown-call', message: 'unknown call "deliveries:nuke"' },
        },
      },
      {
        type: 'result',
        id: 2,
        result: { ok: false, error: { code: 'invalid-input', message: 'not a call message' } },
      },
    ]);
    socket.close();
  });

  it('pushes captured deliveries as events', async () => {
    const captured = new Promise<EventPayload<'deliveries:captured'>>((resolve) => {
      const stop = api.on('deliveries:captured', (items) => {
        if (items.some((item) => item.target === '/event-test')) {
          stop();
          resolve(items);
        }
      });
    });
    await fetch(`${engine.receiver.url}/event-test`, { method: 'POST', body: '{}' });
    const items = await captured;
    expect(items.find((item) => item.target === '/event-test')?.method).toBe('POST');
  });
});
