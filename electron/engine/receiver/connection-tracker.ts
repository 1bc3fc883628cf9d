import type { Duplex } from 'node:stream';
import type { ResolvedLimits } from './types';

const STATE = Symbol('hookscope.connection');

/** A request whose head or body is still arriving: the guard may cut it. */
export interface ReadingExchange {
  /** Body bytes seen so far (after transfer decoding). */
  readonly bodySeen: number;
  /**
   * Stop reading and answer `status` (the answer is recorded with the request when its head was
   * read). Returns false when there is nothing left to refuse (the body already ended).
   */
  refuse(status: number, message: string): boolean;
}

interface ConnectionState {
  readonly socket: Duplex;
  readonly source: string;
  readonly openedAt: number;
  /** Requests between arrival and answer (node may hold several when the sender pipelines). */
  active: number;
  reading: ReadingExchange | null;
  /** The body is arriving: the minimum upload rate applies. */
  inBody: boolean;
  windowAt: number;
  windowSeen: number;
  /** Deadlines only the raw path needs (node enforces its own for the requests it parses). */
  headUntil: number;
  requestUntil: number;
  /** Why the guard closed this connection, for the record of a request cut by it. */
  closedBecause: string | undefined;
}

interface GuardedSocket {
  [STATE]?: ConnectionState;
  bytesRead?: number;
}

/** Connections younger than this are never evicted while an older one could go instead. */
const EVICTION_GRACE_MS = 1_000;

/** Cut messages: the same text on both parser paths, so records of either path compare equal. */
export const TOO_SLOW = (rate: number): string => `upload slower than ${rate} bytes/s`;
// node answers both of its deadlines with the same words (ERR_HTTP_REQUEST_TIMEOUT).
export const HEAD_TIMEOUT = 'request timed out';
export const REQUEST_TIMEOUT = 'request timed out';

/**
 * Every open connection (TCP and tunnel): how many requests each is working on (so close() can
 * drop idle ones at once, including connections that never sent a byte), and the lock-out guard:
 * per-source and total caps enforced by eviction, the minimum upload rate, and the raw path's head
 * and request deadlines. One sweep timer for the whole receiver; per connection one state object,
 * per request a few field writes.
 */
export class ConnectionTracker {
  private readonly open = new Set<Duplex>();
  private readonly bySource = new Map<string, Set<ConnectionState>>();
  private readonly timer: NodeJS.Timeout;
  private readonly minWindowBytes: number;

