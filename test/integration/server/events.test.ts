import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../../electron/contract/api';
import {
  BRIDGE_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
  tokenFromHash,
} from '../../../electron/contract/bridge-messages';
import { decodeMessage } from '../../../electron/contract/wire';
import { createEngine, type Engine } from '../../../electron/engine/index';
import { startUiServer, type UiServer } from '../../../electron/server/index';
import { tryUpgrade } from './helpers';

const REQUESTS = 20;

let root: string;
let engine: Engine;
let server: UiServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-events-'));
  engine = await createEngine({ dataDir: join(root, 'data') });
  // The interval is far longer than the test: the only thing that can trigger a push is the
  // REQUESTS-th pending change, so the batching is observed without depending on timing.
  server = await startUiServer({
    engine,
    port: 0,
    staticDir: root,
    eventIntervalMs: 600_000,
    eventMaxItems: REQUESTS,
  });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('UI server: pushed events', () => {
  it(`pushes ${REQUESTS} POSTs to the receiver as one batched message`, async () => {
    const token = tokenFromHash(new URL(server.url).hash) ?? '';
    const outcome = await tryUpgrade(
      `ws://127.0.0.1:${server.port}/bridge`,
      [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`],
      server.origin,
    );
    if (!outcome.opened) throw new Error(`bridge refused: ${outcome.status}`);
    const messages: Array<{ type: string; events: PushedEvent[] }> = [];
    const firstMessage = new Promise<void>((resolve) =>
      outcome.socket.on('message', (data: Buffer) => {
        messages.push(decodeMessage(data) as { type: string; events: PushedEvent[] });
        resolve();
      }),
    );

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        fetch(`${engine.receiver.url}/batch/${i}`, { method: 'POST', body: `{"n":${i}}` }),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await firstMessage;

    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.type).toBe('events');
    expect(message?.events.map((event) => event.event)).toEqual([
      'deliveries:captured',
      'stats:changed',
    ]);
    const captured = message?.events[0]?.payload as Array<{ target: string }>;
    expect(captured.map((item) => item.target).sort()).toEqual(
      Array.from({ length: REQUESTS }, (_, i) => `/batch/${i}`).sort(),
    );
    expect(message?.events[1]?.payload).toMatchObject({ count: REQUESTS });
    outcome.socket.close();
  });
});
