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
  maxConnections: number;
  /** Whole-request deadline (headers + body); node's default of 5 minutes when absent. */
  requestTimeoutMs?: number;
}

export const DEFAULT_LIMITS: ReceiverLimits = {
  maxBodyBytes: 25 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  headersTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnections: 1_000,
};

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
