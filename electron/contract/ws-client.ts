// The browser build's HookscopeApi: calls and events over the WebSocket bridge. Browser-compatible
// (uses the global WebSocket); the renderer imports it as is.
import type { CallName, EventListener, EventName, HookscopeApi, PushedEvent } from './api';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
  tokenFromHash,
  type CallMessage,
  type ServerMessage,
} from './bridge-messages';
import { isCallName } from './names';
import { fail, type Result } from './result';
import { decodeMessage, encodeMessage } from './wire';

/** The part of the browser WebSocket this client uses (the `ws` package matches it too). */
export interface MinimalWebSocket {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string, protocols: string[]) => MinimalWebSocket;

export interface WebSocketApiOptions {
  /** Defaults to the global WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** Waits between reconnect attempts; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
}

export interface WebSocketApi extends HookscopeApi {
  /** Told true on every (re)connect and false on every drop. Re-hydrate after a reconnect. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Closes the socket for good; pending and queued calls fail with 'unavailable'. */
  close(): void;
}

// The contract compiles without DOM or Node typings; every runtime it runs in has these.
interface TimerGlobals {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  WebSocket?: WebSocketConstructor;
}
const runtime = globalThis as unknown as TimerGlobals;

const OPEN = 1;
const DEFAULT_DELAYS = [250, 500, 1000, 2000, 5000];

type Resolve = (result: Result<unknown>) => void;

/** Reports a listener's exception without stopping delivery to the other listeners. */
const rethrowLater = (error: unknown) =>
  runtime.setTimeout(() => {
    throw error;
  }, 0);

export function createWebSocketApi(
  url: string,
  token: string,
  options: WebSocketApiOptions = {},
): WebSocketApi {
  const Socket = options.WebSocket ?? runtime.WebSocket;
  if (!Socket) throw new Error('no WebSocket implementation in this runtime');
  const delays = options.reconnectDelaysMs?.length ? options.reconnectDelaysMs : DEFAULT_DELAYS;

  const inFlight = new Map<number, Resolve>();
  // Calls made while disconnected: sent on the next open.
  const queued: Array<{ frame: Uint8Array; id: number }> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let nextId = 1;
  let attempt = 0;
  let open = false;
  let closedForGood = false;
  let reconnectTimer: unknown = null;
  let socket: MinimalWebSocket;

  const setConnected = (connected: boolean) => {
    for (const listener of connectionListeners) {
      try {
        listener(connected);
      } catch (error) {
        rethrowLater(error);
      }
    }
  };

  const deliverEvents = (events: PushedEvent[]) => {
    for (const { event, payload } of events) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          rethrowLater(error);
        }
      }
    }
  };

  const onFrame = (data: unknown) => {
    if (!(data instanceof ArrayBuffer)) return;
    let message: ServerMessage;
    try {
      message = decodeMessage(new Uint8Array(data)) as ServerMessage;
    } catch (error) {
      rethrowLater(error);
      return;
    }
    if (message.type === 'result') {
      const resolve = inFlight.get(message.id);
      inFlight.delete(message.id);
      resolve?.(message.result);
    } else if (message.type === 'events' && Array.isArray(message.events)) {
      deliverEvents(message.events);
    }
  };

  const connect = () => {
    socket = new Socket(url, [BRIDGE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      attempt = 0;
      open = true;
      for (const { frame, id } of queued.splice(0)) {
        if (inFlight.has(id)) socket.send(frame);
      }
      setConnected(true);
    };
    socket.onmessage = (event) => onFrame(event.data);
    socket.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    socket.onclose = () => {
      const wasOpen = open;
      open = false;
      // Calls already sent may or may not have run: the caller decides whether to retry.
      for (const [id, resolve] of inFlight) {
        if (queued.some((entry) => entry.id === id)) continue;
        inFlight.delete(id);
        resolve(fail('unavailable', 'the connection to Hookscope was lost'));
      }
      if (wasOpen) setConnected(false);
      if (closedForGood) return;
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      attempt += 1;
      reconnectTimer = runtime.setTimeout(connect, delay);
    };
  };

  const call = (name: CallName, input?: unknown): Promise<Result<unknown>> => {
    if (closedForGood) return Promise.resolve(fail('unavailable', 'the bridge was closed'));
    if (!isCallName(name)) {
      return Promise.resolve(fail('unknown-call', `unknown call "${String(name)}"`));
    }
    const id = nextId++;
    let frame: Uint8Array;
    try {
      frame = encodeMessage({ type: 'call', id, name, input } satisfies CallMessage);
    } catch (error) {
      return Promise.resolve(fail('invalid-input', (error as Error).message));
    }
    return new Promise((resolve) => {
      inFlight.set(id, resolve);
      if (socket.readyState === OPEN) socket.send(frame);
      else queued.push({ frame, id });
    });
  };

  const api: WebSocketApi = {
    call: call as HookscopeApi['call'],
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      if (closedForGood) return;
      closedForGood = true;
      if (reconnectTimer !== null) runtime.clearTimeout(reconnectTimer);
      queued.length = 0;
      for (const resolve of inFlight.values())
        resolve(fail('unavailable', 'the bridge was closed'));
      inFlight.clear();
      socket.close(1000, 'closed by the page');
    },
  };

  connect();
  return api;
}

/** The bridge of the page's own server, with the token from the page's URL fragment. */
export function connectFromLocation(
  location: { protocol: string; host: string; hash: string },
  options: WebSocketApiOptions = {},
): WebSocketApi {
  const token = tokenFromHash(location.hash);
  if (!token)
    throw new Error(
      'this page was opened without its #token=...: use the URL `hookscope serve` printed',
    );
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketApi(`${scheme}//${location.host}${BRIDGE_PATH}`, token, options);
}
