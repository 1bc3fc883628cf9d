import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ConnectionOrigins } from './connection-origin';
import type { ConnectionTracker } from './connection-tracker';
import type { InFlight } from './in-flight';
import type { SettleContext } from './settle-capture';
import type { ResolvedLimits } from './types';

/** Shared state of one running receiver, passed to the transport handlers. */
export interface ReceiverContext extends SettleContext {
  /** options.limits with every optional knob filled in. */
  readonly limits: ResolvedLimits;
  readonly inFlight: InFlight;
  readonly origins: ConnectionOrigins;
  readonly connections: ConnectionTracker;
  /** Connections served outside node's HTTP parser (custom methods, CONNECT). */
  readonly rawSockets: WeakSet<Duplex>;
  /** Set by close(): answers then ask the peer to close, so connections drain. */
  closing: boolean;
}

const LAST_RESPONSE = Symbol('hookscope.lastResponse');

interface TrackedSocket {
  [LAST_RESPONSE]?: ServerResponse;
}

/** Remembers the newest response node owns on a socket (one property write per request). */
export function rememberResponse(socket: Duplex, res: ServerResponse): void {
  (socket as TrackedSocket)[LAST_RESPONSE] = res;
}

/**
 * Resolves once every answer node queued on this socket has been handed to it, so bytes we
 * write to the socket ourselves come after them, as pipelining requires.
 */
export function responsesFlushed(socket: Duplex): Promise<void> {
  const last = (socket as TrackedSocket)[LAST_RESPONSE];
  if (!last || last.writableFinished || last.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    last.once('finish', resolve);
    last.once('close', resolve);
  });
}