  constructor(private readonly limits: ResolvedLimits) {
    this.minWindowBytes = (limits.minUploadBytesPerSecond * limits.uploadRateWindowMs) / 1000;
    const shortest = Math.min(limits.uploadRateWindowMs, limits.headersTimeoutMs);
    this.timer = setInterval(() => this.sweep(), Math.max(50, Math.min(1_000, shortest / 4)));
    this.timer.unref();
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * A new connection from `source`. At a cap the newcomer is kept and the worst evictable
   * connection goes instead (README "No lock-out"); false only when nothing could be evicted and
   * the total cap is reached, and then the newcomer has been destroyed.
   */
  add(socket: Duplex, source: string): boolean {
    let peers = this.bySource.get(source);
    if (peers !== undefined && peers.size >= this.limits.maxConnectionsPerSource) {
      this.evictFrom(
        peers,
        `more than ${this.limits.maxConnectionsPerSource} connections from ${source}`,
      );
    }
    if (this.open.size >= this.limits.maxConnections) {
      const busiest = this.busiestSource();
      const evicted =
        busiest !== undefined &&
        this.evictFrom(busiest, `more than ${this.limits.maxConnections} connections open`);
      if (!evicted && this.open.size >= this.limits.maxConnections) {
        socket.destroy();
        return false;
      }
    }
    if (peers === undefined) {
      peers = new Set();
      this.bySource.set(source, peers);
    }
    const now = performance.now();
    const state: ConnectionState = {
      socket,
      source,
      openedAt: now,
      active: 0,
      reading: null,
      inBody: false,
      windowAt: now,
      windowSeen: 0,
      headUntil: Infinity,
      requestUntil: Infinity,
      closedBecause: undefined,
    };
    (socket as GuardedSocket)[STATE] = state;
    this.open.add(socket);
    peers.add(state);
    socket.once('close', () => this.forget(state));
    return true;
  }

  begin(socket: Duplex): void {
    const state = stateOf(socket);
    if (state) state.active++;
  }

  end(socket: Duplex): void {
    const state = stateOf(socket);
    if (state) state.active--;
  }

  /** node's parser read a head: its body is arriving now (`now` from performance.now()). */
  readingBody(socket: Duplex, exchange: ReadingExchange, now: number): void {
    const state = stateOf(socket);
    if (!state) return;
    state.reading = exchange;
    state.inBody = true;
    state.windowAt = now;
    state.windowSeen = 0;
  }

  /**
   * The raw path took a connection over inside a request head: it gets the same head and request
   * deadlines node applies to the requests it parses.
   */
  readingRawHead(socket: Duplex, exchange: ReadingExchange, now: number): void {
    const state = stateOf(socket);
    if (!state) return;
    state.reading = exchange;
    state.inBody = false;
    state.headUntil = now + this.limits.headersTimeoutMs;
    state.requestUntil = now + this.limits.requestTimeoutMs;
  }

  /** The raw path finished a head: from now on the rate applies, the head deadline no longer. */
  rawHeadDone(socket: Duplex, now: number): void {
    const state = stateOf(socket);
    if (!state) return;
    state.headUntil = Infinity;
    state.inBody = true;
    state.windowAt = now;
    state.windowSeen = 0;
  }

  /** Reading ended (complete, refused or aborted); only `exchange` may clear its own mark. */
  doneReading(socket: Duplex, exchange: ReadingExchange): void {
    const state = stateOf(socket);
    if (!state || state.reading !== exchange) return;
    state.reading = null;
    state.inBody = false;
    state.headUntil = Infinity;
    state.requestUntil = Infinity;
  }

  /** The request whose head or body is arriving on this socket, if any. */
  readingExchange(socket: Duplex): ReadingExchange | null {
    return stateOf(socket)?.reading ?? null;
  }

  /** The connection is being closed after an error answer: later parse errors are ignored. */
  closing(socket: Duplex, reason: string): void {
    const state = stateOf(socket);
    if (state && state.closedBecause === undefined) state.closedBecause = reason;
  }

  /** Why the guard closed this connection (undefined when it did not). */
  closedBecause(socket: Duplex): string | undefined {
    return stateOf(socket)?.closedBecause;
  }

  destroyIdle(): void {
    for (const socket of this.open) if (!stateOf(socket)?.active) socket.destroy();
  }

  destroyAll(): void {
    clearInterval(this.timer);
    for (const socket of this.open) socket.destroy();
  }

  private forget(state: ConnectionState): void {
    this.open.delete(state.socket);
    const peers = this.bySource.get(state.source);
    if (!peers) return;
    peers.delete(state);
    if (peers.size === 0) this.bySource.delete(state.source);
  }

  private busiestSource(): Set<ConnectionState> | undefined {
    let busiest: Set<ConnectionState> | undefined;
    for (const peers of this.bySource.values())
      if (!busiest || peers.size > busiest.size) busiest = peers;
    return busiest;
  }

  /**
   * Closes the worst evictable connection among `peers`: never one whose request is being
   * answered; prefer connections past their grace period, then the lowest average inbound rate
   * (idle and trickling connections score near zero, a sender doing real work scores high).
   */
  private evictFrom(peers: Set<ConnectionState>, reason: string): boolean {
    const now = performance.now();
    let victim: ConnectionState | undefined;
    let victimScore = Infinity;
    for (const state of peers) {
      if (state.socket.destroyed) continue;
      // A request fully read and awaiting its stored answer is work in progress, not abuse.
      if (state.active > (state.reading ? 1 : 0)) continue;
      const age = now - state.openedAt;
      const bytes = (state.socket as GuardedSocket).bytesRead ?? state.reading?.bodySeen ?? 0;
      // Young connections rank after every old one, so a newcomer is not evicted before it has
      // had the time to send its request.
      const score = (age < EVICTION_GRACE_MS ? 1e12 : 0) + bytes / Math.max(age, 1);
      if (score < victimScore) {
        victim = state;
        victimScore = score;
      }
    }
    if (!victim) return false;
    victim.closedBecause = `connection evicted: ${reason}`;
    this.forget(victim);
    victim.socket.destroy();
    return true;
  }

  /** Runs every tick: the minimum upload rate (both paths) and the raw path's deadlines. */
  private sweep(): void {
    const now = performance.now();
    const window = this.limits.uploadRateWindowMs;
    for (const socket of this.open) {
      const state = stateOf(socket);
      const reading = state?.reading;
      if (!state || !reading) continue;
      if (now >= state.requestUntil) {
        this.cut(state, reading, REQUEST_TIMEOUT);
      } else if (now >= state.headUntil) {
        this.cut(state, reading, HEAD_TIMEOUT);
      } else if (state.inBody && now - state.windowAt >= window) {
        const seen = reading.bodySeen;
        if (seen - state.windowSeen < this.minWindowBytes) {
          this.cut(state, reading, TOO_SLOW(this.limits.minUploadBytesPerSecond));
        } else {
          state.windowAt = now;
          state.windowSeen = seen;
        }
      }
    }
  }

  private cut(state: ConnectionState, reading: ReadingExchange, message: string): void {
    state.closedBecause = message;
    if (!reading.refuse(408, message)) this.doneReading(state.socket, reading);
  }
}

function stateOf(socket: Duplex): ConnectionState | undefined {
  return (socket as GuardedSocket)[STATE];
}
