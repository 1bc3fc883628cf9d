import type { RawHeaders } from '../../contract/delivery';
import type { SchemaError, SignatureStatus } from '../../contract/verdict';

/** The raw facts a provider looks at. Never a parsed or re-serialized body. */
export interface DeliveryInput {
  method: string;
  /** Path + query exactly as sent. */
  target: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
  receivedAt: number;
  /** Public URL the sender used, when known (Twilio signs the full URL). */
  publicUrl?: string | null;
}

export interface Detection {
  event: string | null;
  /** 0..1: 1 for an unambiguous header, lower for shape-only guesses. */
  confidence: number;
}

export interface VerifyResult {
  status: SignatureStatus;
  /** One sentence a person understands: why it failed or what was checked. */
  reason: string;
  /** What bytes were signed, expected vs received, tolerance, secret index that matched... */
  details?: Record<string, unknown>;
}

/**
 * How a body goes on the wire. `length`: one `Content-Length` body. `chunked`:
 * `Transfer-Encoding: chunked`, in `chunkSizes` pieces when given (a captured delivery's own
 * chunking), else in one chunk.
 */
export type BodyFraming = 'length' | 'chunked';

/** A request about to be sent (forge / replay). `sign` returns a copy with signature headers set. */
export interface OutgoingRequest {
  method: string;
  url: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
  /** Absent means `length`, except that a raw `Transfer-Encoding: chunked` header means `chunked`. */
  framing?: BodyFraming;
  /** With `chunked`: the size of each chunk, summing to the body's length. */
  chunkSizes?: readonly number[];
}

export interface SignOptions {
  /** Seconds since epoch to sign with (fresh timestamp when omitted). */
  timestamp?: number;
  /** Message id for schemes that sign one (Standard Webhooks). */
  messageId?: string;
  [option: string]: unknown;
}

export interface HandshakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Human-readable: "answered Preservica challenge with HMAC-SHA256". */
  description: string;
}

export interface HandshakeConfig {
  secrets: string[];
  options: Record<string, unknown>;
}

export interface EventDefinition {
  /** The provider's own event name (Kanboard `task.create`, Preservica `MOVED`). */
  name: string;
  description: string;
  /** JSON Schema (draft 2020-12 or 07) of the body. */
  schema?: Record<string, unknown>;
  /** A realistic example body, used by forge. */
  template: unknown;
}

export interface VerifyContext {
  secrets: string[];
  options: Record<string, unknown>;
  /** Clock used for timestamp tolerance checks (injected in tests). */
  now: number;
}

/** What forge needs to dress a body as the provider sends it. */
export interface ForgeContext {
  /** Canonical event name (one of `events`). */
  event: string;
  body: Uint8Array;
  /** Milliseconds since epoch. */
  now: number;
  /** Target URL the forged request goes to. */
  url: string;
}

/** The request shape a provider sends besides its signature: every header its receivers require, and the framing. */
export interface ForgeShape {
  /** In the provider's own order and case; fresh ids where the provider sends ids. Never the signature header. */
  headers: RawHeaders;
  framing: BodyFraming;
}

/** The answer to a handshake play, as the player got it. */
export interface HandshakeReply {
  status: number;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

/**
 * How a provider runs its subscription handshake against a URL, and how it judges the answer.
 * The expected value comes from the same function the provider's `handshake` answers with.
 */
export interface HandshakePlay {
  /** Whether the play needs the shared secret / verify token. */
  needsSecret: boolean;
  request(url: URL, secret: string): { request: OutgoingRequest; expected: string };
  /** null when the answer passes, else the reason it fails. */
  judge(answer: HandshakeReply, expected: string): string | null;
}

export interface Provider {
  id: string;
  name: string;
  /** Returns null when the delivery clearly isn't this provider's. */
  detect(delivery: DeliveryInput): Detection | null;
  verify(delivery: DeliveryInput, context: VerifyContext): VerifyResult;
  sign?(request: OutgoingRequest, secret: string, options?: SignOptions): OutgoingRequest;
  handshake?(delivery: DeliveryInput, config: HandshakeConfig): HandshakeAnswer | null;
  /** Plays this provider's handshake against a URL (`hookscope handshake`, the Send view). */
  handshakePlay?: HandshakePlay;
  /** The headers and framing the provider sends with an event (forge). Default: JSON over Content-Length. */
  forge?(context: ForgeContext): ForgeShape;
  events: readonly EventDefinition[];
  /** Other spellings of event names, mapped to a name in `events` (Keyclic's `report_created`). */
  eventAliases?: Readonly<Record<string, string>>;
}

export type { SchemaError };
