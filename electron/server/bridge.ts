import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { PushedEvent } from '../contract/api';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  CallMessage,
  type ServerMessage,
} from '../contract/bridge-messages';
import { fail, type Result } from '../contract/result';
import { decodeMessage, encodeMessage } from '../contract/wire';
import { dispatchCall } from '../engine/api/dispatch-call';
import type { Handlers } from '../engine/api/handlers';
import { checkUpgrade } from './request-guards';

export interface BridgeOptions {
  port: number;
  token: string;
  handlers: Handlers;
  /** Hears internal errors (bugs) from handlers. */
  report?: (error: unknown, context: string) => void;
  /** Largest frame a client may send; calls are small, replay bodies are capped elsewhere. */
  maxPayloadBytes?: number;
}

export interface Bridge {
  /** Sends one batch of events to every connected page (encoded once). */
  broadcast(events: PushedEvent[]): void;
  readonly clientCount: number;
  close(): Promise<void>;
}

// A page that stops reading gets cut off rather than growing this process's memory without bound;
// it reconnects and re-hydrates.
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

const toBytes = (data: RawData): Buffer =>
  Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);

/**
 * The WebSocket bridge at /bridge: the same calls and events as Electron IPC, for the browser build.
 * An upgrade proceeds only with this server's Host and Origin and the per-run token.
 */
export function attachBridge(server: Server, options: BridgeOptions): Bridge {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? 32 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(request, {
      port: options.port,
      token: options.token,
      path: BRIDGE_PATH,
    });
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.reason);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  const send = (ws: WebSocket, message: ServerMessage) => {
    let frame: Uint8Array;
    try {
      frame = encodeMessage(message);
    } catch (error) {
      options.report?.(error, 'encoding a bridge message');
      if (message.type !== 'result') return;
      frame = encodeMessage({ ...message, result: fail('internal', (error as Error).message) });
    }
    if (ws.readyState === ws.OPEN) ws.send(frame, { binary: true });
  };

  const onMessage = async (ws: WebSocket, data: RawData, isBinary: boolean) => {
    if (!isBinary) {
      ws.close(1003, 'binary frames only');
      return;
    }
    let decoded: unknown;
    try {
      decoded = decodeMessage(toBytes(data));
    } catch (error) {
      ws.close(1007, (error as Error).message.slice(0, 120));
      return;
    }
    const message = CallMessage.safeParse(decoded);
    if (!message.success) {
      const id = (decoded as { id?: unknown } | null)?.id;
      // Without a usable id there is no call to answer: the page is broken, so say so and hang up.
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        ws.close(1008, 'not a call message');
        return;
      }
      send(ws, { type: 'result', id, result: fail('invalid-input', 'not a call message') });
      return;
    }
    const { id, name, input } = message.data;
    const result: Result<unknown> = await dispatchCall(
      options.handlers,
      name,
      input,
      (error, call) => options.report?.(error, call),
    );
    send(ws, { type: 'result', id, result });
  };

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    ws.on('error', (error) => options.report?.(error, 'bridge socket'));
  });

  return {
    broadcast(events) {
      if (events.length === 0 || wss.clients.size === 0) return;
      const frame = encodeMessage({ type: 'events', events } satisfies ServerMessage);
      for (const ws of wss.clients) {
        if (ws.readyState !== ws.OPEN) continue;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
        else ws.send(frame, { binary: true });
      }
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'Hookscope is shutting down');
      return new Promise((resolveClose) => wss.close(() => resolveClose()));
    },
  };
}
