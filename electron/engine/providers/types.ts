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

/** A request about to be sent (forge / replay). `sign` returns a copy with signature headers set. */
export interface OutgoingRequest {
  method: string;
  url: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
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

export interface Provider {
  id: string;
  name: string;
  /** Returns null when the delivery clearly isn't this provider's. */
  detect(delivery: DeliveryInput): Detection | null;
  verify(delivery: DeliveryInput, context: VerifyContext): VerifyResult;
  sign?(request: OutgoingRequest, secret: string, options?: SignOptions): OutgoingRequest;
  handshake?(delivery: DeliveryInput, config: HandshakeConfig): HandshakeAnswer | null;
  events: readonly EventDefinition[];
}

export type { SchemaError };
