import type { Duplex } from 'node:stream';
import type { RawHeaders, DeliveryVia } from '../../contract/delivery';
import type { NewDelivery } from '../delivery';

/** The answer the receiver gives for a request. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
  delayMs?: number;
}

/** Per-path configuration (config file `endpoints[]`). Providers' keys arrive with the providers issue. */
export interface EndpointConfig {
  path: string;
  provider?: string;
  secrets?: string[];
  handshake?: boolean;
  response?: Partial<Answer>;
  /** Provider-specific options (e.g. Kanboard token, generic hmac header). */
  options?: Record<string, unknown>;
  /** Where each delivery of this endpoint is forwarded once stored (fan-out, per-event routing). */
  forward?: ForwardTarget[];
}

/** One forward rule of an endpoint (like `stripe listen --forward-to`). */
export interface ForwardTarget {
  url: string;
  /** Only these events (`task.*` patterns allowed); every delivery when absent. */
  events?: string[];
  /**
   * Answer the sender with this target's answer instead of Hookscope's. The delivery is still
   * stored before the sender gets any answer; a target that is down gives the sender a 502.
   */
  proxy?: boolean;
}

/** What the proxy hook is told about a request it may answer. */
export interface ProxyRequest {
  deliveryId: string;
  capture: IncomingCapture;
  endpoint: EndpointConfig;
  event: string | null;
}

/** A request fully read off the socket, before anything is decided about it. */
export interface IncomingCapture {
  receivedAt: number;
  remoteAddress: string;
  method: string;
  target: string;
  /** As on the request line, e.g. `HTTP/1.1`. */
  httpVersion: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
  size: number;
  truncated: boolean;
  via: DeliveryVia;
}

/**
 * Decides the answer and the derived facts for a captured request: handshakes, custom replies,
 * provider detection. Returns null to fall back to the default answer; an omitted `answer` keeps
 * the endpoint's configured (or the default) answer but still records the facts.
 */
export type Responder = (
  capture: IncomingCapture,
  endpoint: EndpointConfig | null,
) => {
  answer?: Answer;
  facts?: Partial<Pick<NewDelivery, 'provider' | 'event' | 'handshake' | 'verdict'>>;
} | null;

export interface ReceiverLimits {
  maxBodyBytes: number;
  maxHeaderBytes: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  /**
   * Total open connections. Past it the newest connection evicts the worst connection of the
   * busiest source (see README "No lock-out"); it is refused only when nothing is evictable.
   */
  maxConnections: number;
  /** Whole-request deadline (headers + body); node's default of 5 minutes when absent. */
  requestTimeoutMs?: number;
  /** Header lines per request; past it the request is answered 431 and still recorded. */
  maxHeaderCount?: number;
  /**
   * Open connections per remote address. A newcomer past it evicts that source's idle or slowest
   * connection instead of being refused, so the same address (e.g. loopback) is never locked out.
   */
  maxConnectionsPerSource?: number;
  /** A body slower than this over a whole rate window is cut with 408 (both parser paths). */
  minUploadBytesPerSecond?: number;
  /** The window the minimum upload rate is judged over. */
  uploadRateWindowMs?: number;
}

export const DEFAULT_LIMITS: ReceiverLimits = {
  maxBodyBytes: 25 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  headersTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnections: 4_096,
  maxHeaderCount: 1_000,
  maxConnectionsPerSource: 256,
  minUploadBytesPerSecond: 1_024,
  uploadRateWindowMs: 10_000,
};

/** The limits with every optional knob filled in from DEFAULT_LIMITS. */
export type ResolvedLimits = Required<ReceiverLimits>;

/** node's default whole-request deadline, used when requestTimeoutMs is absent. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

export function resolveLimits(limits: ReceiverLimits): ResolvedLimits {
  return {
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    ...(DEFAULT_LIMITS as Required<Omit<ReceiverLimits, 'requestTimeoutMs'>>),
    ...withoutUndefined(limits),
  };
}

function withoutUndefined(limits: ReceiverLimits): Partial<ReceiverLimits> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(limits)) if (value !== undefined) out[key] = value;
  return out as Partial<ReceiverLimits>;
}

/** Bytes kept of a body that exceeded maxBodyBytes. */
export const TRUNCATED_KEEP_BYTES = 64 * 1024;

export interface ReceiverOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  limits: ReceiverLimits;
  /** Read on every request so endpoint edits apply at once. */
  endpoints: () => readonly EndpointConfig[];
  responder?: Responder;
  /**
   * Proxy mode: returns the target's answer for this request, or null when the endpoint has no
   * proxy rule for it. Never rejects (a target that is down is an answer too: a 502).
   */
  proxy?: (request: ProxyRequest) => Promise<Answer> | null;
  /** Must resolve only once the delivery is durable: the answer waits for it. */
  sink: (delivery: NewDelivery) => Promise<void>;
  /**
   * Told about failures the sender cannot see in full (sink rejections, responder crashes, bad
   * endpoint answers). The receiver keeps serving either way.
   */
  onError?: (error: Error, context: string) => void;
  /** How long close() waits for in-flight requests before cutting connections (default 10 s). */
  closeTimeoutMs?: number;
}

/** What a tunnel knows about a forwarded connection's far end. */
export interface TunnelConnectionInfo {
  remoteAddress?: string;
}

export interface Receiver {
  /** e.g. http://127.0.0.1:54321 */
  readonly url: string;
  readonly port: number;
  /**
   * Feeds a connection that arrived through a tunnel (e.g. an ssh2 forwarded stream);
   * deliveries on it are recorded with via: 'tunnel'.
   */
  acceptTunnelConnection(stream: Duplex, info?: TunnelConnectionInfo): void;
  /** Stops accepting, waits for in-flight requests to be answered. */
  close(): Promise<void>;
}
